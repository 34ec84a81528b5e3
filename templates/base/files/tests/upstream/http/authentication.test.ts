import { afterEach, describe, expect, it } from 'vitest';

import { staticTokenSource } from '../../../src/upstream/http/api-key.js';
import { clientCredentialsTokenSource } from '../../../src/upstream/http/client-credentials.js';
import { UpstreamAuthError } from '../../../src/upstream/http/errors.js';
import type { AccessToken, TokenSource } from '../../../src/upstream/http/token-source.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';

const CLIENT = { clientId: 'mcp-server', clientSecret: 's3cr3t-value' };

let fake: FakeHttpUpstream;
afterEach(async () => {
  await fake.close();
});

async function fakeWithTokens(): Promise<{ fake: FakeHttpUpstream; tokenSource: TokenSource }> {
  fake = await FakeHttpUpstream.start({ auth: 'issued-token', clients: [CLIENT] });
  const tokenSource = clientCredentialsTokenSource({
    upstream: 'Fake API',
    tokenUrl: fake.tokenUrl,
    client: { method: 'client_secret_basic', ...CLIENT },
    refreshBeforeMs: 60_000,
    timeoutMs: 2_000,
  });
  return { fake, tokenSource };
}

/** A token source handing out `values` in turn, recording which tokens were invalidated. */
function scriptedTokens(...values: string[]): TokenSource & { invalidated: string[] } {
  const invalidated: string[] = [];
  let current: AccessToken | undefined;
  return {
    invalidated,
    async getAccessToken() {
      current ??= { value: values.shift() ?? 'no-more-tokens' };
      return current;
    },
    invalidate(token) {
      invalidated.push(token.value);
      if (current?.value === token.value) current = undefined;
    },
  };
}

describe('upstream authentication', () => {
  it('presents the token as a bearer token', async () => {
    const { tokenSource } = await fakeWithTokens();
    const { client } = testUpstreamClient(fake, { tokenSource });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
  });

  it('presents the token the way the upstream expects when told how', async () => {
    fake = await FakeHttpUpstream.start({ auth: { header: 'x-api-key', value: 'key-123' } });
    const { client } = testUpstreamClient(fake, { tokenSource: staticTokenSource('key-123'), authorization: (token) => ({ 'x-api-key': token.value }) });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).resolves.toMatchObject({ status: 200 });
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('sends no credentials to an unauthenticated API', async () => {
    fake = await FakeHttpUpstream.start();
    const { client } = testUpstreamClient(fake);
    await client.request({ method: 'GET', path: '/items' }, callContext());
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('does not let request headers replace the credentials', async () => {
    const { tokenSource } = await fakeWithTokens();
    const { client } = testUpstreamClient(fake, { tokenSource });
    await client.request({ method: 'GET', path: '/items', headers: { authorization: 'Bearer forged' } }, callContext());
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
  });

  it('replaces a refused token (401) and retries once with the fresh one', async () => {
    const { tokenSource } = await fakeWithTokens();
    const { client } = testUpstreamClient(fake, { tokenSource });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    fake.refuseIssuedTokens();

    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).resolves.toMatchObject({ status: 200 });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${fake.issuedTokens[0]}`,
      `Bearer ${fake.issuedTokens[0]}`,
      `Bearer ${fake.issuedTokens[1]}`,
    ]);
  });

  it('retries a POST with a fresh token too: the upstream did not act on a refused request', async () => {
    fake = await FakeHttpUpstream.start();
    const tokens = scriptedTokens('old', 'new');
    const { client } = testUpstreamClient(fake, { tokenSource: tokens });
    fake.respond({ status: 401 });
    await client.request({ method: 'POST', path: '/items', body: { name: 'x' } }, callContext());
    expect(tokens.invalidated).toEqual(['old']);
    expect(fake.requests.map((request) => [request.method, request.headers.authorization])).toEqual([
      ['POST', 'Bearer old'],
      ['POST', 'Bearer new'],
    ]);
  });

  it('reports a fresh token that is refused too, without trying a third', async () => {
    fake = await FakeHttpUpstream.start();
    const tokens = scriptedTokens('old', 'new', 'newer');
    const { client } = testUpstreamClient(fake, { tokenSource: tokens });
    fake.respond({ status: 401, body: { message: 'Account disabled' } }, { status: 401, body: { message: 'Account disabled' } });
    const error = await client.request({ method: 'GET', path: '/items' }, callContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamAuthError);
    expect((error as Error).message).toBe("Fake API refused this server's credentials (HTTP 401): Account disabled");
    expect(fake.requests).toHaveLength(2);
  });

  it('does not resend a static API key the upstream refused', async () => {
    fake = await FakeHttpUpstream.start({ auth: { header: 'x-api-key', value: 'right-key' } });
    const { client } = testUpstreamClient(fake, { tokenSource: staticTokenSource('wrong-key'), authorization: (token) => ({ 'x-api-key': token.value }) });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).rejects.toBeInstanceOf(UpstreamAuthError);
    expect(fake.requests).toHaveLength(1);
  });

  it('recognises an expired token by the upstream-specific rule', async () => {
    fake = await FakeHttpUpstream.start();
    const tokens = scriptedTokens('old', 'new');
    const { client } = testUpstreamClient(fake, {
      tokenSource: tokens,
      isExpiredToken: (status, body) => status === 403 && (body as { code?: string } | undefined)?.code === 'SESSION_EXPIRED',
    });
    fake.respond({ status: 403, body: { code: 'SESSION_EXPIRED' } });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).resolves.toMatchObject({ status: 200 });
    expect(tokens.invalidated).toEqual(['old']);
  });

  it('shares one token request among 20 concurrent calls', async () => {
    const { tokenSource } = await fakeWithTokens();
    const { client } = testUpstreamClient(fake, { tokenSource });
    await Promise.all(Array.from({ length: 20 }, () => client.request({ method: 'GET', path: '/items' }, callContext())));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(new Set(fake.requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${fake.issuedTokens[0]}`]));
  });

  it('fails without calling the API when no token can be obtained, logging the cause but not the secret', async () => {
    fake = await FakeHttpUpstream.start({ auth: 'issued-token', clients: [CLIENT] });
    const wrongSecret = 'wrong-secret-4711';
    const tokenSource = clientCredentialsTokenSource({
      upstream: 'Fake API',
      tokenUrl: fake.tokenUrl,
      client: { method: 'client_secret_post', clientId: CLIENT.clientId, clientSecret: wrongSecret },
      refreshBeforeMs: 60_000,
      timeoutMs: 2_000,
    });
    const { client, logs } = testUpstreamClient(fake, { tokenSource });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).rejects.toBeInstanceOf(UpstreamAuthError);
    expect(fake.requests).toHaveLength(0);
    expect(logs.entries().map((entry) => entry.msg)).toEqual(['cannot obtain an upstream token']);
    expect(JSON.stringify(logs.entries())).not.toContain(wrongSecret);
  });

  it('sends requests below the API address the token names, when the upstream hands one out', async () => {
    fake = await FakeHttpUpstream.start();
    const instance = await FakeHttpUpstream.start();
    try {
      const tokenSource: TokenSource = {
        getAccessToken: async () => ({ value: 't', apiBaseUrl: `${instance.url}/services/data` }),
        invalidate: () => undefined,
      };
      const { client } = testUpstreamClient(fake, { tokenSource, useTokenBaseUrl: true });
      await client.request({ method: 'GET', path: '/sobjects' }, callContext());
      expect(fake.requests).toHaveLength(0);
      expect(instance.requests.map((request) => request.path)).toEqual(['/services/data/sobjects']);
    } finally {
      await instance.close();
    }
  });
});

describe('logs of upstream calls', () => {
  it('never contain the token, in any request, retry or failure', async () => {
    const { tokenSource } = await fakeWithTokens();
    const { client, logs } = testUpstreamClient(fake, { tokenSource });
    await client.request({ method: 'GET', path: '/items' }, callContext());
    fake.refuseIssuedTokens();
    fake.respond({ status: 503 }, { status: 404 });
    await client.request({ method: 'GET', path: '/items' }, callContext()).catch(() => undefined);

    const written = JSON.stringify(logs.entries());
    expect(fake.issuedTokens).toHaveLength(2);
    for (const token of fake.issuedTokens) expect(written).not.toContain(token);
    expect(written).not.toContain(CLIENT.clientSecret);
    expect(logs.entries().map((entry) => entry.msg)).toEqual([
      'upstream request completed',
      'upstream refused the token; retrying with a fresh one',
      'upstream request failed; retrying',
      'upstream request failed',
    ]);
  });

  it('name the method, path, status, attempt and duration, but no query values', async () => {
    fake = await FakeHttpUpstream.start();
    const { client, logs } = testUpstreamClient(fake);
    await client.request({ method: 'GET', path: '/items', query: { email: 'person@example.com' } }, callContext());
    const [entry] = logs.entries();
    expect(entry).toMatchObject({ upstream: 'Fake API', method: 'GET', path: '/api/v1/items', status: 200, attempt: 1, durationMs: 0 });
    expect(JSON.stringify(entry)).not.toContain('person@example.com');
  });

  it("go through the caller's logger when the call context has one (tagged with its request id)", async () => {
    fake = await FakeHttpUpstream.start();
    const { client, logs } = testUpstreamClient(fake);
    await client.request({ method: 'GET', path: '/items' }, { ...callContext(), logger: logs.logger.child({ requestId: 'req-42' }) });
    expect(logs.entries()[0]).toMatchObject({ requestId: 'req-42', msg: 'upstream request completed' });
  });
});
