import { it } from 'vitest';

import { createStore } from '../../src/storage/index.js';
import { shownRedisUrl } from '../../src/storage/redis-url.js';
import type { Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';
import { redisAnswers, testRedisUrl } from '../helpers/redis-test-server.js';
import { runStoreContract } from './store.contract.js';

/** The key prefix each store was opened on, so a restart can open the same data again. */
const prefixes = new WeakMap<Store, string>();

async function openStore(overrides: Record<string, string> = {}): Promise<Store> {
  const config = testConfig(overrides);
  const store = await createStore(config);
  prefixes.set(store, config.REDIS_KEY_PREFIX);
  return store;
}

if (await redisAnswers()) {
  // Each store gets a fresh key prefix from the test configuration: empty, and its own.
  runStoreContract('redis (createStore)', () => openStore(), {
    // A restarted process is a new client on the same Redis and prefix.
    reopen: async (store) => {
      await store.close();
      return openStore({ REDIS_KEY_PREFIX: prefixes.get(store) ?? '' });
    },
  });
} else {
  it.skip(`Store contract: redis (STORE_TESTS=skip, and no Redis answered at ${shownRedisUrl(testRedisUrl)})`, () => {});
}
