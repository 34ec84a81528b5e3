import { randomBytes } from 'node:crypto';

import type { Pool } from 'pg';
import { beforeAll, describe } from 'vitest';

import { createPool } from '../../src/storage/postgres-pool.js';
import { postgresSettingsSchema } from '../../src/storage/postgres-settings.js';

/** Where the tests find PostgreSQL: DATABASE_URL when set, else a local server with a database named test. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** STORE_TESTS=skip: the store's own suites are skipped, for a machine without PostgreSQL. */
export const storeTestsSkipped = process.env.STORE_TESTS === 'skip';

const settings = postgresSettingsSchema.parse({ DATABASE_URL: TEST_DATABASE_URL });

/** How the test schemas are named: `test_`, when it was made (milliseconds, base 36), `_`, random hex. */
const TEST_SCHEMA_NAME = /^test_([0-9a-z]+)_[0-9a-f]{16}$/;

/** A run that made a schema longer ago than this has ended, however long it took: its schema is left over. */
const LEFTOVER_AFTER_MS = 6 * 60 * 60 * 1000;

/** A schema name no other test, process or run uses; it says when it was made. */
export function freshSchemaName(): string {
  return `test_${Date.now().toString(36)}_${randomBytes(8).toString('hex')}`;
}

/**
 * Of these schema names, the test schemas a run made long ago and never dropped: it was interrupted
 * (Ctrl+C, a killed CI job) before its files ended.
 */
export function leftoverTestSchemas(names: readonly string[], now = Date.now()): string[] {
  return names.filter((name) => {
    const madeAt = TEST_SCHEMA_NAME.exec(name)?.[1];
    return madeAt !== undefined && now - parseInt(madeAt, 36) > LEFTOVER_AFTER_MS;
  });
}

/**
 * A pool of the tests' own on the test database, to look at what a store wrote or clean up after it.
 * Rejects, saying which variable to set, when no server answers.
 */
export async function connectTestDatabase(): Promise<Pool> {
  const { pool, url } = await createPool(settings);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `No PostgreSQL answers at ${url.redacted} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}. ` +
        "Start one there, point DATABASE_URL at another, or set STORE_TESTS=skip to skip the store's own suites.",
      { cause: error },
    );
  }
  return pool;
}

/**
 * Declares suites that need the database. Under STORE_TESTS=skip they are skipped, and their names say
 * so; otherwise they fail, naming DATABASE_URL, when no server answers.
 */
export function describeWithDatabase(name: string, body: () => void): void {
  if (storeTestsSkipped) {
    describe.skip(`${name} (skipped: STORE_TESTS=skip)`, body);
    return;
  }
  describe(name, () => {
    beforeAll(async () => {
      await (await connectTestDatabase()).end();
    });
    body();
  });
}
