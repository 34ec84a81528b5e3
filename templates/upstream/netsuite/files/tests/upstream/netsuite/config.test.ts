import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/errors.js';
import { testConfig } from '../../helpers/config.js';
import { netSuiteTestKeys } from '../../helpers/netsuite-keys.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    testConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('NetSuite settings in the configuration', () => {
  it('read an account ID in its host form as the canonical account ID', () => {
    expect(testConfig({ NETSUITE_ACCOUNT_ID: '1234567-sb1' }).NETSUITE_ACCOUNT_ID).toBe('1234567_SB1');
  });

  it('refuse a malformed account ID with an example of a valid one', () => {
    expect(configError({ NETSUITE_ACCOUNT_ID: 'acme.app.netsuite.com' }).problems).toEqual([expect.stringMatching(/^NETSUITE_ACCOUNT_ID: .*e\.g\. 1234567 or 1234567_SB1/)]);
  });

  it('read a private key written on one line with \\n for its line breaks', () => {
    const oneLine = netSuiteTestKeys('PS256').privateKeyPem.trim().replace(/\n/g, '\\n');
    expect(testConfig({ NETSUITE_PRIVATE_KEY: oneLine }).NETSUITE_PRIVATE_KEY?.asymmetricKeyType).toBe('rsa');
  });

  it('read an EC private key', () => {
    expect(testConfig({ NETSUITE_PRIVATE_KEY: netSuiteTestKeys('ES256').privateKeyPem }).NETSUITE_PRIVATE_KEY?.asymmetricKeyType).toBe('ec');
  });

  it('refuse a private key that is not PEM without repeating the value', () => {
    const error = configError({ NETSUITE_PRIVATE_KEY: 'not-a-key-but-maybe-a-secret' });
    expect(error.problems).toEqual([expect.stringMatching(/^NETSUITE_PRIVATE_KEY: expected the unencrypted PEM private key/)]);
    expect(error.message).not.toContain('not-a-key-but-maybe-a-secret');
  });

  it('refuse a certificate in place of its private key', () => {
    const certificateLike = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(configError({ NETSUITE_PRIVATE_KEY: certificateLike }).problems).toEqual([expect.stringMatching(/^NETSUITE_PRIVATE_KEY: /)]);
  });

  it('sign with PS256 and ask for rest_webservices unless told otherwise', () => {
    const config = testConfig();
    expect(config.NETSUITE_SIGNING_ALGORITHM).toBe('PS256');
    expect(config.NETSUITE_SCOPES).toEqual(['rest_webservices']);
  });

  it('read the signing algorithm in any case', () => {
    expect(testConfig({ NETSUITE_SIGNING_ALGORITHM: 'es256' }).NETSUITE_SIGNING_ALGORITHM).toBe('ES256');
  });

  it('refuse a signing algorithm NetSuite does not take here', () => {
    expect(configError({ NETSUITE_SIGNING_ALGORITHM: 'RS256' }).problems).toEqual([expect.stringMatching(/^NETSUITE_SIGNING_ALGORITHM: expected PS256 .* or ES256/)]);
  });

  it('read scopes separated by commas or spaces', () => {
    expect(testConfig({ NETSUITE_SCOPES: 'rest_webservices, restlets suite_analytics' }).NETSUITE_SCOPES).toEqual(['rest_webservices', 'restlets', 'suite_analytics']);
  });

  it('refuse an unknown scope', () => {
    expect(configError({ NETSUITE_SCOPES: 'rest_webservices,admin' }).problems).toEqual([expect.stringMatching(/^NETSUITE_SCOPES\.1: expected NetSuite scopes/)]);
  });

  it('read the REST URL without a trailing slash', () => {
    expect(testConfig({ NETSUITE_REST_URL: 'https://1234567.suitetalk.api.netsuite.com/' }).NETSUITE_REST_URL).toBe('https://1234567.suitetalk.api.netsuite.com');
  });
});
