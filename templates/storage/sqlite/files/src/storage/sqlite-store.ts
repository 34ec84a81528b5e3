import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { openStoreDatabase } from './sqlite-database.js';
import { inImmediateTransaction } from './sqlite-transaction.js';
import { assertPositiveSeconds, serialiseValue, type CompareAndSetOptions, type JsonValue, type SetOptions, type Store, type Versioned, type WindowCount } from './store.js';

export interface SqliteStoreOptions {
  /** The database file; its folder is created when missing. */
  path: string;
  /** How often expired rows are deleted in the background (reads never return them either way). */
  sweepIntervalMs?: number;
  /** Clock in epoch milliseconds; injectable so tests can move time without sleeping. */
  now?: () => number;
}

/** A row is live while it has no expiry or its expiry is still ahead of `now` (bound as :now). */
const LIVE = '(expires_at IS NULL OR expires_at > :now)';

/**
 * The statements of the Store contract, prepared once. Each contract operation is one statement (or,
 * for deleteSet, one BEGIN IMMEDIATE transaction): SQLite runs a writing statement under the file's
 * write lock from start to end, so it is atomic against every other connection to the file, in this
 * process or another one (the stdio and HTTP servers may share a file).
 */
function prepareStatements(db: DatabaseSync) {
  return {
    read: db.prepare(`SELECT value, version FROM store_values WHERE key = :key AND ${LIVE}`),
    write: db.prepare(
      `INSERT INTO store_values (key, value, version, expires_at) VALUES (:key, :value, :version, :expiresAt)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
    ),
    // Writes where no live value is: a new key, or over an expired row the sweep has not reached yet.
    writeIfAbsent: db.prepare(
      `INSERT INTO store_values (key, value, version, expires_at) VALUES (:key, :value, :version, :expiresAt)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at
       WHERE store_values.expires_at IS NOT NULL AND store_values.expires_at <= :now`,
    ),
    writeIfVersion: db.prepare(
      `UPDATE store_values SET value = :value, version = :version, expires_at = :expiresAt
       WHERE key = :key AND version = :ifVersion AND ${LIVE}`,
    ),
    take: db.prepare(`DELETE FROM store_values WHERE key = :key AND ${LIVE} RETURNING value`),
    delete: db.prepare('DELETE FROM store_values WHERE key = :key'),
    deleteIfVersion: db.prepare(`DELETE FROM store_values WHERE key = :key AND version = :version AND ${LIVE}`),
    // SET expressions read the row as it was, so both see the old window's end.
    increment: db.prepare(
      `INSERT INTO store_counters (key, count, resets_at) VALUES (:key, 1, :resetsAt)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN resets_at > :now THEN count + 1 ELSE 1 END,
         resets_at = CASE WHEN resets_at > :now THEN resets_at ELSE excluded.resets_at END
       RETURNING count, resets_at`,
    ),
    addMember: db.prepare(
      `INSERT INTO store_set_members (set_name, member, expires_at) VALUES (:set, :member, :expiresAt)
       ON CONFLICT (set_name, member) DO UPDATE SET expires_at = excluded.expires_at`,
    ),
    members: db.prepare(`SELECT member FROM store_set_members WHERE set_name = :set AND ${LIVE}`),
    deleteMemberValues: db.prepare(`DELETE FROM store_values WHERE key IN (SELECT member FROM store_set_members WHERE set_name = :set AND ${LIVE})`),
    deleteSet: db.prepare('DELETE FROM store_set_members WHERE set_name = :set'),
    sweepValues: db.prepare('DELETE FROM store_values WHERE expires_at <= :now'),
    sweepCounters: db.prepare('DELETE FROM store_counters WHERE resets_at <= :now'),
    sweepMembers: db.prepare('DELETE FROM store_set_members WHERE expires_at <= :now'),
    ping: db.prepare('PRAGMA user_version'),
  } satisfies Record<string, StatementSync>;
}

/**
 * The Store contract on one SQLite file through Node's built-in driver. Data survives restarts, and
 * every process on this machine that opens the same file shares it; replicas on other machines cannot.
 */
export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof prepareStatements>;
  readonly #now: () => number;
  readonly #sweepTimer: NodeJS.Timeout;
  #closed = false;

  /** Opens (and on first use creates) the file; throws SqliteOpenError when it cannot be used. */
  constructor(options: SqliteStoreOptions) {
    this.#db = openStoreDatabase(options.path);
    this.#sql = prepareStatements(this.#db);
    this.#now = options.now ?? Date.now;
    this.#sweepTimer = setInterval(() => {
      try {
        this.sweep();
      } catch {
        // Another process held the write lock past the busy timeout: expired rows stay hidden from
        // reads and the next sweep deletes them. A throw here would end the process.
      }
    }, options.sweepIntervalMs ?? 60_000);
    // The sweep is housekeeping: it must never keep the process alive on its own.
    this.#sweepTimer.unref();
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<void> {
    this.#assertOpen();
    this.#sql.write.run({ key, value: serialiseValue(key, value), version: randomUUID(), expiresAt: this.#expiry(options) });
  }

  async setIfAbsent(key: string, value: JsonValue, options: SetOptions = {}): Promise<boolean> {
    return (await this.compareAndSet(key, value, { ...options, ifVersion: null })) !== undefined;
  }

  async take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    const row = this.#sql.take.get({ key, now: this.#now() }) as { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async delete(key: string): Promise<void> {
    this.#assertOpen();
    this.#sql.delete.run({ key });
  }

  async getVersioned<T extends JsonValue = JsonValue>(key: string): Promise<Versioned<T> | undefined> {
    this.#assertOpen();
    const row = this.#sql.read.get({ key, now: this.#now() }) as { value: string; version: string } | undefined;
    return row === undefined ? undefined : { value: JSON.parse(row.value) as T, version: row.version };
  }

  async compareAndSet(key: string, value: JsonValue, options: CompareAndSetOptions): Promise<string | undefined> {
    this.#assertOpen();
    const version = randomUUID();
    const row = { key, value: serialiseValue(key, value), version, expiresAt: this.#expiry(options), now: this.#now() };
    const { changes } = options.ifVersion === null ? this.#sql.writeIfAbsent.run(row) : this.#sql.writeIfVersion.run({ ...row, ifVersion: options.ifVersion });
    return Number(changes) === 1 ? version : undefined;
  }

  async compareAndDelete(key: string, version: string): Promise<boolean> {
    this.#assertOpen();
    return Number(this.#sql.deleteIfVersion.run({ key, version, now: this.#now() }).changes) === 1;
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    this.#assertOpen();
    assertPositiveSeconds('windowSeconds', windowSeconds);
    const now = this.#now();
    const row = this.#sql.increment.get({ key, now, resetsAt: Math.ceil(now + windowSeconds * 1000) }) as { count: number; resets_at: number };
    return { count: row.count, resetsAt: row.resets_at };
  }

  async addToSet(set: string, member: string, options: SetOptions = {}): Promise<void> {
    this.#assertOpen();
    this.#sql.addMember.run({ set, member, expiresAt: this.#expiry(options) });
  }

  async members(set: string): Promise<string[]> {
    this.#assertOpen();
    return (this.#sql.members.all({ set, now: this.#now() }) as Array<{ member: string }>).map((row) => row.member);
  }

  async deleteSet(set: string): Promise<void> {
    this.#assertOpen();
    const now = this.#now();
    // Two statements, one transaction: no other connection adds a member between them, or sees the set half
    // gone. A membership past its TTL no longer ties its key to the set, so that key's value is left alone.
    inImmediateTransaction(this.#db, () => {
      this.#sql.deleteMemberValues.run({ set, now });
      this.#sql.deleteSet.run({ set });
    });
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    // Reads the file's header: the file is still there and readable, not only the connection object.
    this.#sql.ping.get();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    this.#db.close();
  }

  /** Deletes every expired value, counter and set member. Runs on a timer; reads skip expired rows meanwhile. */
  sweep(): void {
    if (this.#closed) return;
    const now = this.#now();
    inImmediateTransaction(this.#db, () => {
      this.#sql.sweepValues.run({ now });
      this.#sql.sweepCounters.run({ now });
      this.#sql.sweepMembers.run({ now });
    });
  }

  /** When an entry written now with `options` expires, in whole epoch milliseconds (rounded up); null for never. */
  #expiry({ ttlSeconds }: SetOptions): number | null {
    assertPositiveSeconds('ttlSeconds', ttlSeconds);
    return ttlSeconds === undefined ? null : Math.ceil(this.#now() + ttlSeconds * 1000);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Store is closed');
  }
}
