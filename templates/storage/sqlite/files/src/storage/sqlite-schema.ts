import type { DatabaseSync } from 'node:sqlite';

import { inImmediateTransaction } from './sqlite-transaction.js';

/**
 * The store's schema, one migration per version: entry `n` takes a file from version `n` to `n + 1`.
 * The version lives in the file header (`PRAGMA user_version`), 0 for a new file. Append a migration
 * to change the schema; never edit one that has shipped, since files out there are already past it.
 *
 * Times are epoch milliseconds. The three key spaces of the Store contract are three tables, so a
 * value, a counter and a set of one name never collide.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE store_values (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    version TEXT NOT NULL,
    expires_at INTEGER
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX store_values_expiry ON store_values (expires_at) WHERE expires_at IS NOT NULL;

  CREATE TABLE store_counters (
    key TEXT NOT NULL PRIMARY KEY,
    count INTEGER NOT NULL,
    resets_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX store_counters_expiry ON store_counters (resets_at);

  CREATE TABLE store_set_members (
    set_name TEXT NOT NULL,
    member TEXT NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (set_name, member)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX store_set_members_expiry ON store_set_members (expires_at) WHERE expires_at IS NOT NULL;
  `,
];

/** The version a file has once every migration ran. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** A file whose schema this server cannot use: written by a newer release of it. */
export class NewerSchemaError extends Error {
  readonly found: number;

  constructor(found: number) {
    super(`its store schema is version ${found}, newer than this server's (${SCHEMA_VERSION}); it was written by a newer release of this server`);
    this.name = 'NewerSchemaError';
    this.found = found;
  }
}

/** The schema version recorded in the file. */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Brings the file to SCHEMA_VERSION, creating the schema in a new file. The write lock is taken before
 * the version is read (BEGIN IMMEDIATE), so two processes starting together on one file migrate it once:
 * the second waits, then finds nothing left to do.
 */
export function migrate(db: DatabaseSync): void {
  inImmediateTransaction(db, () => {
    const found = schemaVersion(db);
    if (found > SCHEMA_VERSION) throw new NewerSchemaError(found);
    for (const migration of MIGRATIONS.slice(found)) db.exec(migration);
    // PRAGMA takes no bound parameters; the value is our own integer.
    if (found < SCHEMA_VERSION) db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}

