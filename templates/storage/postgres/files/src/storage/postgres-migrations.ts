import { createHash } from 'node:crypto';

import { escapeIdentifier, type Pool, type PoolClient } from 'pg';

import { StoreUnavailableError } from './store-unavailable.js';

/** The store's tables inside one schema, quoted and qualified, ready to put into SQL. */
export interface StoreTables {
  schema: string;
  values: string;
  counters: string;
  setMembers: string;
  schemaVersion: string;
}

export function storeTables(schema: string): StoreTables {
  const qualified = (table: string) => `${escapeIdentifier(schema)}.${escapeIdentifier(table)}`;
  return {
    schema: escapeIdentifier(schema),
    values: qualified('store_values'),
    counters: qualified('store_counters'),
    setMembers: qualified('store_set_members'),
    schemaVersion: qualified('store_schema_version'),
  };
}

interface Migration {
  version: number;
  description: string;
  statements: (tables: StoreTables) => string[];
}

/**
 * The store's schema, one step per version, never edited once released: a change is a new step.
 * Keys are compared byte for byte (COLLATE "C"): they are identifiers, not words. Values are kept as
 * JSON text, exactly as serialised (jsonb would reorder keys and refuse \u0000). Expiry times come
 * from the database's clock, so every replica agrees on what has expired.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'values with versions and expiry, windowed counters, key sets',
    statements: (t) => [
      `CREATE TABLE ${t.values} (
        key text COLLATE "C" PRIMARY KEY,
        value text NOT NULL,
        version text NOT NULL,
        expires_at timestamptz
      )`,
      `CREATE INDEX store_values_expiry ON ${t.values} (expires_at) WHERE expires_at IS NOT NULL`,
      `CREATE TABLE ${t.counters} (
        key text COLLATE "C" PRIMARY KEY,
        count bigint NOT NULL,
        resets_at timestamptz NOT NULL
      )`,
      `CREATE INDEX store_counters_reset ON ${t.counters} (resets_at)`,
      `CREATE TABLE ${t.setMembers} (
        set_name text COLLATE "C" NOT NULL,
        member text COLLATE "C" NOT NULL,
        expires_at timestamptz,
        PRIMARY KEY (set_name, member)
      )`,
      `CREATE INDEX store_set_members_expiry ON ${t.setMembers} (expires_at) WHERE expires_at IS NOT NULL`,
    ],
  },
];

/** The schema version this release creates and understands. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((latest, migration) => Math.max(latest, migration.version), 0);

/** First key of the advisory lock: tells this store's migration locks apart from other applications' in pg_locks. */
const MIGRATION_LOCK_CLASS = 0x4d435053;

/**
 * Creates the schema and tables on first start and applies any newer steps, in one transaction under
 * an advisory lock on the schema's name: replicas starting together queue up, and each finds the work
 * done by the one before it. A failed step leaves nothing half applied (PostgreSQL DDL is transactional).
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK_CLASS, lockKey(schema)]);
    await migrateLocked(client, schema);
    await client.query('COMMIT');
  } catch (error) {
    failure = error;
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    // A client whose transaction failed may be broken: the pool then discards it instead of lending it out.
    client.release(failure instanceof Error ? failure : undefined);
  }
}

async function migrateLocked(client: PoolClient, schema: string): Promise<void> {
  const tables = storeTables(schema);
  // Checked before creating: CREATE SCHEMA IF NOT EXISTS needs the CREATE right on the database even when
  // the schema exists, and a schema made beforehand by an administrator is how a less privileged user runs.
  const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${tables.schema}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${tables.schemaVersion} (
      version integer PRIMARY KEY,
      description text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
  );
  const current = await schemaVersion(client, tables);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new StoreUnavailableError(
      `The store's tables in schema "${schema}" (DATABASE_SCHEMA) are at version ${current}, newer than this release knows (${LATEST_SCHEMA_VERSION}): ` +
        'a newer release of this server has migrated them. Run that release, or point DATABASE_SCHEMA at another schema.',
    );
  }
  for (const migration of MIGRATIONS.filter((step) => step.version > current)) {
    for (const statement of migration.statements(tables)) await client.query(statement);
    await client.query(`INSERT INTO ${tables.schemaVersion} (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
  }
}

/** The version the store's tables are at: 0 before the first migration. */
async function schemaVersion(client: Pick<PoolClient, 'query'>, tables: StoreTables): Promise<number> {
  const result = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0)::integer AS version FROM ${tables.schemaVersion}`);
  return result.rows[0]?.version ?? 0;
}

/** A 32-bit key for the schema's name: each schema migrates under a lock of its own. */
function lockKey(schema: string): number {
  return createHash('sha256').update(schema).digest().readInt32BE(0);
}
