import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';

import type { Config } from '../../src/config.js';
import { storeTables } from '../../src/storage/postgres-migrations.js';
import { PostgresStore } from '../../src/storage/postgres-store.js';
import { testConfig } from '../helpers/config.js';
import { connectTestDatabase, describeWithDatabase } from '../helpers/test-database.js';

describeWithDatabase('PostgreSQL store sweep', () => {
  let database: Pool;
  let store: PostgresStore | undefined;
  beforeAll(async () => {
    database = await connectTestDatabase();
  });
  afterEach(async () => {
    await store?.close();
  });
  afterAll(async () => {
    await database?.end();
  });

  /** Rows in each table of the schema, swept or not. */
  async function rowCounts(config: Config): Promise<{ values: number; counters: number; setMembers: number }> {
    const tables = storeTables(config.DATABASE_SCHEMA);
    const count = async (table: string) => Number((await database.query<{ rows: string }>(`SELECT count(*) AS rows FROM ${table}`)).rows[0]?.rows);
    return { values: await count(tables.values), counters: await count(tables.counters), setMembers: await count(tables.setMembers) };
  }

  /** Rows past their expiry on the database's clock, which decides expiry. */
  async function expiredRows(config: Config): Promise<number> {
    const tables = storeTables(config.DATABASE_SCHEMA);
    const { rows } = await database.query<{ expired: string }>(
      `SELECT (SELECT count(*) FROM ${tables.values} WHERE expires_at <= now())
            + (SELECT count(*) FROM ${tables.counters} WHERE resets_at <= now())
            + (SELECT count(*) FROM ${tables.setMembers} WHERE expires_at <= now()) AS expired`,
    );
    return Number(rows[0]?.expired);
  }

  it('deletes expired values, ended counter windows and expired set members, in batches, and keeps the rest', async () => {
    const config = testConfig();
    // No sweep on the timer during this test: the one under test is called by hand.
    store = await PostgresStore.open(config, { sweepBatchSize: 2, sweepIntervalMs: 3_600_000 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await store.set(`short:${key}`, key, { ttlSeconds: 0.05 });
    await store.increment('calls', 0.05);
    await store.addToSet('grant:1', 'short:a', { ttlSeconds: 0.05 });
    await store.set('long', 'kept', { ttlSeconds: 600 });
    await store.set('forever', 'kept');
    await store.increment('daily', 86_400);
    await store.addToSet('grant:1', 'long', { ttlSeconds: 600 });
    await vi.waitFor(async () => expect(await expiredRows(config)).toBe(7), { timeout: 5_000, interval: 20 });

    expect(await store.sweep()).toBe(7);
    expect(await rowCounts(config)).toEqual({ values: 2, counters: 1, setMembers: 1 });
    expect(await store.get('long')).toBe('kept');
  });

  it('runs by itself on its timer', async () => {
    const config = testConfig();
    store = await PostgresStore.open(config, { sweepIntervalMs: 50 });
    await store.set('short', 'gone soon', { ttlSeconds: 0.05 });
    await store.increment('calls', 0.05);
    await vi.waitFor(async () => expect(await rowCounts(config)).toEqual({ values: 0, counters: 0, setMembers: 0 }), { timeout: 5_000, interval: 50 });
  });
});
