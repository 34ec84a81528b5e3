import { durableStores, runStoreContract } from './store.contract.js';

// testConfig() points every store at a new file of its own.
const { open, options } = durableStores();
runStoreContract('sqlite (createStore)', open, options);
