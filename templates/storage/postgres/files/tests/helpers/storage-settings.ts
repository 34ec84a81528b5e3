import { escapeIdentifier } from 'pg';
import { afterAll } from 'vitest';

import { connectTestDatabase, freshSchemaName, leftoverTestSchemas, TEST_DATABASE_URL } from './test-database.js';

const schemasGiven: string[] = [];

// Each test file evaluates this module afresh, so this runs once at the end of every file that makes a
// test configuration, after the file's own hooks: its stores and servers are closed by then.
afterAll(async () => {
  const given = schemasGiven.splice(0);
  if (given.length > 0) await dropSchemas(given);
});

/**
 * The test database, and a schema of its own for each configuration: every store a test creates
 * starts empty, as an in-memory one would, and test files running side by side never meet. The
 * schemas are dropped when the file is done, leaving nothing behind in the database; those of an
 * interrupted run go when a later run's file ends.
 */
export function freshStorageEnv(): Record<string, string> {
  const schema = freshSchemaName();
  schemasGiven.push(schema);
  return { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
}

async function dropSchemas(names: readonly string[]): Promise<void> {
  const pool = await connectTestDatabase().catch(() => undefined);
  // Nothing answers, so the stores of this file could not create their schemas there either.
  if (pool === undefined) return;
  try {
    const tests = await pool.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'test\\_%'");
    const existing = tests.rows.map((row) => row.name);
    // One schema per statement: dropping many in one transaction could exhaust the server's lock table.
    for (const name of existing.filter((candidate) => names.includes(candidate))) await pool.query(`DROP SCHEMA ${escapeIdentifier(name)} CASCADE`);
    for (const name of leftoverTestSchemas(existing)) {
      // Another file ending now may be dropping the same leftover: whichever comes second has nothing to do.
      await pool.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(name)} CASCADE`).catch(() => {});
    }
  } finally {
    await pool.end();
  }
}
