import { Pool } from 'pg';

import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { packageInfo } from '../package-info.js';
import { readCaFile } from './ca-file.js';
import type { DatabaseUrl, PostgresSettings } from './postgres-settings.js';
import { effectiveSslMode, tlsOptions, tlsProblems } from './postgres-tls.js';

/** Connections idle this long are closed, so a quiet server holds few. */
const IDLE_CONNECTION_MS = 30_000;

/** At most one line per this long about broken idle connections: a database restart breaks them all at once. */
const BROKEN_CONNECTION_REPORT_MS = 60_000;

export interface PoolPlan {
  pool: Pool;
  url: DatabaseUrl;
  sslMode: ReturnType<typeof effectiveSslMode>;
}

/**
 * A connection pool as the settings describe it. Nothing connects yet: the first query does. Refuses
 * settings that cannot work together, naming the variables, before any connection is tried. Idle
 * connections that break later are reported to `logger`, when given.
 */
export async function createPool(settings: PostgresSettings, logger?: Logger): Promise<PoolPlan> {
  const url = settings.DATABASE_URL;
  if (url === undefined) {
    throw new ConfigError(['DATABASE_URL: required with the PostgreSQL store, e.g. postgres://user:password@db.example.com:5432/mcp?sslmode=verify-full']);
  }
  const problems = tlsProblems(url.sslMode, settings.DATABASE_CA_FILE);
  if (problems.length > 0) throw new ConfigError(problems);
  const sslMode = effectiveSslMode(url.sslMode, settings.DATABASE_CA_FILE);
  const ca = settings.DATABASE_CA_FILE === undefined ? undefined : await readCaFile('DATABASE_CA_FILE', settings.DATABASE_CA_FILE);

  const pool = new Pool({
    connectionString: url.connectionString(),
    ssl: tlsOptions(sslMode, ca),
    max: settings.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: settings.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    // Open connections must not keep a process alive that has nothing else to do (tests, scripts).
    allowExitOnIdle: true,
    keepAlive: true,
    // Shows in pg_stat_activity, so a DBA can tell whose connections these are; the URL may override it.
    application_name: packageInfo.name,
  });
  // An idle connection that breaks (the server restarted, a proxy timed it out) is dropped by the pool and
  // replaced on next use; without a listener the error would end the process. Readiness still reports
  // an outage, because its ping goes through the same pool.
  let reportedAt = -Infinity;
  pool.on('error', (error) => {
    if (Date.now() - reportedAt < BROKEN_CONNECTION_REPORT_MS) return;
    reportedAt = Date.now();
    logger?.warn({ database: url.redacted, reason: error.message }, 'an idle PostgreSQL connection broke; the pool opens a new one when needed');
  });
  return { pool, url, sslMode };
}
