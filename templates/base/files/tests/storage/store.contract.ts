import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Config } from '../../src/config.js';
import { createStore } from '../../src/storage/index.js';
import { acquireLease } from '../../src/storage/lease.js';
import { sealedStore } from '../../src/storage/sealed-store.js';
import { sealingKeyring, sealingKeysSetting } from '../../src/storage/sealing-keys.js';
import { namespacedStore, type Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';

export interface StoreContractOptions {
  /**
   * Closes `store` and opens the same data again, as a restarted process would. Durable backends
   * give it; the suite then checks that values, counters and sets survive.
   */
  reopen?: (store: Store) => Promise<Store>;
}

/**
 * The project's own backend for the contract: each store opened with a test configuration of its own
 * (its own file, schema, key prefix or container, as tests/helpers/storage-settings.ts gives it), and
 * reopened with that same configuration, as a restarted server opens the same data again.
 */
export function durableStores(): { open: () => Promise<Store>; options: Required<StoreContractOptions> } {
  const configOf = new WeakMap<Store, Config>();
  const openWith = async (config: Config) => {
    const store = await createStore(config);
    configOf.set(store, config);
    return store;
  };
  return {
    open: () => openWith(testConfig()),
    options: {
      reopen: async (store) => {
        const config = configOf.get(store);
        if (config === undefined) throw new Error('reopen was given a store this suite did not open');
        await store.close();
        return openWith(config);
      },
    },
  };
}

/** How many callers race in the atomicity tests. */
const RACERS = 50;

/** A key ring as STORE_SEALING_KEYS would configure it: `ids` in order, the first sealing. */
function keyring(...ids: string[]) {
  const keys = ids.map((id) => `${id}:${Buffer.alloc(32, id).toString('base64url')}`).join(',');
  return sealingKeyring({ NODE_ENV: 'test', STORE_SEALING_KEYS: sealingKeysSetting.parse(keys) });
}

/**
 * The behaviour every storage backend must provide. Each backend's test file calls this with a factory
 * returning a fresh, empty store; the suite closes it after each test.
 */
export function runStoreContract(backend: string, createStore: () => Promise<Store>, options: StoreContractOptions = {}): void {
  describe(`Store contract: ${backend}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('returns undefined for a key that was never set', async () => {
      expect(await store.get('missing')).toBeUndefined();
    });

    it('round-trips JSON values', async () => {
      const value = { text: 'é ✓', count: 3, ok: true, nothing: null, list: [1, 'two', { three: 3 }] };
      await store.set('value', value);
      expect(await store.get('value')).toEqual(value);
    });

    it('overwrites an existing key', async () => {
      await store.set('key', 'first');
      await store.set('key', 'second');
      expect(await store.get('key')).toBe('second');
    });

    it('deletes a key, and deleting a missing key is not an error', async () => {
      await store.set('key', 1);
      await store.delete('key');
      expect(await store.get('key')).toBeUndefined();
      await expect(store.delete('never-set')).resolves.toBeUndefined();
    });

    it('keeps an entry until its TTL passes', async () => {
      await store.set('session', 'alive', { ttlSeconds: 60 });
      expect(await store.get('session')).toBe('alive');
    });

    it('expires an entry once its TTL has passed', async () => {
      await store.set('session', 'short-lived', { ttlSeconds: 0.05 });
      await vi.waitFor(async () => expect(await store.get('session')).toBeUndefined(), { timeout: 3_000, interval: 20 });
    });

    it('take returns the value once and removes it', async () => {
      await store.set('code', { grant: 'g-1' });
      expect(await store.take('code')).toEqual({ grant: 'g-1' });
      expect(await store.take('code')).toBeUndefined();
      expect(await store.get('code')).toBeUndefined();
    });

    it('take is atomic: among concurrent takes exactly one wins', async () => {
      await store.set('single-use', 'prize');
      const results = await Promise.all(Array.from({ length: RACERS }, () => store.take('single-use')));
      expect(results.filter((result) => result !== undefined)).toEqual(['prize']);
    });

    it('setIfAbsent stores under a free key and resolves true', async () => {
      expect(await store.setIfAbsent('nonce', { seen: 1 })).toBe(true);
      expect(await store.get('nonce')).toEqual({ seen: 1 });
    });

    it('setIfAbsent leaves a live entry untouched and resolves false', async () => {
      await store.set('nonce', 'first', { ttlSeconds: 60 });
      expect(await store.setIfAbsent('nonce', 'second', { ttlSeconds: 60 })).toBe(false);
      expect(await store.get('nonce')).toBe('first');
    });

    it('setIfAbsent treats an expired entry as absent', async () => {
      await store.set('nonce', 'old', { ttlSeconds: 0.05 });
      await vi.waitFor(async () => expect(await store.get('nonce')).toBeUndefined(), { timeout: 3_000, interval: 20 });
      expect(await store.setIfAbsent('nonce', 'new')).toBe(true);
      expect(await store.get('nonce')).toBe('new');
    });

    it('setIfAbsent expires what it stored once its TTL has passed', async () => {
      await store.setIfAbsent('nonce', 'short-lived', { ttlSeconds: 0.05 });
      await vi.waitFor(async () => expect(await store.get('nonce')).toBeUndefined(), { timeout: 3_000, interval: 20 });
    });

    it('setIfAbsent is atomic: among concurrent calls for one key exactly one stores', async () => {
      const claims = await Promise.all(Array.from({ length: RACERS }, (_, index) => store.setIfAbsent('lock', `claimant-${index}`, { ttlSeconds: 60 })));
      expect(claims.filter((stored) => stored)).toHaveLength(1);
      expect(await store.get('lock')).toBe(`claimant-${claims.indexOf(true)}`);
    });

    it('keeps namespaces apart', async () => {
      const oauth = namespacedStore(store, 'oauth');
      const cache = namespacedStore(store, 'cache');
      await oauth.set('key', 'oauth value');
      await cache.set('key', 'cache value');
      expect(await oauth.get('key')).toBe('oauth value');
      expect(await cache.get('key')).toBe('cache value');
      expect(await oauth.setIfAbsent('claimed', 1)).toBe(true);
      expect(await cache.setIfAbsent('claimed', 1)).toBe(true);
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('refuses a TTL that is not a positive number of seconds', async () => {
      await expect(store.set('key', 1, { ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds must be a positive number/);
      await expect(store.set('key', 1, { ttlSeconds: -1 })).rejects.toThrow(/ttlSeconds must be a positive number/);
      expect(await store.get('key')).toBeUndefined();
    });

    describe('compare-and-set', () => {
      it('reads a value with its version', async () => {
        await store.set('token', 'v1');
        const read = await store.getVersioned('token');
        expect(read?.value).toBe('v1');
        expect(typeof read?.version).toBe('string');
      });

      it('gives every write a new version', async () => {
        await store.set('token', 'same');
        const first = await store.getVersioned('token');
        await store.set('token', 'same');
        expect((await store.getVersioned('token'))?.version).not.toBe(first?.version);
      });

      it('writes when the version still matches and resolves the new one', async () => {
        await store.set('token', 'old');
        const read = await store.getVersioned('token');
        const version = await store.compareAndSet('token', 'new', { ifVersion: read?.version ?? null });
        expect(version).toBeDefined();
        expect(await store.getVersioned('token')).toEqual({ value: 'new', version });
      });

      it('writes nothing when another write came first', async () => {
        await store.set('token', 'old');
        const read = await store.getVersioned('token');
        await store.set('token', 'theirs');
        expect(await store.compareAndSet('token', 'mine', { ifVersion: read?.version ?? null })).toBeUndefined();
        expect(await store.get('token')).toBe('theirs');
      });

      it('with ifVersion null, writes only where no live value is', async () => {
        expect(await store.compareAndSet('fresh', 'first', { ifVersion: null })).toBeDefined();
        expect(await store.compareAndSet('fresh', 'second', { ifVersion: null })).toBeUndefined();
        expect(await store.get('fresh')).toBe('first');
      });

      it('treats an expired value as absent', async () => {
        await store.set('token', 'old', { ttlSeconds: 0.05 });
        const read = await store.getVersioned('token');
        await vi.waitFor(async () => expect(await store.getVersioned('token')).toBeUndefined(), { timeout: 3_000, interval: 20 });
        expect(await store.compareAndSet('token', 'stale', { ifVersion: read?.version ?? null })).toBeUndefined();
        expect(await store.compareAndSet('token', 'new', { ifVersion: null })).toBeDefined();
      });

      it('expires what it wrote once its TTL has passed', async () => {
        await store.compareAndSet('token', 'short-lived', { ifVersion: null, ttlSeconds: 0.05 });
        await vi.waitFor(async () => expect(await store.get('token')).toBeUndefined(), { timeout: 3_000, interval: 20 });
      });

      it(`is atomic: among ${RACERS} writers holding one version exactly one wins`, async () => {
        await store.set('token', 'old');
        const read = await store.getVersioned('token');
        const outcomes = await Promise.all(
          Array.from({ length: RACERS }, (_, index) => store.compareAndSet('token', `writer-${index}`, { ifVersion: read?.version ?? null })),
        );
        const winners = outcomes.flatMap((version, index) => (version === undefined ? [] : [{ version, index }]));
        expect(winners).toHaveLength(1);
        expect(await store.getVersioned('token')).toEqual({ value: `writer-${winners[0]?.index}`, version: winners[0]?.version });
      });

      it('deletes only the version it was given', async () => {
        await store.set('lock', 'old');
        const read = await store.getVersioned('lock');
        await store.set('lock', 'newer');
        expect(await store.compareAndDelete('lock', read?.version ?? '')).toBe(false);
        expect(await store.get('lock')).toBe('newer');
        const current = await store.getVersioned('lock');
        expect(await store.compareAndDelete('lock', current?.version ?? '')).toBe(true);
        expect(await store.get('lock')).toBeUndefined();
      });
    });

    describe('leases', () => {
      it('lets one holder in at a time', async () => {
        const first = await acquireLease(store, 'refresh', 60);
        expect(first).toBeDefined();
        expect(await acquireLease(store, 'refresh', 60)).toBeUndefined();
        expect(await first?.release()).toBe(true);
        expect(await acquireLease(store, 'refresh', 60)).toBeDefined();
      });

      it('passes to the next caller once it expires, and the old holder can then neither renew nor release it', async () => {
        const stale = await acquireLease(store, 'refresh', 0.05, 'replica-a');
        let next: Awaited<ReturnType<typeof acquireLease>>;
        await vi.waitFor(
          async () => {
            next = await acquireLease(store, 'refresh', 60, 'replica-b');
            expect(next).toBeDefined();
          },
          { timeout: 3_000, interval: 20 },
        );
        expect(await stale?.renew(60)).toBe(false);
        expect(await stale?.release()).toBe(false);
        expect(await store.get('refresh')).toEqual({ owner: 'replica-b' });
      });

      it('stays held while renewed', async () => {
        const lease = await acquireLease(store, 'refresh', 60);
        expect(await lease?.renew(60)).toBe(true);
        expect(await acquireLease(store, 'refresh', 60)).toBeUndefined();
      });

      it(`goes to exactly one of ${RACERS} callers asking at once`, async () => {
        const leases = await Promise.all(Array.from({ length: RACERS }, () => acquireLease(store, 'refresh', 60)));
        expect(leases.filter((lease) => lease !== undefined)).toHaveLength(1);
      });
    });

    describe('windowed counters', () => {
      it('counts increments within a window', async () => {
        const counts = [];
        for (let call = 0; call < 3; call += 1) counts.push((await store.increment('calls', 60)).count);
        expect(counts).toEqual([1, 2, 3]);
      });

      it('reports when the window ends, fixed by its first increment', async () => {
        const before = Date.now();
        const first = await store.increment('calls', 60);
        const second = await store.increment('calls', 60);
        expect(first.resetsAt).toBeGreaterThanOrEqual(before + 59_000);
        expect(first.resetsAt).toBeLessThanOrEqual(Date.now() + 61_000);
        expect(second.resetsAt).toBe(first.resetsAt);
      });

      it('starts again from one once the window has ended', async () => {
        const first = await store.increment('calls', 0.2);
        await store.increment('calls', 0.2);
        await vi.waitFor(async () => expect(Date.now()).toBeGreaterThan(first.resetsAt + 20), { timeout: 3_000, interval: 20 });
        const after = await store.increment('calls', 0.2);
        expect(after.count).toBe(1);
        expect(after.resetsAt).toBeGreaterThan(first.resetsAt);
      });

      it(`counts every one of ${RACERS} concurrent increments once`, async () => {
        const results = await Promise.all(Array.from({ length: RACERS }, () => store.increment('calls', 60)));
        expect(results.map((result) => result.count).sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS }, (_, index) => index + 1));
      });

      it('keeps counters apart from values of the same name', async () => {
        await store.set('calls', 'a value');
        expect((await store.increment('calls', 60)).count).toBe(1);
        expect(await store.get('calls')).toBe('a value');
      });

      it('refuses a window that is not a positive number of seconds', async () => {
        await expect(store.increment('calls', 0)).rejects.toThrow(/windowSeconds must be a positive number/);
      });
    });

    describe('key sets', () => {
      it('lists the members added to a set', async () => {
        await store.addToSet('grant:1', 'token:a');
        await store.addToSet('grant:1', 'token:b');
        await store.addToSet('grant:1', 'token:a');
        expect((await store.members('grant:1')).sort()).toEqual(['token:a', 'token:b']);
      });

      it('lists nothing for an unknown set', async () => {
        expect(await store.members('grant:unknown')).toEqual([]);
      });

      it('drops a member once its TTL has passed', async () => {
        await store.addToSet('grant:1', 'token:short', { ttlSeconds: 0.05 });
        await store.addToSet('grant:1', 'token:long', { ttlSeconds: 60 });
        await vi.waitFor(async () => expect(await store.members('grant:1')).toEqual(['token:long']), { timeout: 3_000, interval: 20 });
      });

      it('deletes every member value with the set, and nothing else', async () => {
        await store.set('token:a', 'A');
        await store.set('token:b', 'B');
        await store.set('token:other', 'kept');
        await store.addToSet('grant:1', 'token:a');
        await store.addToSet('grant:1', 'token:b');
        await store.deleteSet('grant:1');
        expect(await store.get('token:a')).toBeUndefined();
        expect(await store.get('token:b')).toBeUndefined();
        expect(await store.get('token:other')).toBe('kept');
        expect(await store.members('grant:1')).toEqual([]);
      });

      it('keeps sets of namespaces apart and lists members by their names within the namespace', async () => {
        const oauth = namespacedStore(store, 'oauth');
        await oauth.set('token:a', 'A');
        await oauth.addToSet('grant:1', 'token:a');
        await store.addToSet('grant:1', 'token:z');
        expect(await oauth.members('grant:1')).toEqual(['token:a']);
        await oauth.deleteSet('grant:1');
        expect(await oauth.get('token:a')).toBeUndefined();
        expect(await store.members('grant:1')).toEqual(['token:z']);
      });
    });

    describe('sealed view', () => {
      const secret = 'upstream-refresh-token-0123456789';

      it('opens what it sealed', async () => {
        const sealed = sealedStore(store, keyring('k1'));
        await sealed.set('vault:u1', { refreshToken: secret });
        expect(await sealed.get('vault:u1')).toEqual({ refreshToken: secret });
        expect(await sealed.take('vault:u1')).toEqual({ refreshToken: secret });
      });

      it('hands the backend no plaintext', async () => {
        const sealed = sealedStore(store, keyring('k1'));
        await sealed.set('vault:u1', { refreshToken: secret });
        const stored = JSON.stringify(await store.get('vault:u1'));
        expect(stored).not.toContain(secret);
        expect(stored).not.toContain('refreshToken');
        expect(stored).toContain('"kid":"k1"');
      });

      it('opens values sealed under an older key after rotation, and seals new ones under the current key', async () => {
        await sealedStore(store, keyring('k1')).set('vault:u1', secret);
        const rotated = sealedStore(store, keyring('k2', 'k1'));
        expect(await rotated.get('vault:u1')).toBe(secret);
        await rotated.set('vault:u2', secret);
        expect(JSON.stringify(await store.get('vault:u2'))).toContain('"kid":"k2"');
      });

      it('refuses a value sealed under a key no longer configured, naming the key id', async () => {
        await sealedStore(store, keyring('k1')).set('vault:u1', secret);
        await expect(sealedStore(store, keyring('k2')).get('vault:u1')).rejects.toThrow(/key id "k1".*STORE_SEALING_KEYS/);
      });

      it('refuses a value sealed with another key of the same id', async () => {
        await sealedStore(store, keyring('k1')).set('vault:u1', secret);
        const impostor = sealingKeyring({ NODE_ENV: 'test', STORE_SEALING_KEYS: sealingKeysSetting.parse(`k1:${Buffer.alloc(32, 'other').toString('base64url')}`) });
        await expect(sealedStore(store, impostor).get('vault:u1')).rejects.toThrow(/does not authenticate/);
      });

      it('refuses a sealed value moved to another key', async () => {
        const sealed = sealedStore(store, keyring('k1'));
        await sealed.set('vault:u1', secret);
        await store.set('vault:u2', (await store.get('vault:u1')) ?? null);
        await expect(sealed.get('vault:u2')).rejects.toThrow(/does not authenticate/);
      });

      it('refuses plaintext written around it', async () => {
        await store.set('vault:u1', secret);
        await expect(sealedStore(store, keyring('k1')).get('vault:u1')).rejects.toThrow(/not written sealed/);
      });

      it('compares and sets sealed values by version', async () => {
        const sealed = sealedStore(store, keyring('k1'));
        await sealed.set('vault:u1', 'old');
        const read = await sealed.getVersioned('vault:u1');
        expect(read?.value).toBe('old');
        expect(await sealed.compareAndSet('vault:u1', 'new', { ifVersion: read?.version ?? null })).toBeDefined();
        expect(await sealed.get('vault:u1')).toBe('new');
      });
    });

    if (options.reopen !== undefined) {
      const reopen = options.reopen;
      it('keeps values, counters and sets across a restart', async () => {
        await store.set('kept', { survives: true }, { ttlSeconds: 60 });
        await store.increment('calls', 60);
        await store.addToSet('grant:1', 'kept');
        store = await reopen(store);
        expect(await store.get('kept')).toEqual({ survives: true });
        expect((await store.increment('calls', 60)).count).toBe(2);
        expect(await store.members('grant:1')).toEqual(['kept']);
      });
    }
  });
}
