import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { createStore } from '../../src/storage/index.js';
import { acquireLease } from '../../src/storage/lease.js';
import { connectRedis, type RedisConnection } from '../../src/storage/redis-connection.js';
import { RedisStore } from '../../src/storage/redis-store.js';
import type { Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';
import { keySlot } from '../helpers/key-slot.js';
import { captureLogs } from '../helpers/logs.js';
import { freshKeyPrefix, keysOfCommand, keysUnder, millisecondsToLive, redisAnswers, testRedisConnection, testRedisUrl } from '../helpers/redis-test-server.js';

/** How many callers race on each of the two replicas. */
const RACERS = 50;

const reachable = await redisAnswers();

/** A port on this machine where nothing listens (one that was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The error `promise` rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a rejection with an Error');
  return outcome;
}

describe.skipIf(!reachable)('two replicas on one Redis', () => {
  let first: Store;
  let second: Store;
  beforeEach(async () => {
    // Two clients on one prefix are what two replicas of one server are.
    const shared = testConfig();
    [first, second] = await Promise.all([createStore(shared), createStore(shared)]);
  });
  afterEach(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  /** `call` made RACERS times on each replica at once, the replicas' calls interleaved. */
  function race<T>(call: (store: Store, index: number) => Promise<T>): Promise<T[]> {
    return Promise.all(Array.from({ length: 2 * RACERS }, (_, index) => call(index % 2 === 0 ? first : second, index)));
  }

  it('read what the other wrote', async () => {
    await first.set('greeting', { from: 'first' });
    expect(await second.get('greeting')).toEqual({ from: 'first' });
  });

  it('let exactly one of their takers have a single-use value', async () => {
    await first.set('code', 'single-use');
    const taken = await race((store) => store.take('code'));
    expect(taken.filter((value) => value !== undefined)).toEqual(['single-use']);
  });

  it('let exactly one of their compare-and-set writers win', async () => {
    await first.set('token', 'old');
    const read = await second.getVersioned('token');
    const versions = await race((store, index) => store.compareAndSet('token', `writer-${index}`, { ifVersion: read?.version ?? null }));
    const winners = versions.flatMap((version, index) => (version === undefined ? [] : [index]));
    expect(winners).toHaveLength(1);
    expect(await first.get('token')).toBe(`writer-${winners[0]}`);
  });

  it('hand a lease to exactly one of them', async () => {
    const leases = await race((store) => acquireLease(store, 'refresh', 60));
    expect(leases.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('count every increment of both exactly once, in one window', async () => {
    const counts = await race((store) => store.increment('calls', 60));
    expect(counts.map(({ count }) => count).sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * RACERS }, (_, index) => index + 1));
    expect(new Set(counts.map(({ resetsAt }) => resetsAt)).size).toBe(1);
  });
});

describe.skipIf(!reachable)('keys in Redis', () => {
  /** A store on a fresh prefix whose connection records every command it sends. */
  async function recordedStore(): Promise<{ store: Store; prefix: string; sent: Array<{ key: string | undefined; args: readonly string[] }> }> {
    const prefix = freshKeyPrefix();
    const redis = await connectRedis(testRedisConnection);
    const sent: Array<{ key: string | undefined; args: readonly string[] }> = [];
    const recording: RedisConnection = {
      send: (key, args) => {
        sent.push({ key, args });
        return redis.send(key, args);
      },
      ping: () => redis.ping(),
      close: () => redis.close(),
    };
    return { store: new RedisStore(recording, { keyPrefix: prefix }), prefix, sent };
  }

  /** Every operation once, on names with colons and hash tags, and a set whose members live in different slots. */
  async function useEveryOperation(store: Store): Promise<void> {
    await store.set('token:{grant-1}:a', 'A', { ttlSeconds: 60 });
    await store.set('token:b', 'B');
    await store.get('token:b');
    await store.setIfAbsent('nonce:1', true);
    const read = await store.getVersioned('token:b');
    await store.compareAndSet('token:b', 'B2', { ifVersion: read?.version ?? null });
    await store.compareAndSet('lock', 'held', { ifVersion: null, ttlSeconds: 60 });
    const lock = await store.getVersioned('lock');
    await store.compareAndDelete('lock', lock?.version ?? '');
    await store.take('nonce:1');
    await store.increment('calls:{grant-1}', 60);
    await store.addToSet('grant:{grant-1}', 'token:{grant-1}:a', { ttlSeconds: 60 });
    await store.addToSet('grant:{grant-1}', 'token:b');
    await store.members('grant:{grant-1}');
    await store.deleteSet('grant:{grant-1}');
    await store.delete('token:b');
  }

  it('computes hash slots as Redis Cluster does', () => {
    // Slots reported by CLUSTER KEYSLOT on a cluster node.
    expect([keySlot('foo'), keySlot('bar'), keySlot('é')]).toEqual([12182, 5061, 10180]);
    expect([keySlot('{user1000}.following'), keySlot('foo{}{bar}'), keySlot('foo{{bar}}zap'), keySlot('foo{bar}{zap}')]).toEqual([3443, 8363, 4015, 5061]);
  });

  it('deletes the values of a set whose members live in different hash slots', async () => {
    const { store } = await recordedStore();
    const members = ['token:a', 'token:b', 'token:c'];
    expect(new Set(members.map((member) => keySlot(member))).size).toBe(members.length);
    for (const member of members) {
      await store.set(member, member);
      await store.addToSet('grant:1', member);
    }
    await store.deleteSet('grant:1');
    expect(await Promise.all(members.map((member) => store.get(member)))).toEqual([undefined, undefined, undefined]);
    expect(await store.members('grant:1')).toEqual([]);
    await store.close();
  });

  it('sends no command whose keys span two hash slots, so every operation works on Redis Cluster', async () => {
    const { store, sent } = await recordedStore();
    await useEveryOperation(store);
    await store.close();
    const spanning = [];
    for (const { key, args } of sent) {
      const keys = await keysOfCommand(args);
      // The key a command is routed by must be one of its keys, in the same slot as all the others.
      if (key === undefined || !keys.includes(key) || new Set(keys.map(keySlot)).size !== 1) spanning.push({ command: args[0], keys });
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(spanning).toEqual([]);
  });

  it('writes only keys under its prefix', async () => {
    const { store, prefix, sent } = await recordedStore();
    await useEveryOperation(store);
    await store.close();
    const written = (await Promise.all(sent.map(({ args }) => keysOfCommand(args)))).flat();
    expect(written.filter((key) => !key.startsWith(prefix))).toEqual([]);
  });

  it("gives values, counters and sets an expiry of Redis's own, so they disappear without a sweep", async () => {
    const { store, prefix } = await recordedStore();
    await store.set('token:a', 'A', { ttlSeconds: 60 });
    await store.increment('calls', 60);
    await store.addToSet('grant:1', 'token:a', { ttlSeconds: 60 });
    await store.close();
    const remaining = await millisecondsToLive(await keysUnder(prefix));
    expect(remaining).toHaveLength(3);
    expect(remaining.filter((milliseconds) => milliseconds <= 0 || milliseconds > 60_000)).toEqual([]);
  });
});

describe('start-up', () => {
  it('fails at once when no Redis answers, naming REDIS_URL without its password', async () => {
    const error = await failureOf(createStore(testConfig({ REDIS_URL: `redis://app:pa55-not-shown@127.0.0.1:${await closedPort()}`, REDIS_TLS_CA_FILE: '' })));
    expect(error.message).toMatch(/^No Redis answered at REDIS_URL \(redis:\/\/app:\*\*\*@127\.0\.0\.1:\d+\): connect ECONNREFUSED/);
    expect(error.message).not.toContain('pa55-not-shown');
  });

  it.skipIf(!reachable)('refuses credentials Redis does not accept, as a configuration problem naming REDIS_URL', async () => {
    const url = new URL(testRedisUrl);
    url.username = 'no-such-user';
    url.password = 'pa55-not-shown';
    const error = await failureOf(createStore(testConfig({ REDIS_URL: url.href })));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/REDIS_URL: Redis at rediss?:\/\/no-such-user:\*\*\*@.* refused the credentials \(WRONGPASS/);
    expect(error.message).not.toContain('pa55-not-shown');
  });

  it('refuses a REDIS_URL that is not a Redis URL, without repeating it', () => {
    expect(() => testConfig({ REDIS_URL: 'https://user:pa55-not-shown@cache.example.com' })).toThrow(/REDIS_URL: expected redis:\/\//);
    expect(() => testConfig({ REDIS_URL: 'https://user:pa55-not-shown@cache.example.com' })).not.toThrow(/pa55-not-shown/);
  });

  it('requires REDIS_URL in production', async () => {
    const production = testConfig({ NODE_ENV: 'production', REDIS_URL: '', STORE_SEALING_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64url')}` });
    const error = await failureOf(createStore(production));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/REDIS_URL: required in production/);
  });

  it('refuses REDIS_TLS_CA_FILE beside a REDIS_URL without TLS', async () => {
    const error = await failureOf(createStore(testConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_TLS_CA_FILE: '/etc/ssl/redis-ca.pem' })));
    expect(error.message).toMatch(/REDIS_TLS_CA_FILE: set, but REDIS_URL \(redis:\/\/127\.0\.0\.1:6379\) does not use TLS/);
  });

  it('names REDIS_TLS_CA_FILE when the file cannot be read', async () => {
    const error = await failureOf(createStore(testConfig({ REDIS_URL: 'rediss://127.0.0.1:6379', REDIS_TLS_CA_FILE: '/no/such/redis-ca.pem' })));
    expect(error.message).toMatch(/REDIS_TLS_CA_FILE: cannot read \/no\/such\/redis-ca\.pem/);
  });
});

describe.skipIf(!reachable)('a connection lost after start-up', () => {
  it('is reported once when lost and once when back, and answers again', async () => {
    const logs = captureLogs();
    const connection = await connectRedis({ ...testRedisConnection, logger: logs.logger });
    const admin = await connectRedis(testRedisConnection);
    try {
      const id = await connection.send(undefined, ['CLIENT', 'ID']);
      // What a Redis restart or a failover does to every client: the server drops the connection.
      await admin.send(undefined, ['CLIENT', 'KILL', 'ID', String(id)]);

      const messages = () => logs.entries().map((entry) => entry.msg);
      await vi.waitFor(() => expect(messages()).toEqual(['lost the connection to Redis; reconnecting', 'reconnected to Redis']), { timeout: 10_000 });
      await expect(connection.ping()).resolves.toBeUndefined();
    } finally {
      await Promise.all([connection.close(), admin.close()]);
    }
  });
});

describe.skipIf(!reachable)('a closed store', () => {
  it('refuses use, so readiness reports it down', async () => {
    const store = await createStore(testConfig());
    await store.close();
    await expect(store.ping()).rejects.toThrow(/closed/);
  });
});
