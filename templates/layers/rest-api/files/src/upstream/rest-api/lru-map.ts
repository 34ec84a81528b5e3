/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one to make room, so
 * a cache keyed by something callers bring (their tokens) cannot grow without bound.
 */
export class LruMap<K, V> {
  readonly #capacity: number;
  // A Map iterates in insertion order; re-inserting on every use keeps the least recently used first.
  readonly #entries = new Map<K, V>();

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`An LRU map needs a capacity of at least 1, not ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) {
      const [oldest] = this.#entries.keys();
      this.#entries.delete(oldest as K);
    }
  }

  values(): IterableIterator<V> {
    return this.#entries.values();
  }
}
