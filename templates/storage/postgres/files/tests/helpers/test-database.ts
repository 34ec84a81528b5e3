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

/** A schema name no other test, process or run uses. */
export function freshSchemaName(): string {
  return `test_${randomBytes(8).toString('hex')}`;
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
