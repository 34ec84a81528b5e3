import { freshKeyPrefix, testRedisEnv } from './redis-test-server.js';

/**
 * The test Redis (REDIS_URL, or one on this machine) with a key prefix of its own for every test
 * configuration, so tests never see each other's keys; each test file's keys are deleted after it.
 */
export function freshStorageEnv(): Record<string, string> {
  return { ...testRedisEnv, REDIS_KEY_PREFIX: freshKeyPrefix() };
}
