import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeSalesforce, type FakeSalesforce } from '../../helpers/fake-salesforce.js';
import { callContext, salesforceApiFor } from '../../helpers/salesforce-api.js';

describe('Salesforce sessions from the client credentials flow', () => {
  let fake: FakeSalesforce;
  beforeEach(async () => {
    fake = await startFakeSalesforce({ flow: 'client_credentials' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('are requested at the login host with the consumer key and secret', async () => {
    await salesforceApiFor(fake).describe.sobjects(callContext());
    const [tokenRequest] = fake.tokenRequests();
    expect(tokenRequest).toMatchObject({ method: 'POST', path: '/services/oauth2/token' });
    const form = new URLSearchParams(tokenRequest?.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET });
  });

  it('send API calls to the instance_url of the token answer, below the configured API version', async () => {
    await salesforceApiFor(fake).describe.sobjects(callContext());
    expect(fake.apiRequests().map((request) => request.path)).toEqual(['/services/data/v66.0/sobjects']);
    expect(fake.tokenRequests().every((request) => request.path === '/services/oauth2/token')).toBe(true);
  });

  it('are reused by later calls: Salesforce names no expiry', async () => {
    const api = salesforceApiFor(fake);
    await api.describe.sobjects(callContext());
    await api.describe.sobject('Account', callContext());
    await api.soql.query('SELECT Id FROM Account', callContext());
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(new Set(fake.apiRequests().map((request) => request.authorization)).size).toBe(1);
  });

  it('report a refused consumer secret as upstream_auth, without the secret', async () => {
    const api = salesforceApiFor(fake, { SALESFORCE_CLIENT_SECRET: 'wrong-secret-value' });
    const failure = api.describe.sobjects(callContext());
    await expect(failure).rejects.toMatchObject({ code: 'upstream_auth', details: { status: 400, upstreamCode: 'invalid_client' } });
    await expect(failure).rejects.not.toHaveProperty('message', expect.stringContaining('wrong-secret-value'));
    expect(fake.apiRequests()).toEqual([]);
  });

  it('report a token endpoint that is down as upstream_unavailable', async () => {
    fake.failTokenRequests({ status: 503, body: { error: 'temporarily_unavailable' } });
    await expect(salesforceApiFor(fake).describe.sobjects(callContext())).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });

  it('are refused when the token answer names an instance that is not https', async () => {
    fake.failTokenRequests({ status: 200, body: { access_token: '00Dx!session', instance_url: 'http://instance.example.com', token_type: 'Bearer' } });
    await expect(salesforceApiFor(fake).describe.sobjects(callContext())).rejects.toMatchObject({ code: 'upstream_unknown' });
    expect(fake.apiRequests()).toEqual([]);
  });
});
