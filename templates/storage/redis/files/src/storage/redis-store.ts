import { randomUUID } from 'node:crypto';

import type { RedisConnection } from './redis-connection.js';
import { ADD_TO_SET, COMPARE_AND_DELETE, COMPARE_AND_SET, INCREMENT, LIVE_MEMBERS, runScript, TAKE, type LuaScript } from './redis-scripts.js';
import { assertPositiveSeconds, serialiseValue, type CompareAndSetOptions, type JsonValue, type SetOptions, type Store, type Versioned, type WindowCount } from './store.js';

export interface RedisStoreOptions {
  /** Put before every key, so servers (and test runs) sharing one Redis never meet. */
  keyPrefix: string;
}

/** Ends the version at the start of a stored entry; versions never contain it, JSON after it may. */
const VERSION_END = '|';

/** Member keys deleted, or removed from their set, per round trip of deleteSet. */
const DELETE_BATCH = 500;

/**
 * The store on Redis, shared by every replica pointed at the same Redis and prefix.
 *
 * Keys: `<prefix>v:<key>` holds a value as one string, its version then its JSON (so one SET writes
 * both, and a TTL covers both); `<prefix>c:<key>` a counter; `<prefix>s:<name>` a set. The letter
 * after the prefix keeps the three key spaces apart. Expiry is Redis's own (PX, PEXPIREAT): an
 * expired entry is never returned and disappears without a sweep. Each command and each script
 * touches a single key, so every operation stays within one hash slot of Redis Cluster; deleteSet
 * deletes the member values one key per command, since members may live in any slot.
 */
export class RedisStore implements Store {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  #closed = false;

  constructor(redis: RedisConnection, options: RedisStoreOptions) {
    this.#redis = redis;
    this.#prefix = options.keyPrefix;
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<void> {
    const valueKey = this.#valueKey(key);
    await this.#send(valueKey, ['SET', valueKey, entry(randomUUID(), serialiseValue(key, value)), ...expiryArgs(options)]);
  }

  async setIfAbsent(key: string, value: JsonValue, options: SetOptions = {}): Promise<boolean> {
    return (await this.compareAndSet(key, value, { ...options, ifVersion: null })) !== undefined;
  }

  async take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return parseEntry<T>(await this.#script(TAKE, this.#valueKey(key), []))?.value;
  }

  async delete(key: string): Promise<void> {
    const valueKey = this.#valueKey(key);
    await this.#send(valueKey, ['DEL', valueKey]);
  }

  async getVersioned<T extends JsonValue = JsonValue>(key: string): Promise<Versioned<T> | undefined> {
    const valueKey = this.#valueKey(key);
    return parseEntry<T>(await this.#send(valueKey, ['GET', valueKey]));
  }

  async compareAndSet(key: string, value: JsonValue, options: CompareAndSetOptions): Promise<string | undefined> {
    const valueKey = this.#valueKey(key);
    const version = randomUUID();
    const stored = entry(version, serialiseValue(key, value));
    if (options.ifVersion === null) {
      // NX: Redis stores only where no live key is, in one command.
      return (await this.#send(valueKey, ['SET', valueKey, stored, 'NX', ...expiryArgs(options)])) === null ? undefined : version;
    }
    // No version this store hands out holds the separator, so such a version matches no entry.
    if (options.ifVersion.includes(VERSION_END)) return undefined;
    const written = await this.#script(COMPARE_AND_SET, valueKey, [entry(options.ifVersion, ''), stored, ttlMilliseconds(options) ?? '']);
    return written === 1 ? version : undefined;
  }

  async compareAndDelete(key: string, version: string): Promise<boolean> {
    if (version.includes(VERSION_END)) return false;
    return (await this.#script(COMPARE_AND_DELETE, this.#valueKey(key), [entry(version, '')])) === 1;
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    assertPositiveSeconds('windowSeconds', windowSeconds);
    const reply = await this.#script(INCREMENT, this.#counterKey(key), [wholeMilliseconds(windowSeconds)]);
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') throw new Error(`Unexpected reply from Redis to an increment of "${key}"`);
    return { count: reply[0], resetsAt: reply[1] };
  }

  async addToSet(set: string, member: string, options: SetOptions = {}): Promise<void> {
    await this.#script(ADD_TO_SET, this.#setKey(set), [member, ttlMilliseconds(options) ?? '']);
  }

  async members(set: string): Promise<string[]> {
    return stringsOf(await this.#script(LIVE_MEMBERS, this.#setKey(set), []));
  }

  async deleteSet(set: string): Promise<void> {
    const setKey = this.#setKey(set);
    const members = stringsOf(await this.#send(setKey, ['ZRANGE', setKey, '0', '-1']));
    // Values first, then their memberships: a deletion cut short leaves the set listing what is
    // left, so calling deleteSet again finishes it. Members added meanwhile stay in the set.
    for (let start = 0; start < members.length; start += DELETE_BATCH) {
      const batch = members.slice(start, start + DELETE_BATCH);
      await Promise.all(batch.map((member) => this.delete(member)));
      await this.#send(setKey, ['ZREM', setKey, ...batch]);
    }
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#redis.close();
  }

  #valueKey(key: string): string {
    return `${this.#prefix}v:${key}`;
  }

  #counterKey(key: string): string {
    return `${this.#prefix}c:${key}`;
  }

  #setKey(set: string): string {
    return `${this.#prefix}s:${set}`;
  }

  async #send(key: string, args: readonly string[]): Promise<unknown> {
    this.#assertOpen();
    return this.#redis.send(key, args);
  }

  async #script(script: LuaScript, key: string, args: readonly string[]): Promise<unknown> {
    this.#assertOpen();
    return runScript(this.#redis, script, key, args);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Store is closed');
  }
}

/** The stored form of a value: its version, then its JSON. */
function entry(version: string, json: string): string {
  return `${version}${VERSION_END}${json}`;
}

function parseEntry<T extends JsonValue>(stored: unknown): Versioned<T> | undefined {
  if (stored === null) return undefined;
  if (typeof stored !== 'string') throw new Error('Unexpected reply from Redis: a stored value is not a string');
  const end = stored.indexOf(VERSION_END);
  return { version: stored.slice(0, end), value: JSON.parse(stored.slice(end + 1)) as T };
}

/** Whole milliseconds (at least 1, Redis's unit) of a duration assertPositiveSeconds accepted. */
function wholeMilliseconds(seconds: number): string {
  return String(Math.max(1, Math.round(seconds * 1000)));
}

/** The TTL of `options` in milliseconds, undefined for none; refuses what is not a positive number of seconds. */
function ttlMilliseconds({ ttlSeconds }: SetOptions): string | undefined {
  assertPositiveSeconds('ttlSeconds', ttlSeconds);
  return ttlSeconds === undefined ? undefined : wholeMilliseconds(ttlSeconds);
}

/** The PX option of SET for `options`, or none. */
function expiryArgs(options: SetOptions): string[] {
  const ttl = ttlMilliseconds(options);
  return ttl === undefined ? [] : ['PX', ttl];
}

function stringsOf(reply: unknown): string[] {
  if (!Array.isArray(reply) || !reply.every((item) => typeof item === 'string')) throw new Error('Unexpected reply from Redis: expected a list of keys');
  return reply;
}
