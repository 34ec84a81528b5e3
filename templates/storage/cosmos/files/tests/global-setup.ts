import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import { startCosmosEmulator, type CosmosEmulator } from './helpers/cosmos-emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder outside the project for files tests write, made for this run (see tests/helpers/scratch.ts). */
    scratchDirectory: string;
    /** Where the run's Azure Cosmos DB emulator listens, and how to trust it (see tests/helpers/storage-settings.ts). */
    cosmosEmulator: Omit<CosmosEmulator, 'stop'>;
  }
}

/**
 * Runs once before the test files (vitest.config.ts): one scratch folder per run, and one Azure Cosmos
 * DB emulator every test file shares (each store a test opens gets a container of its own in it).
 * Both go when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-server-tests-'));
  project.provide('scratchDirectory', directory);
  const emulator = await startCosmosEmulator(directory);
  const { stop, ...where } = emulator;
  project.provide('cosmosEmulator', where);
  return async () => {
    await stop();
    rmSync(directory, { recursive: true, force: true });
  };
}
