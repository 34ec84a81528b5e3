import { randomBytes } from 'node:crypto';

import { inject } from 'vitest';

/** The run's emulator (tests/global-setup.ts), as the store's settings name it. */
export function testCosmosEnv(): Record<string, string> {
  const emulator = inject('cosmosEmulator');
  return { COSMOS_ENDPOINT: emulator.endpoint, COSMOS_KEY: emulator.key, COSMOS_TLS_CA_FILE: emulator.caFile, COSMOS_DATABASE: 'test' };
}

/** A container name no other test configuration uses. */
export function freshContainerName(): string {
  return `store-${randomBytes(8).toString('hex')}`;
}

/**
 * The run's Azure Cosmos DB emulator, and a container of its own for every test configuration (the
 * store creates it on start): every store a test creates starts empty, as an in-memory one would, and
 * test files running side by side never meet. The emulator keeps everything in memory and goes with
 * the run, so nothing is left to clean up.
 */
export function freshStorageEnv(): Record<string, string> {
  return { ...testCosmosEnv(), COSMOS_CONTAINER: freshContainerName() };
}
