import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { errorAnswer, FAKE_CLIENT_SECRET, startFakeSalesforce, type FakeSalesforce } from '../../helpers/fake-salesforce.js';
import { callContext, salesforceApiFor } from '../../helpers/salesforce-api.js';

const invalidSession = errorAnswer(401, { errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });

describe('the Salesforce session', () => {
  let fake: FakeSalesforce;
  beforeEach(async () => {
    fake = await startFakeSalesforce();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('is replaced once, and the call repeated, when Salesforce answers 401 INVALID_SESSION_ID', async () => {
    const api = salesforceApiFor(fake);
    await api.describe.sobjects(callContext());
    fake.expireSessions();
    await expect(api.describe.sobjects(callContext())).resolves.toEqual(expect.any(Array));
    expect(fake.tokenRequests()).toHaveLength(2);
    const [first, refused, repeated] = fake.apiRequests();
    expect(refused?.authorization).toBe(first?.authorization);
    expect(repeated?.authorization).not.toBe(first?.authorization);
  });

  it('is replaced for a write too, which Salesforce did not carry out the first time', async () => {
    const api = salesforceApiFor(fake);
    await api.describe.sobjects(callContext());
    fake.expireSessions();
    await api.sobjects.create({ sobject: 'Account', values: { Name: 'Acme' } }, callContext());
    expect(fake.data.all('Account')).toHaveLength(1);
  });

  it('is replaced only once per call: a second refusal is reported as upstream_auth', async () => {
    fake.failNext(invalidSession, 2);
    await expect(salesforceApiFor(fake).describe.sobjects(callContext())).rejects.toMatchObject({
      code: 'upstream_auth',
      details: { status: 401, upstreamCode: 'INVALID_SESSION_ID' },
    });
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it('is kept when a 401 names another cause than an invalid session', async () => {
    fake.failNext(errorAnswer(401, { errorCode: 'INVALID_AUTH_HEADER', message: 'INVALID_HEADER_TYPE' }));
    await expect(salesforceApiFor(fake).describe.sobjects(callContext())).rejects.toMatchObject({
      code: 'upstream_auth',
      details: { upstreamCode: 'INVALID_AUTH_HEADER' },
    });
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('is requested once for calls that start together', async () => {
    const api = salesforceApiFor(fake);
    await Promise.all(Array.from({ length: 5 }, () => api.describe.sobjects(callContext())));
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(5);
  });

  it('travels only to the instance, and the credentials only to the login host', async () => {
    await salesforceApiFor(fake).describe.sobjects(callContext());
    expect(fake.tokenRequests().map((request) => request.authorization)).toEqual([undefined]);
    expect(fake.apiRequests().map((request) => request.authorization)).toEqual([expect.stringMatching(/^Bearer 00D/)]);
    expect(fake.apiRequests().some((request) => `${request.body}${JSON.stringify(request.query)}`.includes(FAKE_CLIENT_SECRET))).toBe(false);
  });
});
