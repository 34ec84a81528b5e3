import { randomUUID } from 'node:crypto';

import { assertPositiveSeconds, serialiseValue, type CompareAndSetOptions, type JsonValue, type SetOptions, type Store, type Versioned, type WindowCount } from './store.js';

export interface MemoryStoreOptions {
  /** Bound on values, counters and sets each (and on the members of one set); beyond it the oldest is evicted. */
  maxEntries: number;
  /** How often expired entries are swept in the background (they are also dropped lazily on read). */
  sweepIntervalMs?: number;
  /** Clock in epoch milliseconds; injectable so tests can move time without sleeping. */
  now?: () => number;
}

interface Entry {
  /** Kept serialised: proves values are JSON-clean and stops callers mutating stored state by reference. */
  readonly json: string;
  readonly version: string;
  readonly expiresAt: number | undefined;
}

interface Counter {
  readonly count: number;
  readonly resetsAt: number;
}

/** Member key -> when its membership ends (undefined: with the set). */
type KeySet = Map<string, number | undefined>;

/**
 * Every call checks and writes in one synchronous step, so no other call interleaves: each operation
 * is atomic within the process. Nothing is shared with other processes.
 */
export class MemoryStore implements Store {
  readonly #values = new Map<string, Entry>();
  readonly #counters = new Map<string, Counter>();
  readonly #sets = new Map<string, KeySet>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #sweepTimer: NodeJS.Timeout;
  #closed = false;

  constructor(options: MemoryStoreOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
    this.#sweepTimer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 60_000);
    // The sweep is housekeeping: it must never keep the process alive on its own.
    this.#sweepTimer.unref();
  }

  /** Live and not yet swept values. */
  get size(): number {
    return this.#values.size;
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<void> {
    this.#assertOpen();
    this.#write(key, serialiseValue(key, value), this.#expiry(options));
  }

  async setIfAbsent(key: string, value: JsonValue, options: SetOptions = {}): Promise<boolean> {
    return (await this.compareAndSet(key, value, { ...options, ifVersion: null })) !== undefined;
  }

  async take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    this.#values.delete(key);
    return JSON.parse(entry.json) as T;
  }

  async delete(key: string): Promise<void> {
    this.#assertOpen();
    this.#values.delete(key);
  }

  async getVersioned<T extends JsonValue = JsonValue>(key: string): Promise<Versioned<T> | undefined> {
    this.#assertOpen();
    const entry = this.#live(key);
    return entry === undefined ? undefined : { value: JSON.parse(entry.json) as T, version: entry.version };
  }

  async compareAndSet(key: string, value: JsonValue, options: CompareAndSetOptions): Promise<string | undefined> {
    this.#assertOpen();
    const json = serialiseValue(key, value);
    const expiresAt = this.#expiry(options);
    if ((this.#live(key)?.version ?? null) !== options.ifVersion) return undefined;
    return this.#write(key, json, expiresAt);
  }

  async compareAndDelete(key: string, version: string): Promise<boolean> {
    this.#assertOpen();
    if (this.#live(key)?.version !== version) return false;
    this.#values.delete(key);
    return true;
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    this.#assertOpen();
    assertPositiveSeconds('windowSeconds', windowSeconds);
    const now = this.#now();
    const current = this.#counters.get(key);
    const next = current !== undefined && current.resetsAt > now ? { count: current.count + 1, resetsAt: current.resetsAt } : { count: 1, resetsAt: now + windowSeconds * 1000 };
    this.#counters.delete(key);
    evictOldest(this.#counters, this.#maxEntries);
    this.#counters.set(key, next);
    return { ...next };
  }

  async addToSet(set: string, member: string, options: SetOptions = {}): Promise<void> {
    this.#assertOpen();
    const expiresAt = this.#expiry(options);
    let members = this.#sets.get(set);
    if (members === undefined) {
      evictOldest(this.#sets, this.#maxEntries);
      members = new Map();
      this.#sets.set(set, members);
    }
    members.delete(member);
    evictOldest(members, this.#maxEntries);
    members.set(member, expiresAt);
  }

  async members(set: string): Promise<string[]> {
    this.#assertOpen();
    const now = this.#now();
    return [...(this.#sets.get(set) ?? [])].filter(([, expiresAt]) => expiresAt === undefined || expiresAt > now).map(([member]) => member);
  }

  async deleteSet(set: string): Promise<void> {
    this.#assertOpen();
    for (const member of this.#sets.get(set)?.keys() ?? []) this.#values.delete(member);
    this.#sets.delete(set);
  }

  async ping(): Promise<void> {
    this.#assertOpen();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    this.#values.clear();
    this.#counters.clear();
    this.#sets.clear();
  }

  /** Drops every expired value, counter and set member. Runs on a timer and whenever the store is full. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#values) if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.#values.delete(key);
    for (const [key, counter] of this.#counters) if (counter.resetsAt <= now) this.#counters.delete(key);
    for (const [set, members] of this.#sets) {
      for (const [member, expiresAt] of members) if (expiresAt !== undefined && expiresAt <= now) members.delete(member);
      if (members.size === 0) this.#sets.delete(set);
    }
  }

  /** When an entry written now with `options` expires, in epoch milliseconds; undefined for never. */
  #expiry({ ttlSeconds }: SetOptions): number | undefined {
    assertPositiveSeconds('ttlSeconds', ttlSeconds);
    return ttlSeconds === undefined ? undefined : this.#now() + ttlSeconds * 1000;
  }

  /** Stores the entry as the newest and resolves its version. */
  #write(key: string, json: string, expiresAt: number | undefined): string {
    // Re-inserting moves the key to the end of the Map's order, which is what eviction relies on.
    this.#values.delete(key);
    if (this.#values.size >= this.#maxEntries) this.sweep();
    evictOldest(this.#values, this.#maxEntries);
    const version = randomUUID();
    this.#values.set(key, { json, version, expiresAt });
    return version;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#values.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.#now()) {
      this.#values.delete(key);
      return undefined;
    }
    return entry;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Store is closed');
  }
}

/** Makes room for one more entry in an insertion-ordered map by dropping its oldest. */
function evictOldest(map: Map<string, unknown>, maxEntries: number): void {
  while (map.size >= maxEntries) {
    const oldest = map.keys().next();
    if (oldest.done === true) return;
    map.delete(oldest.value);
  }
}
