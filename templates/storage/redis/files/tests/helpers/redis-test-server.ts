import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { createClient } from '@redis/client';
import { afterAll } from 'vitest';

import { connectRedis, type RedisConnectionSettings } from '../../src/storage/redis-connection.js';
import { LOCAL_REDIS_URL } from '../../src/storage/redis-url.js';

/** The Redis the tests write to: REDIS_URL, or one on this machine. */
export const testRedisUrl = process.env.REDIS_URL ?? LOCAL_REDIS_URL;

/** A private CA of the test Redis, when it uses TLS with one: REDIS_TLS_CA_FILE. */
const testCaFile = process.env.REDIS_TLS_CA_FILE;

/** How tests connect to the test Redis themselves. */
export const testRedisConnection: RedisConnectionSettings = { url: testRedisUrl, caFile: testCaFile };

/** The connection settings tests give the store. */
export const testRedisEnv: Record<string, string> = { REDIS_URL: testRedisUrl, ...(testCaFile === undefined ? {} : { REDIS_TLS_CA_FILE: testCaFile }) };

/**
 * This test file's corner of the test Redis. Vitest evaluates helpers afresh for each test file, so
 * each file has its own, and the hook below (registered as the file is collected) deletes it after
 * the file's tests.
 */
const fileRoot = `test:${randomBytes(8).toString('hex')}:`;
let prefixesHandedOut = 0;

afterAll(async () => {
  if (prefixesHandedOut > 0) await deleteKeysUnder(fileRoot);
});

/** A key prefix no other store in any test uses. */
export function freshKeyPrefix(): string {
  prefixesHandedOut += 1;
  return `${fileRoot}${prefixesHandedOut}:`;
}

/**
 * Resolves true when Redis answers at REDIS_URL. When it does not, the store tests cannot run:
 * throws, naming REDIS_URL, or resolves false when STORE_TESTS=skip asks to skip them.
 */
export async function redisAnswers(): Promise<boolean> {
  try {
    await (await connectRedis(testRedisConnection)).close();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.STORE_TESTS === 'skip') {
      process.stderr.write(`Skipping the Redis store tests (STORE_TESTS=skip): ${reason}\n`);
      return false;
    }
    throw new Error(
      `${reason}\nThe store tests need a Redis they may write to: start one (docker run --rm -p 6379:6379 redis:7) or set REDIS_URL to one. ` +
        'Set STORE_TESTS=skip to skip them.',
      { cause: error },
    );
  }
}

/** The keys Redis holds under `prefix`, in no particular order. */
export async function keysUnder(prefix: string): Promise<string[]> {
  return withTestRedis(async (client) => {
    const found: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: `${globEscaped(prefix)}*`, COUNT: 1000 })) found.push(...keys);
    return found;
  });
}

/** The keys a command sent to Redis names, as Redis itself reads them from the command. */
export async function keysOfCommand(args: readonly string[]): Promise<string[]> {
  return withTestRedis(async (client) => (await client.sendCommand(['COMMAND', 'GETKEYS', ...args])) as string[]);
}

/** How long each of `keys` has left before Redis expires it, in milliseconds (-1: no expiry, -2: no such key). */
export async function millisecondsToLive(keys: readonly string[]): Promise<number[]> {
  return withTestRedis((client) => Promise.all(keys.map((key) => client.pTTL(key))));
}

async function deleteKeysUnder(prefix: string): Promise<void> {
  const client = plainClient();
  try {
    await client.connect();
  } catch {
    // Where no Redis answered, no test could write anything to clean up.
    return;
  }
  try {
    for await (const keys of client.scanIterator({ MATCH: `${globEscaped(prefix)}*`, COUNT: 1000 })) if (keys.length > 0) await client.unlink(keys);
  } finally {
    await client.close();
  }
}

/** A client of the test Redis that gives up at the first failure, for looking at and cleaning up what tests wrote. */
function plainClient() {
  const client = createClient({
    url: testRedisUrl,
    socket: { reconnectStrategy: false, ...(testCaFile === undefined ? {} : { tls: true as const, ca: readFileSync(testCaFile, 'utf8') }) },
  });
  client.on('error', () => {});
  return client;
}

async function withTestRedis<T>(use: (client: ReturnType<typeof plainClient>) => Promise<T>): Promise<T> {
  const client = plainClient();
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** `text` matched literally in a SCAN pattern. */
function globEscaped(text: string): string {
  return text.replaceAll(/[*?[\]\\]/g, (character) => `\\${character}`);
}
