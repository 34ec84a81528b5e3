import { describeWithDatabase } from '../helpers/test-database.js';
import { durableStores, runStoreContract } from './store.contract.js';

describeWithDatabase('PostgreSQL store', () => {
  // Each test's store gets a fresh schema; reopening connects to that same schema again.
  const { open, options } = durableStores();
  runStoreContract('postgres (createStore)', open, options);
});
