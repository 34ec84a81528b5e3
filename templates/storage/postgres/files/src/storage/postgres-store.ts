import { randomUUID } from 'node:crypto';

import type { Pool, QueryResult, QueryResultRow } from 'pg';

import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { explainStartFailure } from './postgres-errors.js';
import { migrate, storeTables, type StoreTables } from './postgres-migrations.js';
import { createPool } from './postgres-pool.js';
import type { PostgresSettings } from './postgres-settings.js';
import { StoreUnavailableError } from './store-unavailable.js';
import { assertPositiveSeconds, serialiseValue, type CompareAndSetOptions, type JsonValue, type SetOptions, type Store, type Versioned, type WindowCount } from './store.js';

export interface PostgresStoreOptions {
  /** How often expired rows are deleted in the background; reads never return them either way. */
  sweepIntervalMs?: number;
  /** Most rows one sweep statement deletes, so no statement holds many row locks for long. */
  sweepBatchSize?: number;
  /** Where broken connections are reported. */
  logger?: Logger;
}

/** A live row: no expiry, or an expiry still ahead on the database's clock. */
const LIVE = '(expires_at IS NULL OR expires_at > now())';
/** The expiry of a row written now for $n seconds; NULL seconds mean no expiry. */
const expiry = (parameter: number) => `now() + $${parameter}::float8 * interval '1 second'`;

/**
 * The store on PostgreSQL, shared by every replica pointed at the same database and schema. Each
 * operation is one SQL statement, so the database makes it atomic: conditional writes are
 * `INSERT ... ON CONFLICT ... DO UPDATE ... WHERE` or `UPDATE ... WHERE version = $n`, and under READ
 * COMMITTED a writer that waited for a row re-checks the condition against the row as committed.
 * Nothing is read first and written after.
 */
export class PostgresStore implements Store {
  readonly #pool: Pool;
  readonly #t: StoreTables;
  readonly #sweepBatchSize: number;
  readonly #sweepTimer: NodeJS.Timeout;
  #sweeping: Promise<number> | undefined;
  #closed = false;

  private constructor(pool: Pool, schema: string, options: PostgresStoreOptions) {
    this.#pool = pool;
    this.#t = storeTables(schema);
    this.#sweepBatchSize = options.sweepBatchSize ?? 1_000;
    this.#sweepTimer = setInterval(() => {
      // Housekeeping only: a failed sweep is tried again next time, and readiness reports an outage.
      this.sweep().catch(() => {});
    }, options.sweepIntervalMs ?? 60_000);
    // The sweep must never keep the process alive on its own.
    this.#sweepTimer.unref();
  }

  /**
   * Connects, creates or migrates the tables, and resolves the store; rejects with a message naming the
   * variable to fix when the database cannot be reached, refuses the login, or its tables are too new.
   */
  static async open(settings: PostgresSettings, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { pool, url, sslMode } = await createPool(settings, options.logger);
    try {
      await migrate(pool, settings.DATABASE_SCHEMA);
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof AppError) throw error;
      throw new StoreUnavailableError(
        explainStartFailure(error, { url, sslMode, schema: settings.DATABASE_SCHEMA, connectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS }),
        { cause: error },
      );
    }
    return new PostgresStore(pool, settings.DATABASE_SCHEMA, options);
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<void> {
    const json = serialiseValue(key, value);
    assertPositiveSeconds('ttlSeconds', options.ttlSeconds);
    await this.#query(
      `INSERT INTO ${this.#t.values} (key, value, version, expires_at) VALUES ($1, $2, $3, ${expiry(4)})
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
      [key, json, randomUUID(), options.ttlSeconds ?? null],
    );
  }

  async setIfAbsent(key: string, value: JsonValue, options: SetOptions = {}): Promise<boolean> {
    return (await this.compareAndSet(key, value, { ...options, ifVersion: null })) !== undefined;
  }

  async take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    const { rows } = await this.#query<{ value: string }>(`DELETE FROM ${this.#t.values} WHERE key = $1 AND ${LIVE} RETURNING value`, [key]);
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].value) as T);
  }

  async delete(key: string): Promise<void> {
    await this.#query(`DELETE FROM ${this.#t.values} WHERE key = $1`, [key]);
  }

  async getVersioned<T extends JsonValue = JsonValue>(key: string): Promise<Versioned<T> | undefined> {
    const { rows } = await this.#query<{ value: string; version: string }>(`SELECT value, version FROM ${this.#t.values} WHERE key = $1 AND ${LIVE}`, [key]);
    return rows[0] === undefined ? undefined : { value: JSON.parse(rows[0].value) as T, version: rows[0].version };
  }

  async compareAndSet(key: string, value: JsonValue, options: CompareAndSetOptions): Promise<string | undefined> {
    const json = serialiseValue(key, value);
    assertPositiveSeconds('ttlSeconds', options.ttlSeconds);
    const version = randomUUID();
    const ttl = options.ttlSeconds ?? null;
    const { rows } =
      options.ifVersion === null
        ? // Inserts, or replaces only an expired row; a live row makes the WHERE false and nothing is returned.
          await this.#query<{ version: string }>(
            `INSERT INTO ${this.#t.values} AS stored (key, value, version, expires_at) VALUES ($1, $2, $3, ${expiry(4)})
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at
             WHERE stored.expires_at IS NOT NULL AND stored.expires_at <= now()
             RETURNING version`,
            [key, json, version, ttl],
          )
        : await this.#query<{ version: string }>(
            `UPDATE ${this.#t.values} SET value = $2, version = $3, expires_at = ${expiry(4)}
             WHERE key = $1 AND version = $5 AND ${LIVE}
             RETURNING version`,
            [key, json, version, ttl, options.ifVersion],
          );
    return rows[0]?.version;
  }

  async compareAndDelete(key: string, version: string): Promise<boolean> {
    const { rowCount } = await this.#query(`DELETE FROM ${this.#t.values} WHERE key = $1 AND version = $2 AND ${LIVE}`, [key, version]);
    return rowCount === 1;
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    assertPositiveSeconds('windowSeconds', windowSeconds);
    // The window's end is reported rounded up to the millisecond, so waiting until then always reaches the next window.
    const { rows } = await this.#query<{ count: number; resets_at: number }>(
      `INSERT INTO ${this.#t.counters} AS counter (key, count, resets_at) VALUES ($1, 1, ${expiry(2)})
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN counter.resets_at > now() THEN counter.count + 1 ELSE 1 END,
         resets_at = CASE WHEN counter.resets_at > now() THEN counter.resets_at ELSE excluded.resets_at END
       RETURNING count::float8 AS count, ceil(extract(epoch FROM resets_at) * 1000)::float8 AS resets_at`,
      [key, windowSeconds],
    );
    const [row] = rows;
    if (row === undefined) throw new Error(`Counter "${key}" returned no row`);
    return { count: row.count, resetsAt: row.resets_at };
  }

  async addToSet(set: string, member: string, options: SetOptions = {}): Promise<void> {
    assertPositiveSeconds('ttlSeconds', options.ttlSeconds);
    await this.#query(
      `INSERT INTO ${this.#t.setMembers} (set_name, member, expires_at) VALUES ($1, $2, ${expiry(3)})
       ON CONFLICT (set_name, member) DO UPDATE SET expires_at = excluded.expires_at`,
      [set, member, options.ttlSeconds ?? null],
    );
  }

  async members(set: string): Promise<string[]> {
    const { rows } = await this.#query<{ member: string }>(`SELECT member FROM ${this.#t.setMembers} WHERE set_name = $1 AND ${LIVE}`, [set]);
    return rows.map((row) => row.member);
  }

  async deleteSet(set: string): Promise<void> {
    // One statement: the members leave the set and their values go with them, or nothing happens.
    await this.#query(
      `WITH removed AS (DELETE FROM ${this.#t.setMembers} WHERE set_name = $1 RETURNING member)
       DELETE FROM ${this.#t.values} WHERE key IN (SELECT member FROM removed)`,
      [set],
    );
  }

  async ping(): Promise<void> {
    await this.#query('SELECT 1', []);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    await this.#sweeping?.catch(() => {});
    await this.#pool.end();
  }

  /**
   * Deletes expired values, ended counter windows and expired set members, in batches of
   * `sweepBatchSize` rows until none is left, and resolves how many rows went. Replicas sweeping at
   * the same time skip each other's locked rows instead of waiting for them. Runs on a timer.
   */
  sweep(): Promise<number> {
    this.#sweeping ??= this.#sweepAll().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweepAll(): Promise<number> {
    let removed = 0;
    for (const [table, expiredColumn] of [
      [this.#t.values, 'expires_at'],
      [this.#t.counters, 'resets_at'],
      [this.#t.setMembers, 'expires_at'],
    ] as const) {
      for (;;) {
        const { rowCount } = await this.#query(
          `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(
             SELECT ctid FROM ${table} WHERE ${expiredColumn} <= now() LIMIT $1 FOR UPDATE SKIP LOCKED
           ))`,
          [this.#sweepBatchSize],
        );
        removed += rowCount ?? 0;
        if ((rowCount ?? 0) < this.#sweepBatchSize) break;
      }
    }
    return removed;
  }

  async #query<Row extends QueryResultRow = QueryResultRow>(text: string, values: unknown[]): Promise<QueryResult<Row>> {
    if (this.#closed) throw new Error('Store is closed');
    return this.#pool.query<Row>(text, values);
  }
}
