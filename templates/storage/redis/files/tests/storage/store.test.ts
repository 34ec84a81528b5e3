import { it } from 'vitest';

import { shownRedisUrl } from '../../src/storage/redis-url.js';
import { redisAnswers, testRedisUrl } from '../helpers/redis-test-server.js';
import { durableStores, runStoreContract } from './store.contract.js';

if (await redisAnswers()) {
  // Each store gets a fresh key prefix from the test configuration: empty, and its own. A restarted
  // process is a new client on the same Redis and prefix.
  const { open, options } = durableStores();
  runStoreContract('redis (createStore)', open, options);
} else {
  it.skip(`Store contract: redis (STORE_TESTS=skip, and no Redis answered at ${shownRedisUrl(testRedisUrl)})`, () => {});
}
