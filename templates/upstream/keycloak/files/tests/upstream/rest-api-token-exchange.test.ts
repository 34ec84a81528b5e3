import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { rememberCallerToken } from '../../src/auth/caller-token.js';
import type { Identity } from '../../src/auth/types.js';
import { rememberUpstreamSession } from '../../src/auth/upstream-session.js';
import { sealedStore } from '../../src/storage/sealed-store.js';
import { sealingKeyring } from '../../src/storage/sealing-keys.js';
import type { Store } from '../../src/storage/store.js';
import { sharedTokenCache } from '../../src/upstream/http/shared-token-cache.js';
import { tokenExchangeTokenSource } from '../../src/upstream/rest-api/token-exchange.js';
import { testConfig } from '../helpers/config.js';
import { FAKE_CREDENTIALS, startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { connectInProcess } from '../helpers/in-process-client.js';
import { captureLogs } from '../helpers/logs.js';
import { callContext, caller, restApiFor } from '../helpers/rest-api-calls.js';
import { restApiTestIdp } from '../helpers/rest-api-test-idp.js';
import { isolatedStore } from '../helpers/test-store.js';
import { toolErrorOf } from '../helpers/tool-results.js';

/**
 * Token exchange (RFC 8693): each caller's access token, as the auth strategy verified it, is exchanged
 * at the realm for a token of the REST API, so the API acts for the caller. The fake's token endpoint
 * plays the realm: it exchanges only tokens it issued to callers.
 */
describe('Keycloak token exchange for the REST API', () => {
  let fake: FakeRestApi;
  beforeEach(async () => {
    fake = await startFakeRestApi({ auth: 'token_exchange' });
    fake.seed('orders', [{ id: '1' }]);
  });
  afterEach(async () => {
    await fake.close();
  });

  /** A caller whose verified access token the realm issued. */
  const signedIn = (subject: string): Identity => rememberCallerToken(caller(subject), fake.issueCallerToken(subject));
  /** A token source exchanging at the fake realm as this server's client, with `options` on top. */
  const exchangeAtFake = (options: Partial<Parameters<typeof tokenExchangeTokenSource>[0]> = {}) =>
    tokenExchangeTokenSource({
      upstream: 'Keycloak',
      tokenUrl: `${fake.origin}${restApiTestIdp.tokenPath}`,
      client: { method: restApiTestIdp.clientAuthMethod, clientId: FAKE_CREDENTIALS.clientId, clientSecret: FAKE_CREDENTIALS.clientSecret },
      audience: FAKE_CREDENTIALS.audience,
      refreshBeforeMs: 60_000,
      timeoutMs: 5_000,
      ...options,
    });
  const exchanges = () => fake.tokenRequests.filter((request) => request.params.grant_type === 'urn:ietf:params:oauth:grant-type:token-exchange');

  it("exchanges the caller's access token for one of the REST API, as this server's client", async () => {
    const alice = signedIn('alice');
    await expect(restApiFor(fake).get('orders', '1', callContext(alice))).resolves.toEqual({ id: '1' });
    expect(exchanges()[0]?.params).toMatchObject({
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: FAKE_CREDENTIALS.audience,
    });
    expect(fake.requests[0]?.tokenSubject).toBe('alice');
  });

  it('exchanges the upstream token of a user who signed in through this server, when the caller presented none', async () => {
    // The session the oauth-proxy strategy keeps for a signed-in user, holding their token from the realm.
    const upstreamToken = fake.issueCallerToken('bob');
    const bob = rememberUpstreamSession(caller('bob'), {
      accessToken: async () => ({ value: upstreamToken }),
      invalidate: async () => undefined,
      upstreamIdentity: async () => ({ subject: 'bob' }),
    });
    await expect(restApiFor(fake).get('orders', '1', callContext(bob))).resolves.toEqual({ id: '1' });
    expect(exchanges()[0]?.params.subject_token).toBe(upstreamToken);
    expect(fake.requests[0]?.tokenSubject).toBe('bob');
  });

  it("never sends the caller's own access token to the API", async () => {
    const token = fake.issueCallerToken('alice');
    await restApiFor(fake).get('orders', '1', callContext(rememberCallerToken(caller('alice'), token)));
    expect(JSON.stringify(fake.requests)).not.toContain(token);
  });

  it('exchanges once per caller token and reuses the result', async () => {
    const api = restApiFor(fake);
    const alice = signedIn('alice');
    await api.get('orders', '1', callContext(alice));
    await api.list('orders', { limit: 5, offset: 0 }, callContext(alice));
    expect(exchanges()).toHaveLength(1);
  });

  it('gives each caller a token of their own', async () => {
    const api = restApiFor(fake);
    await api.get('orders', '1', callContext(signedIn('alice')));
    await api.get('orders', '1', callContext(signedIn('bob')));
    expect(exchanges()).toHaveLength(2);
    expect(fake.requests.map((request) => request.tokenSubject)).toEqual(['alice', 'bob']);
  });

  it('exchanges again once the exchanged token nears expiry', async () => {
    let clock = 1_000_000;
    const source = exchangeAtFake({ now: () => clock });
    const context = { identity: signedIn('alice') };
    const first = await source.getAccessToken(context);
    clock += 3_600_000 - 60_000 - 1;
    expect(await source.getAccessToken(context)).toBe(first);
    clock += 1;
    expect((await source.getAccessToken(context)).value).not.toBe(first.value);
    expect(exchanges()).toHaveLength(2);
  });

  it('keeps a bounded number of callers, exchanging again for the least recently active one', async () => {
    const source = exchangeAtFake({ maxCallers: 2 });
    const [alice, bob, carol] = [signedIn('alice'), signedIn('bob'), signedIn('carol')];
    for (const identity of [alice, bob, carol, bob, alice]) await source.getAccessToken({ identity });
    const exchangedFor = exchanges().map((request) => request.params.subject_token?.split('-of-')[1]);
    expect(exchangedFor).toEqual(['alice', 'bob', 'carol', 'alice']);
  });

  it('shares the exchanged token between replicas on one store, under a hash of the caller token', async () => {
    const store = isolatedStore();
    const keysWritten: string[] = [];
    const recording: Store = {
      ...store,
      set: async (key, value, options) => {
        keysWritten.push(key);
        await store.set(key, value, options);
      },
    };
    // Two processes on one backend, sharing STORE_SEALING_KEYS.
    const sealed = sealedStore(recording, sealingKeyring(testConfig()));
    const replica = () => exchangeAtFake({ tokenCache: sharedTokenCache(sealed, captureLogs().logger, 5_000) });
    const callerToken = fake.issueCallerToken('alice');
    // Each replica authenticates the same caller token into an identity of its own.
    const first = await replica().getAccessToken({ identity: rememberCallerToken(caller('alice'), callerToken) });
    const second = await replica().getAccessToken({ identity: rememberCallerToken(caller('alice'), callerToken) });

    expect(second.value).toBe(first.value);
    expect(exchanges()).toHaveLength(1);
    expect(keysWritten).toHaveLength(1);
    expect(keysWritten.join()).not.toContain(callerToken);
  });

  it('reports a caller token the realm refuses to exchange as upstream_auth', async () => {
    const stranger = rememberCallerToken(caller('mallory'), 'a-token-the-realm-never-issued');
    await expect(restApiFor(fake).get('orders', '1', callContext(stranger))).rejects.toMatchObject({ code: 'upstream_auth', message: expect.stringContaining('invalid_token') });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a call without a caller token (stdio, no authentication) with a clear error', async () => {
    await expect(restApiFor(fake).get('orders', '1', callContext(caller('local-process')))).rejects.toMatchObject({
      code: 'caller_token_required',
      message: expect.stringContaining('UPSTREAM_API_AUTH=client_credentials'),
    });
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('answers a tool call without a caller token with that error', async () => {
    const connection = await connectInProcess('modern', { env: fake.serverEnv });
    try {
      const result = await connection.client.callTool({ name: 'api_get_item', arguments: { collection: 'orders', id: '1' } });
      expect(result.isError).toBe(true);
      expect(toolErrorOf(result)).toMatchObject({ code: 'caller_token_required' });
    } finally {
      await connection.close();
    }
  });
});
