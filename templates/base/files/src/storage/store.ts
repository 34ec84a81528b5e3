/**
 * The storage seam. Everything that must outlive one request (OAuth state, token caches, rate-limit
 * counters) goes through this interface; the chosen backend (src/storage/index.ts) implements it.
 * One contract test suite (tests/storage/store.contract.ts) holds every backend to the same behaviour.
 *
 * Three key spaces live side by side and never collide: values (get/set/take/compare-and-set),
 * counters (increment) and key sets (addToSet). An entry past its TTL is never returned, by any call.
 */

/** Values must survive JSON.stringify/JSON.parse unchanged: backends store them serialised. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SetOptions {
  /** Expire the entry after this many seconds (fractions allowed). Absent means no expiry. */
  ttlSeconds?: number;
}

/** A value with the version of the write that stored it. */
export interface Versioned<T extends JsonValue = JsonValue> {
  value: T;
  /** Opaque; changes with every write of the key (set, setIfAbsent, compareAndSet), never reused. */
  version: string;
}

export interface CompareAndSetOptions extends SetOptions {
  /** The version the caller read, or null to store only when the key holds no live value. */
  ifVersion: string | null;
}

/** Where a fixed-window counter stands after an increment. */
export interface WindowCount {
  /** Increments in the current window, this one included. */
  count: number;
  /** When the current window ends and the count starts again from zero, in epoch milliseconds. */
  resetsAt: number;
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
  /** Removes the value under `key`; resolves whether or not it existed. */
  delete(key: string): Promise<void>;

  /** The stored value with its version, for a later compareAndSet or compareAndDelete. */
  getVersioned<T extends JsonValue = JsonValue>(key: string): Promise<Versioned<T> | undefined>;
  /**
   * Stores `value` only if the key still holds the version the caller read (or, with `ifVersion:
   * null`, no live value), and resolves the new version; resolves undefined, writing nothing, when
   * another write came first. Atomic: among concurrent writers holding one version exactly one wins.
   */
  compareAndSet(key: string, value: JsonValue, options: CompareAndSetOptions): Promise<string | undefined>;
  /** Deletes the value only if it still has `version`; resolves whether it did. */
  compareAndDelete(key: string, version: string): Promise<boolean>;

  /**
   * Adds one to the counter under `key` in a fixed window of `windowSeconds` that starts with the
   * window's first increment, and resolves the count so far. Atomic across concurrent callers and,
   * on a shared backend, across replicas. Use it for rate limits.
   */
  increment(key: string, windowSeconds: number): Promise<WindowCount>;

  /**
   * Records `member` (a key of this store) in the set named `set` for `ttlSeconds` (absent: until the
   * set is deleted). Use it to find everything issued under one grant and revoke it together.
   */
  addToSet(set: string, member: string, options?: SetOptions): Promise<void>;
  /** The live members of `set`, in no particular order; empty for an unknown set. */
  members(set: string): Promise<string[]>;
  /** Deletes the value under every member key of `set`, then the set itself. */
  deleteSet(set: string): Promise<void>;

  /** Resolves when the backend can serve requests; rejects otherwise. Drives /readyz. */
  ping(): Promise<void>;
  /** Releases connections and timers. The store is unusable afterwards. */
  close(): Promise<void>;
}

const NAMESPACE = /^[a-z0-9][a-z0-9_.-]*$/i;

/**
 * A view of `store` whose keys, counters, set names and set members are prefixed with `namespace:`,
 * so independent features sharing one backend never collide. Closing the view does not close the
 * underlying store.
 */
export function namespacedStore(store: Store, namespace: string): Store {
  if (!NAMESPACE.test(namespace)) throw new Error(`Invalid store namespace "${namespace}"`);
  const prefix = `${namespace}:`;
  const prefixed = (key: string) => prefix + key;
  return {
    get: (key) => store.get(prefixed(key)),
    set: (key, value, options) => store.set(prefixed(key), value, options),
    setIfAbsent: (key, value, options) => store.setIfAbsent(prefixed(key), value, options),
    take: (key) => store.take(prefixed(key)),
    delete: (key) => store.delete(prefixed(key)),
    getVersioned: (key) => store.getVersioned(prefixed(key)),
    compareAndSet: (key, value, options) => store.compareAndSet(prefixed(key), value, options),
    compareAndDelete: (key, version) => store.compareAndDelete(prefixed(key), version),
    increment: (key, windowSeconds) => store.increment(prefixed(key), windowSeconds),
    addToSet: (set, member, options) => store.addToSet(prefixed(set), prefixed(member), options),
    members: async (set) => (await store.members(prefixed(set))).map((member) => member.slice(prefix.length)),
    deleteSet: (set) => store.deleteSet(prefixed(set)),
    ping: () => store.ping(),
    close: async () => {},
  };
}

/** Refuses a TTL or window a backend could not honour, with the same message everywhere. */
export function assertPositiveSeconds(name: 'ttlSeconds' | 'windowSeconds', seconds: number | undefined): void {
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) throw new RangeError(`${name} must be a positive number of seconds`);
}

/** The stored text of a value; refuses what JSON cannot carry, naming the key. */
export function serialiseValue(key: string, value: JsonValue): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`Value for "${key}" is not JSON-serialisable`);
  return json;
}
