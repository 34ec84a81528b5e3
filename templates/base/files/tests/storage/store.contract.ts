import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { namespacedStore, type Store } from '../../src/storage/store.js';

/**
 * The behaviour every storage backend must provide. Each backend's test file calls this with a factory
 * returning a fresh, empty store; the suite closes it after each test.
 */
export function runStoreContract(backend: string, createStore: () => Promise<Store>): void {
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
      const results = await Promise.all(Array.from({ length: 20 }, () => store.take('single-use')));
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
      const claims = await Promise.all(Array.from({ length: 20 }, (_, index) => store.setIfAbsent('lock', `claimant-${index}`, { ttlSeconds: 60 })));
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
  });
}
