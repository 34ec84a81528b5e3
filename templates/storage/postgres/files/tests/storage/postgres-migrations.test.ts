import type { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createStore } from '../../src/storage/index.js';
import { LATEST_SCHEMA_VERSION, storeTables } from '../../src/storage/postgres-migrations.js';
import { testConfig } from '../helpers/config.js';
import { connectTestDatabase, describeWithDatabase } from '../helpers/test-database.js';

describeWithDatabase('PostgreSQL store schema', () => {
  let database: Pool;
  beforeAll(async () => {
    database = await connectTestDatabase();
  });
  afterAll(async () => {
    await database?.end();
  });

  /** The versions recorded in a schema, oldest first. */
  async function recordedVersions(schema: string): Promise<number[]> {
    const { rows } = await database.query<{ version: number }>(`SELECT version FROM ${storeTables(schema).schemaVersion} ORDER BY version`);
    return rows.map((row) => row.version);
  }

  const everyVersion = Array.from({ length: LATEST_SCHEMA_VERSION }, (_, index) => index + 1);

  it('is created on first start, with every version recorded once', async () => {
    const config = testConfig();
    const store = await createStore(config);
    await store.close();
    expect(await recordedVersions(config.DATABASE_SCHEMA)).toEqual(everyVersion);
  });

  it('is migrated once when two replicas start together on a new schema, and both start', async () => {
    const config = testConfig();
    const replicas = await Promise.all([createStore(config), createStore(config)]);
    await replicas[0].set('written-by', 'first');
    expect(await replicas[1].get('written-by')).toBe('first');
    await Promise.all(replicas.map((replica) => replica.close()));
    expect(await recordedVersions(config.DATABASE_SCHEMA)).toEqual(everyVersion);
  });

  it('is left as it is by a restart', async () => {
    const config = testConfig();
    await (await createStore(config)).close();
    await (await createStore(config)).close();
    expect(await recordedVersions(config.DATABASE_SCHEMA)).toEqual(everyVersion);
  });

  it('is used as it is when an administrator created the schema beforehand', async () => {
    const config = testConfig();
    await database.query(`CREATE SCHEMA ${storeTables(config.DATABASE_SCHEMA).schema}`);
    const store = await createStore(config);
    await store.set('key', 'value');
    expect(await store.get('key')).toBe('value');
    await store.close();
  });

  it('is refused, naming DATABASE_SCHEMA, when a newer release has migrated it', async () => {
    const config = testConfig();
    await (await createStore(config)).close();
    await database.query(`INSERT INTO ${storeTables(config.DATABASE_SCHEMA).schemaVersion} (version, description) VALUES ($1, 'from the future')`, [
      LATEST_SCHEMA_VERSION + 1,
    ]);
    await expect(createStore(config)).rejects.toThrow(new RegExp(`at version ${LATEST_SCHEMA_VERSION + 1}, newer than this release knows .*DATABASE_SCHEMA`));
  });
});
