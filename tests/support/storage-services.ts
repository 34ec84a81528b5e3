import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

/** A service the suite started for one project, and the settings that reach it. */
export interface ProjectStorageService {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts, with the project's own installed packages, a service its store needs that no machine runs:
 * for Azure Cosmos DB, the emulator the project's tests start (its tests/helpers/cosmos-emulator.ts), in
 * a child process on a free loopback port, serving HTTPS with a certificate made for it, which the
 * project's servers trust through COSMOS_TLS_CA_FILE. Resolves undefined for the other stores.
 */
export async function startProjectStorageService(project: GeneratedProject, storage: StorageBackend): Promise<ProjectStorageService | undefined> {
  if (storage !== 'cosmos') return undefined;
  const directory = await mkdtemp(join(tmpdir(), 'cem-e2e-cosmos-'));
  const child = spawn(project.node, ['--import', 'tsx', '--input-type=module', '-e', COSMOS_EMULATOR], {
    cwd: project.dir,
    env: { ...project.env, COSMOS_EMULATOR_DIRECTORY: directory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([once(lines, 'line'), exited.then(() => [undefined])])) as [string | undefined];
  lines.close();
  const emulator = first === undefined ? undefined : (JSON.parse(first) as { endpoint?: string; key: string; caFile: string });
  if (emulator?.endpoint === undefined) {
    await stop();
    throw new Error(`The Cosmos DB emulator of ${project.dir} did not start:\n${first ?? ''}${errors}`);
  }
  return {
    env: { COSMOS_ENDPOINT: emulator.endpoint, COSMOS_KEY: emulator.key, COSMOS_TLS_CA_FILE: emulator.caFile, COSMOS_DATABASE: 'e2e' },
    stop,
  };
}

/**
 * Runs the project's own emulator helper in its folder (TypeScript through the project's tsx); prints
 * where it listens as one JSON line, and stops on SIGTERM.
 */
const COSMOS_EMULATOR = `
import { startCosmosEmulator } from './tests/helpers/cosmos-emulator.ts';
const { stop, ...where } = await startCosmosEmulator(process.env.COSMOS_EMULATOR_DIRECTORY);
console.log(JSON.stringify(where));
process.on('SIGTERM', () => stop().then(() => process.exit(0)));
`;

/** Removes what the project's servers stored in that service, so the suite leaves nothing behind there. */
export async function removeStoredState(project: Pick<GeneratedProject, 'dir' | 'env'> & { exec: (command: string, ...args: string[]) => Promise<{ exitCode: number | undefined; all: string }> }, storage: StorageBackend): Promise<void> {
  if (storage !== 'postgres') return;
  const result = await project.exec('node', '--input-type=module', '-e', DROP_SCHEMA);
  if (result.exitCode !== 0) throw new Error(`Could not drop the schema ${project.env.DATABASE_SCHEMA} of ${project.dir}:\n${result.all}`);
}
