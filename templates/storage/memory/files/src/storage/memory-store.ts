import type { JsonValue, SetOptions, Store } from './store.js';

export interface MemoryStoreOptions {
  /** When full, the oldest-written entry is evicted to make room. */
  maxEntries: number;
  /** How often expired entries are swept in the background (they are also dropped lazily on read). */
  sweepIntervalMs?: number;
  /** Clock in epoch milliseconds; injectable so tests can move time without sleeping. */
  now?: () => number;
}

interface Entry {
  /** Kept serialised: proves values are JSON-clean and stops callers mutating stored state by reference. */
  readonly json: string;
  readonly expiresAt: number | undefined;
}

export class MemoryStore implements Store {
  readonly #entries = new Map<string, Entry>();
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

  get size(): number {
    return this.#entries.size;
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    const entry = this.#live(key);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as T);
  }

  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<void> {
    this.#assertOpen();
    this.#write(key, serialise(key, value), this.#expiry(options));
  }

  async setIfAbsent(key: string, value: JsonValue, options: SetOptions = {}): Promise<boolean> {
    this.#assertOpen();
    const json = serialise(key, value);
    const expiresAt = this.#expiry(options);
    // The check and the write happen in one synchronous step, so no other call can interleave.
    if (this.#live(key) !== undefined) return false;
    this.#write(key, json, expiresAt);
    return true;
  }

  async take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    // Read and delete happen in one synchronous step, so no other call can interleave: atomic in-process.
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    return JSON.parse(entry.json) as T;
  }

  async delete(key: string): Promise<void> {
    this.#assertOpen();
    this.#entries.delete(key);
  }

  async ping(): Promise<void> {
    this.#assertOpen();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    this.#entries.clear();
  }

  /** Drops every expired entry. Runs on a timer and whenever the store is full. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.#entries.delete(key);
    }
  }

  /** When an entry written now with `options` expires, in epoch milliseconds; undefined for never. */
  #expiry({ ttlSeconds }: SetOptions): number | undefined {
    if (ttlSeconds === undefined) return undefined;
    if (!(ttlSeconds > 0)) throw new RangeError('ttlSeconds must be greater than 0');
    return this.#now() + ttlSeconds * 1000;
  }

  #write(key: string, json: string, expiresAt: number | undefined): void {
    // Re-inserting moves the key to the end of the Map's order, which is what eviction relies on.
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.sweep();
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { json, expiresAt });
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Store is closed');
  }
}

function serialise(key: string, value: JsonValue): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`Value for "${key}" is not JSON-serialisable`);
  return json;
}
