import { openCosmosContainer } from './cosmos-container.js';
import { cosmosEnv, type CosmosSettings } from './cosmos-settings.js';
import { CosmosStore } from './cosmos-store.js';
import type { Store } from './store.js';

/** Environment variables of the Azure Cosmos DB store, merged into the server's config schema. */
export const storageEnv = cosmosEnv;

/** What start-up checks need to know about this backend: Azure Cosmos DB keeps state across restarts. */
export const storeBackend = { label: 'Azure Cosmos DB', durable: true } as const;

/**
 * Storage shared by every replica using the same COSMOS_ENDPOINT, COSMOS_DATABASE and COSMOS_CONTAINER.
 * Connects and prepares the container before resolving, so a server that starts is a server whose
 * store works.
 */
export async function createStore(settings: CosmosSettings): Promise<Store> {
  return new CosmosStore(await openCosmosContainer(settings));
}
