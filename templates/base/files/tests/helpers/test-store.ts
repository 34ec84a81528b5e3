import { randomUUID } from 'node:crypto';

import { afterAll } from 'vitest';

import { createStore } from '../../src/storage/index.js';
import { sealedStore } from '../../src/storage/sealed-store.js';
import { sealingKeyring, type SealingKeyring } from '../../src/storage/sealing-keys.js';
import { namespacedStore, type Store } from '../../src/storage/store.js';
import { testConfig } from './config.js';

/** The project's store (whichever backend it has), opened by the first test of a file that needs it. */
let opened: Promise<Store> | undefined;

// Registered when a test file imports this helper: the file's store is closed after its last test.
afterAll(async () => {
  const store = opened;
  opened = undefined;
  if (store !== undefined) await (await store).close();
});

/**
 * A namespace of the project's store that no other test shares, so tests (and runs, on a durable
 * backend) never see each other's entries. Usable at once: the store opens on its first call.
 */
export function isolatedStore(): Store {
  return namespacedStore(
    openingOnFirstUse(() => (opened ??= createStore(testConfig()))),
    `test-${randomUUID()}`,
  );
}

/**
 * The same, sealed as the server seals what its upstream keeps: with `keyring`, or a key made up for
 * this one store. Two "replicas" sharing one store must share the keyring too, as they share
 * STORE_SEALING_KEYS in production.
 */
export function isolatedSealedStore(keyring: SealingKeyring = sealingKeyring(testConfig())): Store {
  return sealedStore(isolatedStore(), keyring);
}

/** A Store whose every call waits for `open()` first, so synchronous helpers can hand one out. */
function openingOnFirstUse(open: () => Promise<Store>): Store {
  return {
    get: async (key) => (await open()).get(key),
    set: async (key, value, options) => (await open()).set(key, value, options),
    setIfAbsent: async (key, value, options) => (await open()).setIfAbsent(key, value, options),
    take: async (key) => (await open()).take(key),
    delete: async (key) => (await open()).delete(key),
    getVersioned: async (key) => (await open()).getVersioned(key),
    compareAndSet: async (key, value, options) => (await open()).compareAndSet(key, value, options),
    compareAndDelete: async (key, version) => (await open()).compareAndDelete(key, version),
    increment: async (key, windowSeconds) => (await open()).increment(key, windowSeconds),
    addToSet: async (set, member, options) => (await open()).addToSet(set, member, options),
    members: async (set) => (await open()).members(set),
    deleteSet: async (set) => (await open()).deleteSet(set),
    ping: async () => (await open()).ping(),
    // The file's store is closed after its last test, not by one of its views.
    close: async () => {},
  };
}
