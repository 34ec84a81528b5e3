import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

import { ConfigError } from '../errors.js';
import { SqliteOpenError } from './sqlite-database.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** Environment variables of the SQLite store, merged into the server's config schema. */
export const storageEnv = {
  /** Relative to the project folder (see PROJECT_FOLDER): `npm start`, stdio hosts and the image (/app) all use ./data/. */
  SQLITE_PATH: z.string().default('./data/store.db'),
};

/** The store's own variables as the config schema parses them (the server passes its whole config). */
type StorageSettings = { readonly [Name in keyof typeof storageEnv]: z.output<(typeof storageEnv)[Name]> };

/**
 * Where a relative SQLITE_PATH starts: the project folder, found from this file (src/storage/ under tsx,
 * dist/storage/ once built), not the working directory. MCP hosts launch stdio servers from a folder of
 * their own, often `/`, where ./data could not be created and would not be this server's data anyway.
 */
const PROJECT_FOLDER = fileURLToPath(new URL('../../', import.meta.url));

/** The database file SQLITE_PATH names: absolute paths as given, relative ones below the project folder. */
export function sqliteFile(sqlitePath: string): string {
  return isAbsolute(sqlitePath) ? sqlitePath : resolve(PROJECT_FOLDER, sqlitePath);
}

/** What start-up checks need to know about this backend: the file outlives the process, secrets included. */
export const storeBackend = { label: 'SQLite', durable: true } as const;

/**
 * One SQLite file: survives restarts, shared by every process of this server that opens it on this
 * machine. A file that cannot be used stops start-up with a message naming SQLITE_PATH.
 */
export async function createStore(settings: StorageSettings): Promise<Store> {
  try {
    return new SqliteStore({ path: sqliteFile(settings.SQLITE_PATH) });
  } catch (error) {
    if (error instanceof SqliteOpenError) throw new ConfigError([`SQLITE_PATH: ${error.message}.`]);
    throw error;
  }
}
