import { describe, expect, it } from 'vitest';

import { netSuiteTestKeys } from '../../helpers/netsuite-keys.js';
import { withFakeNetSuiteApi } from '../../helpers/netsuite-session.js';
import { callContext } from '../../helpers/upstream-client.js';

const HOUR_MS = 3_600_000;
const REFRESH_BEFORE_MS = 60_000;

describe("the server's NetSuite access token", () => {
  const session = withFakeNetSuiteApi();

  const readCustomer = () => session.api.records.get('customer', '101', callContext());

  it('is obtained with the client credentials grant and a client assertion before the first call', async () => {
    await readCustomer();
    const [tokenRequest] = session.fake.tokenRequests();
    const form = new URLSearchParams(tokenRequest?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(session.fake.assertions).toHaveLength(1);
  });

  it('is sent as a bearer token', async () => {
    await readCustomer();
    expect(session.fake.apiRequests()[0]?.headers.authorization).toBe(`Bearer ${session.fake.issuedTokens[0]}`);
  });

  it('is requested with an assertion NetSuite accepts: certificate ID, client ID, token URL, scope and a short life', async () => {
    await readCustomer();
    const [{ header, payload } = { header: {}, payload: {} }] = session.fake.assertions;
    expect(header).toMatchObject({ alg: 'PS256', typ: 'JWT', kid: session.fake.serverEnv.NETSUITE_CERTIFICATE_ID });
    expect(payload).toMatchObject({ iss: session.fake.serverEnv.NETSUITE_CLIENT_ID, aud: session.fake.tokenUrl, scope: ['rest_webservices'], iat: session.time.now() / 1000 });
    expect((payload.exp ?? Infinity) - (payload.iat ?? 0)).toBeLessThanOrEqual(3600);
  });

  it('is also obtained with an EC certificate and ES256', async () => {
    await session.restartFake({ keys: netSuiteTestKeys('ES256') });
    await readCustomer();
    expect(session.fake.assertions[0]?.header.alg).toBe('ES256');
  });

  it('never carries the private key', async () => {
    await readCustomer();
    const key = session.fake.serverEnv.NETSUITE_PRIVATE_KEY ?? '';
    const keyBody = key.split('\n')[1] ?? key;
    expect(session.fake.requests.some((request) => request.body.includes(keyBody) || JSON.stringify(request.headers).includes(keyBody))).toBe(false);
  });

  it('is reused by later calls', async () => {
    await readCustomer();
    await readCustomer();
    await readCustomer();
    expect(session.fake.tokenRequests()).toHaveLength(1);
    expect(new Set(session.fake.apiRequests().map((request) => request.headers.authorization)).size).toBe(1);
  });

  it('is kept until shortly before it expires', async () => {
    await readCustomer();
    session.time.advance(HOUR_MS - REFRESH_BEFORE_MS - 1);
    await readCustomer();
    expect(session.fake.tokenRequests()).toHaveLength(1);
  });

  it('is replaced ahead of its expiry', async () => {
    await readCustomer();
    session.time.advance(HOUR_MS - REFRESH_BEFORE_MS);
    await readCustomer();
    expect(session.fake.tokenRequests()).toHaveLength(2);
    expect(session.fake.apiRequests()[1]?.headers.authorization).toBe(`Bearer ${session.fake.issuedTokens[1]}`);
  });

  it('is replaced when NetSuite refuses it, and the call is repeated once with the new one', async () => {
    await readCustomer();
    session.fake.expireTokens();
    const record = await readCustomer();
    expect(record.companyName).toBe('Customer 101');
    expect(session.fake.tokenRequests()).toHaveLength(2);
    expect(session.fake.apiRequests().map((request) => request.headers.authorization)).toEqual([
      `Bearer ${session.fake.issuedTokens[0]}`,
      `Bearer ${session.fake.issuedTokens[0]}`,
      `Bearer ${session.fake.issuedTokens[1]}`,
    ]);
  });

  it('is replaced after a revocation too, even for a create (NetSuite did not act on the refused request)', async () => {
    await readCustomer();
    session.fake.revokeTokens();
    const { id } = await session.api.records.create('customer', { companyName: 'Revoked Ltd' }, callContext());
    expect(session.fake.records('customer').filter((record) => record.id === id)).toHaveLength(1);
    expect(session.fake.tokenRequests()).toHaveLength(2);
  });

  it('is requested once for concurrent first calls', async () => {
    await Promise.all(Array.from({ length: 10 }, readCustomer));
    expect(session.fake.tokenRequests()).toHaveLength(1);
    expect(session.fake.apiRequests()).toHaveLength(10);
  });

  it('is refused as upstream_auth when NetSuite does not know the certificate, without the assertion in the message', async () => {
    session.reconfigure({ NETSUITE_CERTIFICATE_ID: 'revoked-certificate' });
    const failure = await readCustomer().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'upstream_auth', details: { upstream: 'NetSuite', status: 400, upstreamCode: 'invalid_client' } });
    const assertion = new URLSearchParams(session.fake.tokenRequests()[0]?.body).get('client_assertion') ?? '';
    expect(assertion).not.toBe('');
    expect(String((failure as Error).message)).not.toContain(assertion);
    expect(session.fake.apiRequests()).toHaveLength(0);
  });

  it('is reported as upstream_unavailable when the token endpoint is down', async () => {
    session.fake.failNext(1, { status: 503 }, 'token');
    await expect(readCustomer()).rejects.toMatchObject({ code: 'upstream_unavailable', details: { status: 503 } });
  });
});
