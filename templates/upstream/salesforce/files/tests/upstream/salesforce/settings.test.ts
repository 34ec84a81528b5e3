import { generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/errors.js';
import { salesforceLoginOrigin } from '../../../src/upstream/salesforce/login-url.js';
import { testConfig } from '../../helpers/config.js';
import { fakeAppKeyPair } from '../../helpers/fake-salesforce-login.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    testConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const rsaKeyPem = () => fakeAppKeyPair().privateKeyPem;

describe('Salesforce settings', () => {
  it('default to a Salesforce login URL, an API version and the client credentials flow', () => {
    const config = testConfig();
    expect(salesforceLoginOrigin(config.SALESFORCE_LOGIN_URL)).toBe(config.SALESFORCE_LOGIN_URL);
    expect(config.SALESFORCE_API_VERSION).toMatch(/^\d+\.0$/);
    expect(config.SALESFORCE_AUTH_FLOW).toBe('client_credentials');
  });

  it('accept My Domain URLs of production orgs and sandboxes, without a trailing slash', () => {
    expect(testConfig({ SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com/' }).SALESFORCE_LOGIN_URL).toBe('https://acme.my.salesforce.com');
    expect(testConfig({ SALESFORCE_LOGIN_URL: 'https://acme--uat.sandbox.my.salesforce.com' }).SALESFORCE_LOGIN_URL).toBe(
      'https://acme--uat.sandbox.my.salesforce.com',
    );
    expect(testConfig({ SALESFORCE_LOGIN_URL: 'https://test.salesforce.com' }).SALESFORCE_LOGIN_URL).toBe('https://test.salesforce.com');
  });

  it('refuse login URLs that are not Salesforce login hosts over https', () => {
    for (const url of ['https://login.example.com', 'http://acme.my.salesforce.com', 'https://acme.my.salesforce.com/services', 'https://acme.my.salesforce.com:8443']) {
      expect(problemsOf({ SALESFORCE_LOGIN_URL: url }), url).toEqual([expect.stringMatching(/^SALESFORCE_LOGIN_URL: .*https:\/\/acme\.my\.salesforce\.com/)]);
    }
  });

  it('take the API version with or without its "v"', () => {
    expect(testConfig({ SALESFORCE_API_VERSION: '62.0' }).SALESFORCE_API_VERSION).toBe('62.0');
    expect(testConfig({ SALESFORCE_API_VERSION: 'v62.0' }).SALESFORCE_API_VERSION).toBe('62.0');
    expect(problemsOf({ SALESFORCE_API_VERSION: 'latest' })).toEqual([expect.stringMatching(/^SALESFORCE_API_VERSION: .*66\.0/)]);
  });

  it('know only the client_credentials and jwt_bearer flows', () => {
    expect(testConfig({ SALESFORCE_AUTH_FLOW: 'jwt_bearer' }).SALESFORCE_AUTH_FLOW).toBe('jwt_bearer');
    expect(problemsOf({ SALESFORCE_AUTH_FLOW: 'password' })).toEqual([expect.stringMatching(/^SALESFORCE_AUTH_FLOW: /)]);
  });

  it('read a PEM private key written on one line with \\n for its line breaks', () => {
    const oneLine = rsaKeyPem().trim().replace(/\n/g, '\\n');
    const config = testConfig({ SALESFORCE_PRIVATE_KEY: oneLine });
    expect(config.SALESFORCE_PRIVATE_KEY?.asymmetricKeyType).toBe('rsa');
  });

  it('refuse a private key that is not an RSA key in PEM form, without repeating it', () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const [value, secretPart] of [
      ['not-a-key-but-a-secret-value', 'a-secret-value'],
      [ecKey, ecKey.split('\n')[1] ?? ''],
    ] as const) {
      const problems = problemsOf({ SALESFORCE_PRIVATE_KEY: value });
      expect(problems).toEqual([expect.stringMatching(/^SALESFORCE_PRIVATE_KEY: expected an RSA private key in PEM form/)]);
      expect(problems.join('\n')).not.toContain(secretPart);
    }
  });

  it('never show the private key when the configuration is printed', () => {
    const pem = rsaKeyPem();
    const config = testConfig({ SALESFORCE_PRIVATE_KEY: pem });
    expect(JSON.stringify(config)).not.toContain(pem.split('\n')[1]);
  });
});
