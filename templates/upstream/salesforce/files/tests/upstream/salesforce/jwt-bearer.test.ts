import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FAKE_CLIENT_ID, FAKE_USERNAME, startFakeSalesforce, type FakeSalesforce } from '../../helpers/fake-salesforce.js';
import { callContext, salesforceApiFor } from '../../helpers/salesforce-api.js';

function claimsOf(assertion: string): Record<string, unknown> {
  const [header = '', payload = ''] = assertion.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')), ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) };
}

describe('Salesforce sessions from the JWT bearer flow', () => {
  let fake: FakeSalesforce;
  beforeEach(async () => {
    fake = await startFakeSalesforce({ flow: 'jwt_bearer' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('are requested with the jwt-bearer grant and no client secret', async () => {
    await salesforceApiFor(fake).describe.sobjects(callContext());
    const form = new URLSearchParams(fake.tokenRequests()[0]?.body);
    expect([...form.keys()].sort()).toEqual(['assertion', 'grant_type']);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
  });

  it('carry an RS256 assertion for the consumer key, the user and the login host, valid for at most three minutes', async () => {
    const before = Math.floor(Date.now() / 1000);
    await salesforceApiFor(fake).describe.sobjects(callContext());
    const claims = claimsOf(new URLSearchParams(fake.tokenRequests()[0]?.body).get('assertion') ?? '');
    expect(claims).toMatchObject({ header: { alg: 'RS256' }, iss: FAKE_CLIENT_ID, sub: FAKE_USERNAME, aud: fake.loginUrl });
    expect(claims.exp).toBeGreaterThan(before);
    expect(claims.exp).toBeLessThanOrEqual(before + 180 + 1);
  });

  it('let API calls go to the instance the token answer names', async () => {
    await salesforceApiFor(fake).describe.sobject('Contact', callContext());
    expect(fake.apiRequests().map((request) => request.path)).toEqual(['/services/data/v66.0/sobjects/Contact/describe']);
  });

  it('report an assertion for a user the app does not allow as upstream_auth, with Salesforce\'s reason', async () => {
    const api = salesforceApiFor(fake, { SALESFORCE_USERNAME: 'someone-else@acme.test' });
    await expect(api.describe.sobjects(callContext())).rejects.toMatchObject({
      code: 'upstream_auth',
      message: expect.stringContaining("user hasn't approved this consumer"),
      details: { upstreamCode: 'invalid_grant' },
    });
  });
});
