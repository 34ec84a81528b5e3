import { z } from 'zod';

import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { packageInfo } from '../package-info.js';
import { connectRedis } from './redis-connection.js';
import { RedisStore } from './redis-store.js';
import { LOCAL_REDIS_URL, redisUrlSetting } from './redis-url.js';
import type { Store } from './store.js';

/** Environment variables of the Redis store, merged into the server's config schema. */
export const storageEnv = {
  /** Required in production (see createStore); elsewhere a Redis on this machine is assumed. */
  REDIS_URL: redisUrlSetting.optional(),
  /** One server's keys apart from another's on a shared Redis: the package name by default. */
  REDIS_KEY_PREFIX: z.string().min(1).max(256).default(`${packageInfo.name}:`),
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
};

/** The store's own variables as the config schema parses them, and the mode (the server passes its whole config). */
type StorageSettings = Readonly<z.output<z.ZodObject<typeof storageEnv>>> & { readonly NODE_ENV: string };

/** What start-up checks need to know about this backend: Redis keeps data past a restart (with persistence on). */
export const storeBackend = { label: 'Redis', durable: true } as const;

/**
 * Storage on Redis, shared by every replica using the same REDIS_URL and REDIS_KEY_PREFIX. Resolves
 * once Redis answers; rejects at once, naming REDIS_URL, when it cannot be reached or refuses us.
 */
export async function createStore(settings: StorageSettings, context: { logger?: Logger } = {}): Promise<Store> {
  if (settings.REDIS_URL === undefined && settings.NODE_ENV === 'production') {
    // A default would quietly give each replica a Redis of its own (or none): state would not be shared.
    throw new ConfigError([`REDIS_URL: required in production with the Redis store, e.g. rediss://user:password@redis.example.com:6380 (outside production it defaults to ${LOCAL_REDIS_URL}).`]);
  }
  const redis = await connectRedis({ url: settings.REDIS_URL ?? LOCAL_REDIS_URL, caFile: settings.REDIS_TLS_CA_FILE, logger: context.logger });
  return new RedisStore(redis, { keyPrefix: settings.REDIS_KEY_PREFIX });
}
