import { describe, expect, it } from 'vitest';

import { upstreamApiProblems } from '../../../src/upstream/index.js';
import { testConfig } from '../../helpers/config.js';
import { fakeAppKeyPair } from '../../helpers/fake-salesforce-login.js';

const variables = (problems: string[]) => problems.map((problem) => problem.split(':')[0]);
const myDomain = { SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com', SALESFORCE_AUTH_FLOW: 'client_credentials' };

describe('what the Salesforce API still needs', () => {
  it('is nothing once the client credentials flow has its consumer key and secret and a My Domain', () => {
    const config = testConfig({ ...myDomain, SALESFORCE_CLIENT_ID: 'key', SALESFORCE_CLIENT_SECRET: 'secret' });
    expect(upstreamApiProblems(config)).toEqual([]);
  });

  it('names the consumer key and secret of the client credentials flow', () => {
    expect(variables(upstreamApiProblems(testConfig(myDomain)))).toEqual(['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET']);
  });

  it('asks for the My Domain URL when the client credentials flow points at login.salesforce.com', () => {
    const config = testConfig({ SALESFORCE_LOGIN_URL: 'https://login.salesforce.com', SALESFORCE_AUTH_FLOW: 'client_credentials', SALESFORCE_CLIENT_ID: 'key', SALESFORCE_CLIENT_SECRET: 'secret' });
    expect(upstreamApiProblems(config)).toEqual([expect.stringMatching(/^SALESFORCE_LOGIN_URL: .*My Domain.*https:\/\/acme\.my\.salesforce\.com/)]);
  });

  it('names the username and private key of the JWT bearer flow, which works on login.salesforce.com', () => {
    const config = testConfig({ SALESFORCE_LOGIN_URL: 'https://login.salesforce.com', SALESFORCE_AUTH_FLOW: 'jwt_bearer', SALESFORCE_CLIENT_ID: 'key' });
    expect(variables(upstreamApiProblems(config))).toEqual(['SALESFORCE_USERNAME', 'SALESFORCE_PRIVATE_KEY']);
  });

  it('is nothing once the JWT bearer flow has its consumer key, username and private key', () => {
    const config = testConfig({
      SALESFORCE_AUTH_FLOW: 'jwt_bearer',
      SALESFORCE_CLIENT_ID: 'key',
      SALESFORCE_USERNAME: 'integration@acme.com',
      SALESFORCE_PRIVATE_KEY: fakeAppKeyPair().privateKeyPem,
    });
    expect(upstreamApiProblems(config)).toEqual([]);
  });
});
