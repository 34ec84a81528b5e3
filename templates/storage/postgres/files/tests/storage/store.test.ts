import type { Config } from '../../src/config.js';
import { createStore } from '../../src/storage/index.js';
import { testConfig } from '../helpers/config.js';
import { describeWithDatabase } from '../helpers/test-database.js';
import { runStoreContract } from './store.contract.js';

describeWithDatabase('PostgreSQL store', () => {
  // Each test's store gets a fresh schema; reopening connects to that same schema again, as a restarted server would.
  let config: Config;
  runStoreContract(
    'postgres (createStore)',
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
});
