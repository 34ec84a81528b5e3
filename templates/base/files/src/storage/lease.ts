import { randomUUID } from 'node:crypto';

import type { Store } from './store.js';

/** Exclusive right to do something (refresh one token) across every replica sharing the store, until it expires. */
export interface Lease {
  readonly owner: string;
  /** Extends the lease by `ttlSeconds` from now; resolves false when it had already expired and passed to someone else. */
  renew(ttlSeconds: number): Promise<boolean>;
  /** Gives the lease up; resolves false when it had already expired (nothing of another holder is touched). */
  release(): Promise<boolean>;
}

/**
 * Takes the lease named `key` for `ttlSeconds`, or resolves undefined while someone else holds it.
 * The TTL bounds how long a crashed holder blocks the others: pick it above the longest time the
 * guarded work takes.
 */
export async function acquireLease(store: Store, key: string, ttlSeconds: number, owner: string = randomUUID()): Promise<Lease | undefined> {
  let version = await store.compareAndSet(key, { owner }, { ifVersion: null, ttlSeconds });
  if (version === undefined) return undefined;
  return {
    owner,
    async renew(seconds) {
      if (version === undefined) return false;
      version = await store.compareAndSet(key, { owner }, { ifVersion: version, ttlSeconds: seconds });
      return version !== undefined;
    },
    async release() {
      if (version === undefined) return false;
      const held = version;
      version = undefined;
      return store.compareAndDelete(key, held);
    },
  };
}
