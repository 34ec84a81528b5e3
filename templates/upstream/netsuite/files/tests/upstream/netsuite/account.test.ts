import { describe, expect, it } from 'vitest';

import { accountHost, accountRestUrl, normaliseAccountId } from '../../../src/upstream/netsuite/account.js';

describe('NetSuite account IDs', () => {
  it('name the REST host of a production account', () => {
    expect(accountHost('1234567')).toBe('1234567.suitetalk.api.netsuite.com');
  });

  it('name a sandbox host in lower case with a hyphen for the underscore', () => {
    expect(accountHost('1234567_SB1')).toBe('1234567-sb1.suitetalk.api.netsuite.com');
  });

  it('name a release preview host the same way', () => {
    expect(accountHost('1234567_RP2')).toBe('1234567-rp2.suitetalk.api.netsuite.com');
  });

  it('name a test drive host in lower case', () => {
    expect(accountHost('TSTDRV1234567')).toBe('tstdrv1234567.suitetalk.api.netsuite.com');
  });

  it('give the REST base URL over https', () => {
    expect(accountRestUrl('1234567_SB1')).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
  });

  it.each([
    ['1234567', '1234567'],
    ['1234567_sb1', '1234567_SB1'],
    ['1234567-sb1', '1234567_SB1'],
    [' tstdrv1234567 ', 'TSTDRV1234567'],
  ])('accept %j as %s', (input, canonical) => {
    expect(normaliseAccountId(input)).toBe(canonical);
  });

  it.each(['', '1234567_XX1', '1234567_SB', 'acme.suitetalk.api.netsuite.com', '1234567/sb1', 'https://1234567.app.netsuite.com'])(
    'refuse %j',
    (input) => {
      expect(normaliseAccountId(input)).toBeUndefined();
    },
  );
});
