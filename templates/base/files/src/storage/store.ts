/**
 * The storage seam. Everything that must outlive one request (OAuth state, token caches, rate-limit
 * counters) goes through this interface; the chosen backend (src/storage/index.ts) implements it.
 * One contract test suite (tests/storage/store.contract.ts) holds every backend to the same behaviour.
 */

/** Values must survive JSON.stringify/JSON.parse unchanged: backends store them serialised. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SetOptions {
  /** Expire the entry after this many seconds (fractions allowed). Absent means no expiry. */
  ttlSeconds?: number;
}

export interface Store {
  /** The stored value, or undefined when absent or expired. */
  get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined>;
  /** Stores or overwrites `value` under `key`. */
  set(key: string, value: JsonValue, options?: SetOptions): Promise<void>;
  /**
   * Stores `value` under `key` only when the key holds no live entry (an expired one counts as
   * absent), and resolves whether it did; an existing entry is left untouched, TTL included. Atomic:
   * among concurrent calls for one key exactly one resolves true. Use it to claim something once
   * for a while, such as a nonce that must not be accepted twice.
   */
  setIfAbsent(key: string, value: JsonValue, options?: SetOptions): Promise<boolean>;
  /**
   * Atomically reads and deletes: among concurrent takes of one key exactly one receives the value.
   * Use it for single-use items such as authorization codes and OAuth state.
   */
  take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined>;
  /** Removes `key`; resolves whether or not it existed. */
  delete(key: string): Promise<void>;
  /** Resolves when the backend can serve requests; rejects otherwise. Drives /readyz. */
  ping(): Promise<void>;
  /** Releases connections and timers. The store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * A view of `store` whose keys are prefixed with `namespace:`, so independent features sharing one
 * backend never collide. Closing the view does not close the underlying store.
 */
export function namespacedStore(store: Store, namespace: string): Store {
  if (!/^[a-z0-9][a-z0-9_.-]*$/i.test(namespace)) throw new Error(`Invalid store namespace "${namespace}"`);
  const prefixed = (key: string) => `${namespace}:${key}`;
  return {
    get: (key) => store.get(prefixed(key)),
    set: (key, value, options) => store.set(prefixed(key), value, options),
    setIfAbsent: (key, value, options) => store.setIfAbsent(prefixed(key), value, options),
    take: (key) => store.take(prefixed(key)),
    delete: (key) => store.delete(prefixed(key)),
    ping: () => store.ping(),
    close: async () => {},
  };
}
