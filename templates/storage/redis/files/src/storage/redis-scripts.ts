import { createHash } from 'node:crypto';

import type { RedisConnection } from './redis-connection.js';

/**
 * The Lua scripts behind the store's atomic operations. Redis runs a script alone, start to finish,
 * so a read and the write that depends on it cannot be split by another client. Each script takes
 * exactly one key (so each runs on one hash slot in Redis Cluster), and reads the clock with TIME:
 * every replica then measures windows and expiry against the one clock of the Redis server.
 */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

function luaScript(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/** The server's clock in epoch milliseconds, as a Lua integer. */
const NOW_MS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/** KEYS[1]: a value. Returns the stored entry and deletes it, or returns nil. */
export const TAKE = luaScript(`
local stored = redis.call('GET', KEYS[1])
if stored then redis.call('DEL', KEYS[1]) end
return stored
`);

/**
 * KEYS[1]: a value; ARGV: the entry prefix of the expected version, the new entry, its TTL in ms
 * ('' for none). Writes only when the stored entry starts with the expected version; returns 1 if it did.
 */
export const COMPARE_AND_SET = luaScript(`
local stored = redis.call('GET', KEYS[1])
if not stored or string.sub(stored, 1, #ARGV[1]) ~= ARGV[1] then return 0 end
if ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
`);

/** KEYS[1]: a value; ARGV[1]: the entry prefix of the expected version. Returns 1 if it deleted the entry. */
export const COMPARE_AND_DELETE = luaScript(`
local stored = redis.call('GET', KEYS[1])
if not stored or string.sub(stored, 1, #ARGV[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);

/**
 * KEYS[1]: a counter (a hash of count and resetsAt); ARGV[1]: the window in ms. The first increment
 * opens the window and sets the key to expire when it ends. Returns { count, resetsAt }.
 */
export const INCREMENT = luaScript(`${NOW_MS}
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
if count == 1 then
  local resetsAt = string.format('%d', now + tonumber(ARGV[1]))
  redis.call('HSET', KEYS[1], 'resetsAt', resetsAt)
  redis.call('PEXPIREAT', KEYS[1], resetsAt)
  return { count, tonumber(resetsAt) }
end
return { count, tonumber(redis.call('HGET', KEYS[1], 'resetsAt')) }
`);

/**
 * KEYS[1]: a set (a sorted set scoring each member by when its membership ends, +inf for never);
 * ARGV: the member, its TTL in ms ('' for none). Also drops ended memberships, and sets the key to
 * expire with its last member, so a set nobody deletes does not outlive its members.
 */
export const ADD_TO_SET = luaScript(`${NOW_MS}
local ends = '+inf'
if ARGV[2] ~= '' then ends = string.format('%d', now + tonumber(ARGV[2])) end
redis.call('ZADD', KEYS[1], ends, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now))
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] == 'inf' then
  redis.call('PERSIST', KEYS[1])
else
  redis.call('PEXPIREAT', KEYS[1], last[2])
end
return 1
`);

/** KEYS[1]: a set. Returns the members whose membership has not ended. */
export const LIVE_MEMBERS = luaScript(`${NOW_MS}
return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. string.format('%d', now), '+inf')
`);

/**
 * Runs `script` on its one key. Sent by digest; when the server does not know the script (first use,
 * or after a restart or failover emptied its cache) the source goes once and is remembered there.
 */
export async function runScript(redis: RedisConnection, script: LuaScript, key: string, args: readonly string[]): Promise<unknown> {
  try {
    return await redis.send(key, ['EVALSHA', script.sha1, '1', key, ...args]);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    return redis.send(key, ['EVAL', script.source, '1', key, ...args]);
  }
}
