import { createHash } from 'node:crypto';

import type { Logger } from '../../logger.js';
import { acquireLease, type Lease } from '../../storage/lease.js';
import { SealedValueError } from '../../storage/sealed-store.js';
import type { JsonValue, Store } from '../../storage/store.js';
import type { CachedToken } from './access-token.js';

/**
 * Where upstream tokens are shared by every replica on one store: built once per upstream at start-up
 * and handed to its token sources, each of which keeps its token under a key of its own.
 */
export interface SharedTokenCache {
  /** A sealed view of the store: the tokens are credentials. */
  readonly store: Store;
  /**
   * How long one replica holds the right to fetch a token; the others wait for its token at most
   * this long before fetching one themselves, so a replica that crashed mid-fetch blocks nobody longer.
   */
  readonly leaseMs: number;
  /** Waits between two looks at the store while another replica fetches; tests replace it. */
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Says that the store failed (once per outage) or held a token it could not open (once); never
   * with the token.
   */
  readonly failed: (error: unknown) => void;
  /** The store answered: the next failure is a new outage, worth a line of its own. */
  readonly answered: () => void;
}

/** A lease outlives the token request's own timeout by this much: signing an assertion, writing the token. */
const LEASE_HEADROOM_MS = 2_000;

/**
 * The token cache of one upstream. `tokenTimeoutMs` bounds one token request, and so how long a
 * replica may hold the lease.
 */
export function sharedTokenCache(store: Store, logger: Logger, tokenTimeoutMs: number, sleep: (ms: number) => Promise<void> = pause): SharedTokenCache {
  let unreadableReported = false;
  let outage = false;
  return {
    store,
    leaseMs: tokenTimeoutMs + LEASE_HEADROOM_MS,
    sleep,
    failed(error) {
      if (error instanceof SealedValueError) {
        if (unreadableReported) return;
        unreadableReported = true;
        // The error names the key id and the reason, never the value.
        logger.warn({ reason: error.message }, 'a shared upstream token cannot be opened; it is replaced by a new one');
        return;
      }
      // One line per outage: repeated on every call while the store stays down, it would bury everything else.
      if (outage) return;
      outage = true;
      logger.warn({ err: error }, 'the store is unavailable; upstream tokens are fetched and kept by this process alone until it answers again');
    },
    answered() {
      outage = false;
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The key a token is shared under: a hash of everything that decides which token the token endpoint
 * issues (endpoint, client, grant parameters, the caller's token for per-user tokens). A changed
 * setting never reuses another setting's token, and no credential or caller token becomes a key.
 */
export function tokenCacheKey(kind: string, parts: readonly (string | undefined)[]): string {
  return `${kind}:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`;
}

/**
 * A token that names no expiry is kept in the store for at most this long, so the store never holds
 * a credential forever, and a session that ended unnoticed is replaced at least this often.
 */
const UNKNOWN_EXPIRY_TTL_SECONDS = 12 * 3600;

/** One token's place in the shared cache. Store failures never reach the caller: they mean "not shared". */
export interface SharedTokenSlot {
  readonly cache: SharedTokenCache;
  /** The stored token, or undefined when there is none, it cannot be opened, or the store fails. */
  read(): Promise<CachedToken | undefined>;
  /** Stores `entry` for every replica until the token expires. */
  write(entry: CachedToken, now: number): Promise<void>;
  /** Removes the stored token if it is still `value` (a newer one another replica stored stays). */
  remove(value: string): Promise<void>;
  /** The right to fetch the token; undefined while another replica holds it, 'unavailable' when the store fails. */
  lease(): Promise<Lease | undefined | 'unavailable'>;
}

export function sharedTokenSlot(cache: SharedTokenCache, key: string): SharedTokenSlot {
  const { store } = cache;
  return {
    cache,
    async read() {
      try {
        const stored = await store.get(key);
        cache.answered();
        return entryFrom(stored);
      } catch (error) {
        cache.failed(error);
        return undefined;
      }
    },
    async write(entry, now) {
      const { expiresAt } = entry.token;
      const ttlSeconds = expiresAt === undefined ? UNKNOWN_EXPIRY_TTL_SECONDS : (expiresAt - now) / 1000;
      if (!(ttlSeconds > 0)) return;
      try {
        await store.set(key, storedEntry(entry), { ttlSeconds });
      } catch (error) {
        cache.failed(error);
      }
    },
    async remove(value) {
      try {
        const stored = await store.getVersioned(key);
        if (stored !== undefined && entryFrom(stored.value)?.token.value === value) await store.compareAndDelete(key, stored.version);
      } catch (error) {
        // An entry that cannot be opened is replaced by the next fetch anyway.
        cache.failed(error);
      }
    },
    async lease() {
      try {
        return await acquireLease(store, `${key}.lease`, cache.leaseMs / 1000);
      } catch (error) {
        cache.failed(error);
        return 'unavailable';
      }
    },
  };
}

function storedEntry({ token, refreshAt }: CachedToken): JsonValue {
  return {
    value: token.value,
    ...(token.expiresAt !== undefined && { expiresAt: token.expiresAt }),
    ...(token.apiBaseUrl !== undefined && { apiBaseUrl: token.apiBaseUrl }),
    // JSON has no Infinity: null stands for "never".
    refreshAt: Number.isFinite(refreshAt) ? refreshAt : null,
  };
}

/** The stored entry back, or undefined for anything that is not one (written by another version, say). */
function entryFrom(stored: JsonValue | undefined): CachedToken | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const { value, expiresAt, apiBaseUrl, refreshAt } = stored;
  if (typeof value !== 'string' || value === '') return undefined;
  if (expiresAt !== undefined && typeof expiresAt !== 'number') return undefined;
  if (apiBaseUrl !== undefined && typeof apiBaseUrl !== 'string') return undefined;
  if (refreshAt !== null && typeof refreshAt !== 'number') return undefined;
  return {
    token: { value, ...(expiresAt !== undefined && { expiresAt }), ...(apiBaseUrl !== undefined && { apiBaseUrl }) },
    refreshAt: refreshAt ?? Number.POSITIVE_INFINITY,
  };
}
