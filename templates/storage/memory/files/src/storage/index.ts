import type { Config } from '../config.js';
import { MemoryStore } from './memory-store.js';
import type { Store } from './store.js';

/** In-process storage: nothing survives a restart and replicas do not share it. Fine for one instance. */
export async function createStore(config: Config): Promise<Store> {
  return new MemoryStore({ maxEntries: config.MEMORY_STORE_MAX_ENTRIES });
}
