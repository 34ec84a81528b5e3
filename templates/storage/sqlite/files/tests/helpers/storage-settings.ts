import { scratchPath } from './scratch.js';

/**
 * Settings that give one store of a test data of its own, merged into every test configuration and
 * server process environment: a new SQLite file in the run's scratch folder, never the project's
 * ./data/store.db, so test files running side by side share no database and leave nothing behind.
 */
export function freshStorageEnv(): Record<string, string> {
  return { SQLITE_PATH: scratchPath('store.db') };
}
