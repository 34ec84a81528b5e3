import { describe, expect, it } from 'vitest';

import { readNetSuiteSettings } from '../../../src/upstream/netsuite/settings.js';
import { testConfig } from '../../helpers/config.js';
import { netSuiteTestKeys } from '../../helpers/netsuite-keys.js';

const credentials = {
  NETSUITE_CLIENT_ID: 'integration-client-id',
  NETSUITE_CERTIFICATE_ID: 'certificate-id',
  NETSUITE_PRIVATE_KEY: netSuiteTestKeys('PS256').privateKeyPem,
};

describe('NetSuite settings', () => {
  it('name every missing credential', () => {
    const { problems } = readNetSuiteSettings(testConfig());
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^NETSUITE_CLIENT_ID: required/),
        expect.stringMatching(/^NETSUITE_CERTIFICATE_ID: required/),
        expect.stringMatching(/^NETSUITE_PRIVATE_KEY: required/),
      ]),
    );
  });

  it('need the account ID when no REST URL is set', () => {
    const { NETSUITE_ACCOUNT_ID: _account, NETSUITE_REST_URL: _restUrl, ...withoutLocation } = testConfig(credentials);
    const { problems } = readNetSuiteSettings(withoutLocation);
    expect(problems).toEqual([expect.stringMatching(/^NETSUITE_ACCOUNT_ID: required to reach NetSuite/)]);
  });

  it('derive the REST and token URLs of a sandbox from its account ID', () => {
    const { NETSUITE_REST_URL: _restUrl, ...config } = testConfig({ ...credentials, NETSUITE_ACCOUNT_ID: '1234567_SB1' });
    const { settings } = readNetSuiteSettings(config);
    expect(settings?.restUrl).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(settings?.tokenUrl).toBe('https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token');
  });

  it('take the REST URL from NETSUITE_REST_URL over the account ID', () => {
    const { settings } = readNetSuiteSettings(testConfig({ ...credentials, NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_REST_URL: 'http://127.0.0.1:8080' }));
    expect(settings?.tokenUrl).toBe('http://127.0.0.1:8080/services/rest/auth/oauth2/v1/token');
  });

  it('refuse an EC key for PS256 assertions', () => {
    const config = testConfig({ ...credentials, NETSUITE_REST_URL: 'http://127.0.0.1:8080', NETSUITE_PRIVATE_KEY: netSuiteTestKeys('ES256').privateKeyPem });
    expect(readNetSuiteSettings(config).problems).toEqual([expect.stringMatching(/^NETSUITE_PRIVATE_KEY: PS256 needs an RSA key.*NETSUITE_SIGNING_ALGORITHM=ES256/)]);
  });

  it('refuse an RSA key for ES256 assertions', () => {
    const config = testConfig({ ...credentials, NETSUITE_REST_URL: 'http://127.0.0.1:8080', NETSUITE_SIGNING_ALGORITHM: 'ES256' });
    expect(readNetSuiteSettings(config).problems).toEqual([expect.stringMatching(/^NETSUITE_PRIVATE_KEY: ES256 needs an EC key on curve P-256/)]);
  });

  it('need the rest_webservices scope', () => {
    const config = testConfig({ ...credentials, NETSUITE_REST_URL: 'http://127.0.0.1:8080', NETSUITE_SCOPES: 'restlets' });
    expect(readNetSuiteSettings(config).problems).toEqual([expect.stringMatching(/^NETSUITE_SCOPES: must include rest_webservices/)]);
  });

  it('are complete with an account, the integration client, the certificate and its key', () => {
    const { settings, problems } = readNetSuiteSettings(testConfig({ ...credentials, NETSUITE_ACCOUNT_ID: '1234567' }));
    expect(problems).toBeUndefined();
    expect(settings).toMatchObject({ clientId: 'integration-client-id', certificateId: 'certificate-id', algorithm: 'PS256', scopes: ['rest_webservices'] });
  });
});
