import { z } from 'zod';

import { MemoryStore } from './memory-store.js';
import type { Store } from './store.js';

/** Environment variables of the in-memory store, merged into the server's config schema. */
export const storageEnv = {
  /** Upper bound on stored entries, so a flood of single-use items cannot exhaust the heap. */
  MEMORY_STORE_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
};

/** The store's own variables as the config schema parses them (the server passes its whole config). */
type StorageSettings = { readonly [Name in keyof typeof storageEnv]: z.output<(typeof storageEnv)[Name]> };

/** What start-up checks need to know about this backend: memory keeps nothing past the process. */
export const storeBackend = { label: 'in-memory', durable: false } as const;

/** In-process storage: nothing survives a restart and replicas do not share it. Fine for one instance. */
export async function createStore(settings: StorageSettings): Promise<Store> {
  return new MemoryStore({ maxEntries: settings.MEMORY_STORE_MAX_ENTRIES });
}
