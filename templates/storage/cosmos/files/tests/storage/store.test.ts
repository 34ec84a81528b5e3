import type { Config } from '../../src/config.js';
import { createStore } from '../../src/storage/index.js';
import { testConfig } from '../helpers/config.js';
import { runStoreContract } from './store.contract.js';

// The run's emulator (tests/global-setup.ts); each test's store gets a fresh container, and reopening
// connects to that same container again, as a restarted server would.
let config: Config;
runStoreContract(
  'cosmos (createStore)',
  () => {
    config = testConfig();
    return createStore(config);
  },
  {
    reopen: async (store) => {
      await store.close();
      return createStore(config);
    },
  },
);
