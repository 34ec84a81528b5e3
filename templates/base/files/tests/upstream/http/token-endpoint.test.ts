import { generateKeyPairSync } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { UpstreamAuthError, UpstreamUnavailableError } from '../../../src/upstream/http/errors.js';
import { accessTokenFrom, requestToken, type ClientAuthentication } from '../../../src/upstream/http/token-endpoint.js';
import { FakeHttpUpstream, signClientAssertion } from '../../helpers/fake-http-upstream.js';

/** A secret with characters that must be form-encoded before HTTP Basic (RFC 6749 section 2.3.1). */
const SECRET = 'p@ss:w/rd+ %';
const KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CLIENTS = [
  { clientId: 'svc client', clientSecret: SECRET },
  { clientId: 'jwt-client', publicKey: KEYS.publicKey },
];

let fake: FakeHttpUpstream;
beforeEach(async () => {
  fake = await FakeHttpUpstream.start({ clients: CLIENTS });
});
afterEach(async () => {
  await fake.close();
});

function tokenRequest(client: ClientAuthentication, overrides: { tokenUrl?: string; timeoutMs?: number; signal?: AbortSignal } = {}) {
  return requestToken({
    upstream: 'Fake API',
    tokenUrl: fake.tokenUrl,
    params: { grant_type: 'client_credentials', scope: 'read write' },
    client,
    timeoutMs: 2_000,
    ...overrides,
  });
}

const basic: ClientAuthentication = { method: 'client_secret_basic', clientId: 'svc client', clientSecret: SECRET };
const sentForm = (index = 0) => new URLSearchParams(fake.tokenRequests[index]?.body);

describe('token requests', () => {
  it('POST the grant as a form and read the JSON answer', async () => {
    const response = await tokenRequest(basic);
    expect(response).toMatchObject({ access_token: fake.issuedTokens[0], token_type: 'Bearer', expires_in: 3600 });
    expect(fake.tokenRequests[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(Object.fromEntries(sentForm())).toEqual({ grant_type: 'client_credentials', scope: 'read write' });
  });

  it('client_secret_basic: HTTP Basic of the form-encoded client ID and secret, nothing in the body', async () => {
    await tokenRequest(basic);
    const expected = Buffer.from(`svc+client:${encodeURIComponent(SECRET).replace(/%20/g, '+')}`).toString('base64');
    expect(fake.tokenRequests[0]?.headers.authorization).toBe(`Basic ${expected}`);
    expect(sentForm().has('client_secret')).toBe(false);
  });

  it('client_secret_post: client_id and client_secret in the body, no Authorization header', async () => {
    await tokenRequest({ method: 'client_secret_post', clientId: 'svc client', clientSecret: SECRET });
    expect(sentForm().get('client_id')).toBe('svc client');
    expect(sentForm().get('client_secret')).toBe(SECRET);
    expect(fake.tokenRequests[0]?.headers.authorization).toBeUndefined();
  });

  it('private_key_jwt: a fresh signed assertion with the jwt-bearer assertion type (RFC 7523)', async () => {
    let assertions = 0;
    const client: ClientAuthentication = {
      method: 'private_key_jwt',
      clientId: 'jwt-client',
      assertion: async () => {
        assertions += 1;
        return signClientAssertion(KEYS.privateKey, { clientId: 'jwt-client', audience: fake.tokenUrl });
      },
    };
    expect((await tokenRequest(client)).access_token).toBe(fake.issuedTokens[0]);
    await tokenRequest(client);
    expect(assertions).toBe(2);
    expect(sentForm().get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(sentForm().get('client_id')).toBe('jwt-client');
    expect(fake.tokenRequests[0]?.headers.authorization).toBeUndefined();
  });

  it('none: only the grant parameters', async () => {
    fake.respondToTokenRequest({ body: { access_token: 'granted' } });
    await tokenRequest({ method: 'none' });
    expect(Object.fromEntries(sentForm())).toEqual({ grant_type: 'client_credentials', scope: 'read write' });
    expect(fake.tokenRequests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('token request failures', () => {
  it('report refused credentials as upstream_auth, naming the OAuth error', async () => {
    const error = await tokenRequest({ ...basic, clientSecret: 'wrong' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamAuthError);
    expect(error).toMatchObject({ details: { upstream: 'Fake API', status: 401, upstreamCode: 'invalid_client' } });
    expect((error as Error).message).toBe("The Fake API token endpoint refused this server's credentials (HTTP 401): invalid_client: Client authentication failed");
  });

  it('never repeat the secret, even when the endpoint echoes it', async () => {
    fake.respondToTokenRequest({ status: 400, body: { error: 'invalid_grant', error_description: `secret ${SECRET} is not valid for svc client` } });
    const error = await tokenRequest(basic).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamAuthError);
    expect((error as Error).message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect((error as Error).message).toContain('secret [redacted] is not valid');
  });

  it.each(['invalid_grant', 'unauthorized_client', 'invalid_scope'])('report a 400 %s as upstream_auth', async (oauthError) => {
    fake.respondToTokenRequest({ status: 400, body: { error: oauthError } });
    await expect(tokenRequest(basic)).rejects.toMatchObject({ code: 'upstream_auth', details: { status: 400, upstreamCode: oauthError } });
  });

  it.each([500, 503])('report HTTP %i as upstream_unavailable', async (status) => {
    fake.respondToTokenRequest({ status, body: 'maintenance' });
    const error = await tokenRequest(basic).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ details: { status, reason: 'status' } });
    expect((error as Error).message).toBe(`The Fake API token endpoint is unavailable (HTTP ${status})`);
  });

  it('report an unreachable endpoint as upstream_unavailable (reason network)', async () => {
    fake.respondToTokenRequest({ hangUp: true });
    await expect(tokenRequest(basic)).rejects.toMatchObject({ code: 'upstream_unavailable', details: { reason: 'network' } });
  });

  it('report a slow endpoint as upstream_unavailable (reason timeout)', async () => {
    fake.respondToTokenRequest({ delayMs: 5_000 });
    await expect(tokenRequest(basic, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'upstream_unavailable', details: { reason: 'timeout' } });
  });

  it('report a success without an access token as upstream_unavailable', async () => {
    fake.respondToTokenRequest({ body: { token_type: 'Bearer' } });
    await expect(tokenRequest(basic)).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it("reject with the caller's abort reason, not an upstream error", async () => {
    fake.respondToTokenRequest({ delayMs: 5_000 });
    const controller = new AbortController();
    const pending = tokenRequest(basic, { signal: controller.signal });
    controller.abort(new Error('caller went away'));
    await expect(pending).rejects.toThrow('caller went away');
  });
});

describe('accessTokenFrom', () => {
  const now = Date.UTC(2030, 0, 1);

  it('turns expires_in seconds into an expiry time', () => {
    expect(accessTokenFrom({ access_token: 'a', expires_in: 3600 }, now)).toEqual({ value: 'a', expiresAt: now + 3_600_000 });
  });

  it('reads expires_in sent as a string', () => {
    expect(accessTokenFrom({ access_token: 'a', expires_in: '60' as unknown as number }, now)).toEqual({ value: 'a', expiresAt: now + 60_000 });
  });

  it('leaves the expiry open when the issuer does not state one', () => {
    expect(accessTokenFrom({ access_token: 'a' }, now)).toEqual({ value: 'a' });
  });

  it('keeps the API address the issuer names', () => {
    expect(accessTokenFrom({ access_token: 'a' }, now, 'https://eu1.example.com')).toEqual({ value: 'a', apiBaseUrl: 'https://eu1.example.com' });
  });
});
