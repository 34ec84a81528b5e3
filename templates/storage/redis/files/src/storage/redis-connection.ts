import { createClient, ErrorReply, TimeoutError } from '@redis/client';

import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { readCaFile } from './ca-file.js';
import { shownRedisUrl } from './redis-url.js';

/** What the Redis store needs of a connection; tests wrap it to see every command sent. */
export interface RedisConnection {
  /**
   * Sends one command and resolves its reply (rejects with the server's error reply). `key` is a key
   * of the command (every key of one command shares a hash slot), undefined for commands without keys.
   */
  send(key: string | undefined, args: readonly string[]): Promise<unknown>;
  /** Resolves when Redis answers now; rejects at once, naming REDIS_URL, while the connection is down. */
  ping(): Promise<void>;
  /** Waits for the commands in flight, then closes. */
  close(): Promise<void>;
}

export interface RedisConnectionSettings {
  /** A redis:// or rediss:// URL (checked by the config schema). */
  url: string;
  /** A PEM file of the certificate authorities to trust for rediss://, instead of Node's built-in ones. */
  caFile?: string | undefined;
  /** Where a connection lost and re-established after start-up is reported (once each way). */
  logger?: Logger | undefined;
}

/** How long one attempt to connect may take before start-up gives up (and, later, before a reconnect retries). */
const CONNECT_TIMEOUT_MS = 5_000;
/** How long a command may wait for its answer, queued while the connection is being re-established included. */
const COMMAND_TIMEOUT_MS = 5_000;
/** The longest pause between two reconnection attempts once the connection has been lost. */
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * Connects to Redis and resolves once it answers, or rejects with a message naming REDIS_URL (its
 * password masked): a start-up that cannot reach Redis stops at once instead of retrying unseen.
 * A connection lost later is re-established in the background, with growing pauses; meanwhile
 * commands wait up to COMMAND_TIMEOUT_MS for it, and ping() reports the store down at once.
 */
export async function connectRedis(settings: RedisConnectionSettings): Promise<RedisConnection> {
  const shown = shownRedisUrl(settings.url);
  const tls = settings.url.startsWith('rediss:');
  if (settings.caFile !== undefined && !tls) {
    throw new ConfigError([`REDIS_TLS_CA_FILE: set, but REDIS_URL (${shown}) does not use TLS; use rediss:// or unset REDIS_TLS_CA_FILE.`]);
  }
  const ca = settings.caFile === undefined ? undefined : await readCaFile('REDIS_TLS_CA_FILE', settings.caFile);

  let established = false;
  let lastError: Error | undefined;
  const client = createClient({
    url: settings.url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Before the first success a failure means a wrong setting or a missing server: say so now.
      reconnectStrategy: (retries) => (established ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100) : false),
      ...(ca === undefined ? {} : { tls: true as const, ca }),
    },
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
  });
  // Set while an established connection is down: its loss and its return are logged once each, not
  // every failed attempt in between.
  let lostAt: number | undefined;
  // The client reports every failed attempt here; without a listener the process would crash.
  client.on('error', (error: Error) => {
    lastError = error;
    if (!established || lostAt !== undefined) return;
    lostAt = Date.now();
    settings.logger?.warn({ redis: shown, reason: error.message }, 'lost the connection to Redis; reconnecting');
  });
  client.on('ready', () => {
    if (lostAt === undefined) return;
    settings.logger?.info({ redis: shown, downMs: Date.now() - lostAt }, 'reconnected to Redis');
    lostAt = undefined;
  });

  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw startupFailure(error, shown, settings);
  }
  established = true;

  return {
    async send(_key, args) {
      try {
        return await client.sendCommand([...args]);
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
        const cause = client.isReady || lastError === undefined ? '' : ` (the connection is down: ${lastError.message})`;
        throw new Error(`Redis at REDIS_URL (${shown}) did not answer within ${COMMAND_TIMEOUT_MS} ms${cause}`, { cause: error });
      }
    },
    async ping() {
      if (!client.isReady) throw new Error(`Redis at REDIS_URL (${shown}) is unreachable${lastError === undefined ? '' : `: ${lastError.message}`}`);
      await client.sendCommand(['PING']);
    },
    async close() {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}

/** Network failures that mean "nobody answered there", as opposed to a server that refused us. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE']);

/**
 * The error start-up reports when the first connection failed. A refusal by the server (credentials,
 * database number, certificate) is a setting to fix: a ConfigError. Silence may be an outage, so it
 * stays a plain error, and a restart may well succeed.
 */
function startupFailure(error: unknown, shown: string, settings: RedisConnectionSettings): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof ErrorReply) {
    if (/^(WRONGPASS|NOAUTH|NOPERM)/.test(reason)) {
      return new ConfigError([`REDIS_URL: Redis at ${shown} refused the credentials (${reason}); check the user name and password in REDIS_URL.`]);
    }
    return new ConfigError([`REDIS_URL: Redis at ${shown} refused the connection (${reason}); check REDIS_URL, including its database number.`]);
  }
  if (typeof code === 'string' && (/CERT|SIGNATURE|SSL|TLS/.test(code) || code.startsWith('ERR_TLS'))) {
    const trust =
      settings.caFile === undefined
        ? "If a private CA signed it, set REDIS_TLS_CA_FILE to that CA's PEM file; check too"
        : 'Check that REDIS_TLS_CA_FILE holds the CA that signed it, and';
    return new ConfigError([`REDIS_URL: the TLS certificate of Redis at ${shown} was not accepted (${reason}). ${trust} that REDIS_URL names a host the certificate is for.`]);
  }
  const tlsHint = typeof code === 'string' && UNREACHABLE_CODES.has(code) ? '' : ', and whether the server expects TLS (rediss://) or not (redis://)';
  return new Error(`No Redis answered at REDIS_URL (${shown}): ${reason}. Is Redis running? Check the host and port in REDIS_URL${tlsHint}.`, { cause: error });
}
