import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anonymousIdentity } from '../../../src/auth/types.js';
import { sealedStore } from '../../../src/storage/sealed-store.js';
import { sealingKeyring } from '../../../src/storage/sealing-keys.js';
import type { SetOptions, Store } from '../../../src/storage/store.js';
import { clientCredentialsTokenSource } from '../../../src/upstream/http/client-credentials.js';
import { UpstreamUnavailableError } from '../../../src/upstream/http/errors.js';
import { sharedTokenCache, type SharedTokenCache } from '../../../src/upstream/http/shared-token-cache.js';
import { cachedTokenSource, type AccessToken } from '../../../src/upstream/http/token-source.js';
import { testConfig } from '../../helpers/config.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { captureLogs, type CapturedLogs } from '../../helpers/logs.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';
import { isolatedSealedStore, isolatedStore } from '../../helpers/test-store.js';
import { VirtualTime } from '../../helpers/virtual-time.js';

const CLIENT = { clientId: 'mcp-server', clientSecret: 'client-secret' };
const context = { identity: anonymousIdentity };
/** How long one token request may take; a lease lasts 2 s longer. */
const TOKEN_TIMEOUT_MS = 3_000;

/**
 * Replicas of one server: each has its own token sources (its own process), and all of them share
 * one store and one STORE_SEALING_KEYS, as replicas on one backend do.
 */
function replicasOn(store: Store, options: { sleep?: (ms: number) => Promise<void> } = {}) {
  return (logs: CapturedLogs = captureLogs()): SharedTokenCache => sharedTokenCache(store, logs.logger, TOKEN_TIMEOUT_MS, options.sleep);
}

/**
 * A token endpoint in the test's hands: each fetch hands out the next token, living an hour on
 * `time`; `hangNextFetch` makes the next fetch never answer (a replica that stalls or dies mid-fetch),
 * `failNextFetch` makes it fail as an unreachable endpoint does.
 */
function issuer(time: VirtualTime) {
  let issued = 0;
  let next: 'hang' | 'fail' | undefined;
  const started: Array<() => void> = [];
  return {
    get fetches() {
      return issued;
    },
    hangNextFetch() {
      next = 'hang';
    },
    failNextFetch() {
      next = 'fail';
    },
    /** Resolves once a fetch has begun. */
    fetchStarted: () => new Promise<void>((resolve) => started.push(resolve)),
    fetchToken: async (): Promise<AccessToken> => {
      for (const resolve of started.splice(0)) resolve();
      const what = next;
      next = undefined;
      if (what === 'hang') return new Promise<AccessToken>(() => undefined);
      await Promise.resolve();
      if (what === 'fail') throw new UpstreamUnavailableError('The token endpoint cannot be reached', { upstream: 'Fake API', reason: 'network' });
      issued += 1;
      return { value: `token-${issued}`, expiresAt: time.now() + 3_600_000 };
    },
  };
}

describe('upstream tokens shared in the store', () => {
  describe('client credentials against a token endpoint', () => {
    let fake: FakeHttpUpstream;
    beforeEach(async () => {
      fake = await FakeHttpUpstream.start({ clients: [CLIENT], auth: 'issued-token' });
    });
    afterEach(async () => {
      await fake.close();
    });

    const source = (cache: SharedTokenCache) =>
      clientCredentialsTokenSource({
        upstream: 'Fake API',
        tokenUrl: fake.tokenUrl,
        client: { method: 'client_secret_basic', ...CLIENT },
        refreshBeforeMs: 60_000,
        timeoutMs: TOKEN_TIMEOUT_MS,
        tokenCache: cache,
      });

    it('costs the token endpoint one request for two replicas (or a restarted process)', async () => {
      const replica = replicasOn(isolatedSealedStore());
      const first = await source(replica()).getAccessToken(context);
      const second = await source(replica()).getAccessToken(context);
      expect(second.value).toBe(first.value);
      expect(fake.tokenRequests).toHaveLength(1);
    });

    it('costs one request when two replicas need the token at the same moment', async () => {
      const replica = replicasOn(isolatedSealedStore());
      const [first, second] = [source(replica()), source(replica())];
      const tokens = await Promise.all([first.getAccessToken(context), second.getAccessToken(context), first.getAccessToken(context), second.getAccessToken(context)]);
      expect(new Set(tokens.map((token) => token.value)).size).toBe(1);
      expect(fake.tokenRequests).toHaveLength(1);
    });

    it('keeps a token issued under other settings apart (another client)', async () => {
      const replica = replicasOn(isolatedSealedStore());
      await source(replica()).getAccessToken(context);
      const other = clientCredentialsTokenSource({
        upstream: 'Fake API',
        tokenUrl: fake.tokenUrl,
        client: { method: 'client_secret_post', ...CLIENT },
        refreshBeforeMs: 60_000,
        timeoutMs: TOKEN_TIMEOUT_MS,
        tokenCache: replica(),
      });
      await other.getAccessToken(context);
      expect(fake.tokenRequests).toHaveLength(2);
    });

    it('removes a token the upstream refused from the store, so no replica is handed it again', async () => {
      const replica = replicasOn(isolatedSealedStore());
      const [first, second] = [testUpstreamClient(fake, { tokenSource: source(replica()) }), testUpstreamClient(fake, { tokenSource: source(replica()) })];
      await first.client.request({ method: 'GET', path: '/orders' }, callContext());
      await second.client.request({ method: 'GET', path: '/orders' }, callContext());
      fake.refuseIssuedTokens();

      // The first replica is refused, fetches a new token and stores it; the second, refused too, finds it there.
      await first.client.request({ method: 'GET', path: '/orders' }, callContext());
      await second.client.request({ method: 'GET', path: '/orders' }, callContext());
      expect(fake.tokenRequests).toHaveLength(2);
      const [refused, fresh] = fake.issuedTokens.map((token) => `Bearer ${token}`);
      expect(fake.requests.map((request) => request.headers.authorization)).toEqual([refused, refused, refused, fresh, refused, fresh]);
    });
  });

  it('stores the token for as long as it lives', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const ttls: Array<number | undefined> = [];
    const store = isolatedSealedStore();
    const recording: Store = {
      ...store,
      set: async (key, value, options?: SetOptions) => {
        ttls.push(options?.ttlSeconds);
        await store.set(key, value, options);
      },
    };
    await cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now, shared: { cache: replicasOn(recording)(), key: 'service' } }).getAccessToken(context);
    expect(ttls).toEqual([3_600]);
  });

  it('lets a replica whose lease holder never delivers fetch for itself after the lease time, not later', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const replica = replicasOn(isolatedSealedStore(), { sleep: time.sleep });
    const [stalled, waiting] = [replica(), replica()];
    const options = (cache: SharedTokenCache) => ({ refreshBeforeMs: 60_000, now: time.now, shared: { cache, key: 'service' } });

    tokens.hangNextFetch();
    const started = tokens.fetchStarted();
    void cachedTokenSource(tokens.fetchToken, options(stalled)).getAccessToken(context);
    await started;
    const startedWaitingAt = time.now();
    const token = await cachedTokenSource(tokens.fetchToken, options(waiting)).getAccessToken(context);

    expect(token.value).toBe('token-1');
    expect(time.sleeps.length).toBeGreaterThan(1);
    expect(time.now() - startedWaitingAt).toBeLessThanOrEqual(waiting.leaseMs);
    expect(waiting.leaseMs).toBe(TOKEN_TIMEOUT_MS + 2_000);
  });

  it('keeps a replica on its token inside the refresh margin while another replica fetches the next one', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const replica = replicasOn(isolatedSealedStore(), { sleep: time.sleep });
    const options = { refreshBeforeMs: 60_000, now: time.now };
    const refreshing = cachedTokenSource(tokens.fetchToken, { ...options, shared: { cache: replica(), key: 'service' } });
    const other = cachedTokenSource(tokens.fetchToken, { ...options, shared: { cache: replica(), key: 'service' } });
    await refreshing.getAccessToken(context);
    await other.getAccessToken(context);

    time.advance(3_570_000);
    tokens.hangNextFetch();
    const started = tokens.fetchStarted();
    void refreshing.getAccessToken(context);
    await started;
    expect((await other.getAccessToken(context)).value).toBe('token-1');
    expect(time.sleeps).toEqual([]);
  });

  it('keeps using a shared token inside its refresh margin while the token endpoint cannot be reached', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now, shared: { cache: replicasOn(isolatedSealedStore())(), key: 'service' } });
    await source.getAccessToken(context);
    time.advance(3_570_000);
    tokens.failNextFetch();
    expect((await source.getAccessToken(context)).value).toBe('token-1');
  });

  it('replaces a shared token it cannot open (its key rotated away, or made up by a process now gone), saying so once', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const store = isolatedStore();
    const before = replicasOn(sealedStore(store, sealingKeyring(testConfig())))();
    for (const key of ['first', 'second']) {
      await cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now, shared: { cache: before, key } }).getAccessToken(context);
    }

    // The same entries, opened with another key: what a process sees after a restart with a made-up key.
    const logs = captureLogs();
    const after = sharedTokenCache(sealedStore(store, sealingKeyring(testConfig())), logs.logger, TOKEN_TIMEOUT_MS);
    const reopened = ['first', 'second'].map((key) => cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now, shared: { cache: after, key } }));
    expect((await reopened[0]?.getAccessToken(context))?.value).toBe('token-3');
    expect((await reopened[1]?.getAccessToken(context))?.value).toBe('token-4');
    // Replaced in the store: the next replica with the same key opens it.
    const next = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now, shared: { cache: after, key: 'first' } });
    expect((await next.getAccessToken(context)).value).toBe('token-3');

    const warnings = logs.entries().filter((entry) => entry.level === 40);
    expect(warnings.map((entry) => entry.msg)).toEqual(['a shared upstream token cannot be opened; it is replaced by a new one']);
    expect(JSON.stringify(warnings)).not.toMatch(/token-\d/);
  });

  it('fetches and keeps the token in the process while the store is down, with one warning', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const logs = captureLogs();
    const down = new Error('connection refused');
    const unreachable: Store = {
      ...isolatedSealedStore(),
      get: async () => Promise.reject(down),
      set: async () => Promise.reject(down),
      compareAndSet: async () => Promise.reject(down),
    };
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now, shared: { cache: replicasOn(unreachable)(logs), key: 'service' } });
    expect((await source.getAccessToken(context)).value).toBe('token-1');
    expect((await source.getAccessToken(context)).value).toBe('token-1');
    expect(tokens.fetches).toBe(1);
    expect(logs.entries().filter((entry) => entry.level === 40)).toHaveLength(1);
  });
});
