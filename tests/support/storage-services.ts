import { randomBytes } from 'node:crypto';
import type { StorageBackend } from '../../src/options/schema.js';
import type { GeneratedProject } from './generated-project.js';

/** The PostgreSQL every machine running this suite has, unless DATABASE_URL names another. */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * What a generated project's server needs to reach its store's service on this machine, with a place
 * of the project's own there: projects tested side by side never share state. Empty for a store that
 * needs no service.
 */
export function storageServiceEnv(storage: StorageBackend): Record<string, string> {
  return storage === 'postgres' ? { DATABASE_URL, DATABASE_SCHEMA: `e2e_${randomBytes(8).toString('hex')}` } : {};
}

/** Drops the schema named by the project's DATABASE_SCHEMA, with the project's own driver. */
const DROP_SCHEMA = `
import pg from 'pg';
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('DROP SCHEMA IF EXISTS ' + pg.escapeIdentifier(process.env.DATABASE_SCHEMA) + ' CASCADE');
await client.end();
`;

/** Removes what the project's servers stored in that service, so the suite leaves nothing behind there. */
export async function removeStoredState(project: GeneratedProject, storage: StorageBackend): Promise<void> {
  if (storage !== 'postgres') return;
  const result = await project.exec('node', '--input-type=module', '-e', DROP_SCHEMA);
  if (result.exitCode !== 0) throw new Error(`Could not drop the schema ${project.env.DATABASE_SCHEMA} of ${project.dir}:\n${result.all}`);
}
