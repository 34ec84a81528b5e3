import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anonymousIdentity } from '../../../src/auth/types.js';
import { clientCredentialsTokenSource, type ClientCredentialsOptions } from '../../../src/upstream/http/client-credentials.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { VirtualTime } from '../../helpers/virtual-time.js';

const CLIENT = { clientId: 'mcp-server', clientSecret: 'client-secret' };
const context = { identity: anonymousIdentity };

let fake: FakeHttpUpstream;
beforeEach(async () => {
  fake = await FakeHttpUpstream.start({ clients: [CLIENT] });
});
afterEach(async () => {
  await fake.close();
});

function tokenSource(overrides: Partial<ClientCredentialsOptions> = {}) {
  return clientCredentialsTokenSource({
    upstream: 'Fake API',
    tokenUrl: fake.tokenUrl,
    client: { method: 'client_secret_basic', ...CLIENT },
    refreshBeforeMs: 60_000,
    timeoutMs: 2_000,
    ...overrides,
  });
}

describe('client credentials token source', () => {
  it('asks for the client_credentials grant with the configured scope, audience and resource', async () => {
    await tokenSource({ scope: 'orders:read', audience: 'https://api.example.com', resource: 'https://api.example.com/v1' }).getAccessToken(context);
    expect(Object.fromEntries(new URLSearchParams(fake.tokenRequests[0]?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'orders:read',
      audience: 'https://api.example.com',
      resource: 'https://api.example.com/v1',
    });
  });

  it('leaves out the parameters it was not given', async () => {
    await tokenSource().getAccessToken(context);
    expect(Object.fromEntries(new URLSearchParams(fake.tokenRequests[0]?.body))).toEqual({ grant_type: 'client_credentials' });
  });

  it('costs the token endpoint one request for 20 concurrent calls', async () => {
    const source = tokenSource();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.getAccessToken(context)));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(tokens.every((token) => token.value === fake.issuedTokens[0])).toBe(true);
  });

  it('refreshes refreshBeforeMs ahead of the expires_in the endpoint stated', async () => {
    const time = new VirtualTime();
    const source = tokenSource({ now: time.now });
    const first = await source.getAccessToken(context);
    expect(first.expiresAt).toBe(time.now() + 3_600_000);
    time.advance(3_600_000 - 60_000 - 1);
    expect((await source.getAccessToken(context)).value).toBe(first.value);
    time.advance(1);
    expect((await source.getAccessToken(context)).value).not.toBe(first.value);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('keeps a token issued without expires_in until it is invalidated', async () => {
    fake.tokenLifetimeSeconds = undefined;
    const time = new VirtualTime();
    const source = tokenSource({ now: time.now });
    const first = await source.getAccessToken(context);
    time.advance(30 * 24 * 3_600_000);
    expect((await source.getAccessToken(context)).value).toBe(first.value);
    source.invalidate(first);
    expect((await source.getAccessToken(context)).value).toBe(fake.issuedTokens[1]);
    expect(fake.tokenRequests).toHaveLength(2);
  });
});
