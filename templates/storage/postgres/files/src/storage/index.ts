import type { Logger } from '../logger.js';
import { PostgresStore } from './postgres-store.js';
import { postgresEnv, type PostgresSettings } from './postgres-settings.js';
import type { Store } from './store.js';

/** Environment variables of the PostgreSQL store, merged into the server's config schema. */
export const storageEnv = postgresEnv;

/** What start-up checks need to know about this backend: PostgreSQL keeps state across restarts. */
export const storeBackend = { label: 'PostgreSQL', durable: true } as const;

/**
 * Storage shared by every replica pointed at the same database and DATABASE_SCHEMA. Connects and
 * migrates before resolving, so a server that starts is a server whose store works.
 */
export async function createStore(settings: PostgresSettings, context: { logger?: Logger } = {}): Promise<Store> {
  return PostgresStore.open(settings, { logger: context.logger });
}
