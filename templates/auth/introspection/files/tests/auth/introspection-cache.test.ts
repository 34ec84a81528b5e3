import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createIntrospector } from '../../src/auth/introspect.js';
import { createLogger } from '../../src/logger.js';
import { createStore } from '../../src/storage/index.js';
import { sealedStore } from '../../src/storage/sealed-store.js';
import { sealingKeyring } from '../../src/storage/sealing-keys.js';
import type { SetOptions, Store } from '../../src/storage/store.js';
import { identityProvider } from '../../src/upstream/index.js';
import { introspectionEnv, RESOURCE_SERVER_CLIENT } from '../helpers/auth-client.js';
import { testConfig } from '../helpers/config.js';
import { captureLogs } from '../helpers/logs.js';
import { TestIdentityProvider, testClientCredentials } from '../helpers/oidc-provider.js';

const RESOURCE = 'http://127.0.0.1:1/mcp';

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await TestIdentityProvider.start({
    scopes: ['reports:read'],
    clients: [{ clientId: 'reader', scopes: ['reports:read'] }],
    accessTokenFormat: 'opaque',
    introspectors: [RESOURCE_SERVER_CLIENT],
  });
});
afterAll(async () => {
  await idp.close();
});

/** A store that records the lifetime of every entry written to it. */
function recording(store: Store): { store: Store; ttls: (number | undefined)[]; keys: string[] } {
  const ttls: (number | undefined)[] = [];
  const keys: string[] = [];
  return {
    ttls,
    keys,
    store: {
      ...store,
      get: (key) => store.get(key),
      take: (key) => store.take(key),
      setIfAbsent: (key, value, options) => store.setIfAbsent(key, value, options),
      delete: (key) => store.delete(key),
      ping: () => store.ping(),
      close: () => store.close(),
      set: async (key: string, value, options?: SetOptions) => {
        keys.push(key);
        ttls.push(options?.ttlSeconds);
        await store.set(key, value, options);
      },
    },
  };
}

async function introspectorOver(store: Store, cacheSeconds: number, logger = createLogger({ level: 'silent', name: 'test' })) {
  const config = testConfig(introspectionEnv(idp));
  const { clientId, clientSecret } = testClientCredentials(RESOURCE_SERVER_CLIENT);
  return createIntrospector(identityProvider(config), {
    clientId,
    clientSecret,
    cacheSeconds,
    timeoutMs: 5000,
    store,
    logger,
  });
}

describe('introspection cache', () => {
  it('is shared through the Store: a second server instance on the same backend does not ask again', async () => {
    const store = await createStore(testConfig());
    const first = await introspectorOver(store, 60);
    const second = await introspectorOver(store, 60);
    const token = await idp.issueToken('reader', RESOURCE);
    const before = idp.introspections;
    expect((await first.introspect(token)).active).toBe(true);
    expect((await second.introspect(token)).active).toBe(true);
    expect(idp.introspections).toBe(before + 1);
  });

  it('asks again, without a warning, when a cached answer is sealed under a key this server does not hold', async () => {
    const store = await createStore(testConfig());
    const sealedWith = (name: string) => sealedStore(store, sealingKeyring(testConfig({ STORE_SEALING_KEYS: `${name}:${randomBytes(32).toString('base64url')}` })));
    const logs = captureLogs();
    const first = await introspectorOver(sealedWith('first'), 60);
    const second = await introspectorOver(sealedWith('second'), 60, logs.logger);
    const token = await idp.issueToken('reader', RESOURCE);
    const before = idp.introspections;
    await first.introspect(token);
    expect((await second.introspect(token)).active).toBe(true);
    expect(idp.introspections).toBe(before + 2);
    // Replicas that each made up a key meet this on every token: an expected miss, not a fault.
    expect(logs.entries().filter((entry) => Number(entry.level) >= 40)).toEqual([]); // pino's warn and above
  });

  it('keys entries by the SHA-256 of the token, never the token itself', async () => {
    const recorder = recording(await createStore(testConfig()));
    const token = await idp.issueToken('reader', RESOURCE);
    await (await introspectorOver(recorder.store, 60)).introspect(token);
    expect(recorder.keys).toHaveLength(1);
    expect(recorder.keys[0]).not.toContain(token);
    expect(recorder.keys[0]).toMatch(/^introspection:[A-Za-z0-9_-]{43}$/);
  });

  it('keeps an answer at most AUTH_INTROSPECTION_CACHE_SECONDS', async () => {
    const recorder = recording(await createStore(testConfig()));
    await (await introspectorOver(recorder.store, 45)).introspect(await idp.issueToken('reader', RESOURCE));
    expect(recorder.ttls).toEqual([45]);
  });

  it('never keeps an answer beyond the token expiry', async () => {
    const recorder = recording(await createStore(testConfig()));
    const introspector = await introspectorOver(recorder.store, 3600);
    const result = await introspector.introspect(await idp.issueToken('reader', RESOURCE));
    const remaining = Number(result.exp) - Math.floor(Date.now() / 1000);
    expect(remaining).toBeLessThan(3600);
    expect(recorder.ttls[0]).toBeGreaterThan(0);
    expect(recorder.ttls[0]).toBeLessThanOrEqual(remaining + 1);
  });
});
