import type { Config } from '../../src/config.js';
import { createStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';
import { runStoreContract } from './store.contract.js';

/** The configuration each store was opened with, so a reopen finds the same file. */
const configOf = new WeakMap<Store, Config>();

async function open(config: Config): Promise<Store> {
  const store = await createStore(config);
  configOf.set(store, config);
  return store;
}

// testConfig() points every store at a new file of its own.
runStoreContract('sqlite (createStore)', () => open(testConfig()), {
  reopen: async (store) => {
    const config = configOf.get(store);
    if (config === undefined) throw new Error('reopen was given a store this suite did not open');
    await store.close();
    return open(config);
  },
});
