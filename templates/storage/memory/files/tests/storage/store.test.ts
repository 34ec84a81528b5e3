import { createStore } from '../../src/storage/index.js';
import { testConfig } from '../helpers/config.js';
import { runStoreContract } from './store.contract.js';

runStoreContract('memory (createStore)', () => createStore(testConfig()));
