import { durableStores, runStoreContract } from './store.contract.js';

// The run's emulator (tests/global-setup.ts); each test's store gets a fresh container, and reopening
// connects to that same container again.
const { open, options } = durableStores();
runStoreContract('cosmos (createStore)', open, options);
