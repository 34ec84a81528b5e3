import type { Identity } from '../../auth/types.js';
import type { AccessToken, CachedToken } from './access-token.js';
import { sharedTokenSlot, type SharedTokenCache } from './shared-token-cache.js';
import { refreshThroughStore, tokenStillWorks } from './shared-token-refresh.js';
import { untilAborted } from './until-aborted.js';

export type { AccessToken } from './access-token.js';

export interface TokenRequestContext {
  /** The MCP caller the upstream call is made for (per-user token sources exchange its token). */
  readonly identity: Identity;
  readonly signal?: AbortSignal;
}

/** Where the upstream client gets the credential for each request. */
export interface TokenSource {
  getAccessToken(context: TokenRequestContext): Promise<AccessToken>;
  /** The upstream refused `token` (401): forget it so the next call fetches a fresh one. */
  invalidate(token: AccessToken): void;
}

export interface CachedTokenSourceOptions {
  /** Fetch a new token this long before the current one expires, so no request goes out with a dying token. */
  refreshBeforeMs: number;
  now?: () => number;
  /**
   * Share the token with every replica on the store, under `key` (see tokenCacheKey). Without it the
   * token stays in this process.
   */
  shared?: { cache: SharedTokenCache; key: string };
}

/**
 * Service credentials: one token for every caller, refreshed `refreshBeforeMs` ahead of expiry.
 * Concurrent callers share one fetch (single-flight), so a burst of tool calls after start-up or
 * expiry costs the token endpoint one request. Tokens without an expiry live until invalidated.
 *
 * With `shared`, the token also lives in the store, sealed, until it expires: replicas on one backend
 * use one token, and a durable backend keeps it across restarts. One replica at a time fetches (it
 * holds a lease); the others keep using a token that still works, or wait for the new one, for at
 * most the lease's time, then fetch one themselves. A store that fails or holds a token that cannot
 * be opened means "nothing shared": the process fetches its own token, as without a store.
 *
 * The shared fetch is not tied to any one caller's signal (a caller giving up must not fail the
 * others); each caller stops waiting when its own signal aborts, and `fetchToken` bounds the fetch
 * with its own timeout.
 */
export function cachedTokenSource(fetchToken: (signal?: AbortSignal) => Promise<AccessToken>, options: CachedTokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  const shared = options.shared === undefined ? undefined : sharedTokenSlot(options.shared.cache, options.shared.key);
  let cached: CachedToken | undefined;
  let inFlight: Promise<AccessToken> | undefined;
  /** The token the upstream refused last: never taken from the store again, whoever stored it. */
  let refused: string | undefined;
  /** The removal of that token from the store; a refresh waits for it, so it cannot read the token back. */
  let forgetting: Promise<void> = Promise.resolve();

  const fetchFresh = async (): Promise<CachedToken> => {
    const fetchedAt = now();
    const token = await fetchToken();
    return { token, refreshAt: refreshTime(token, fetchedAt, options.refreshBeforeMs) };
  };
  const refresh = (current: CachedToken | undefined): Promise<AccessToken> =>
    (inFlight ??= (async () => {
      try {
        if (shared !== undefined) await forgetting;
        cached = shared === undefined ? await fetchFresh() : await refreshThroughStore(shared, { now, refused, current, fetch: fetchFresh });
        return cached.token;
      } finally {
        inFlight = undefined;
      }
    })());

  return {
    async getAccessToken({ signal }) {
      signal?.throwIfAborted();
      const current = cached;
      if (current !== undefined && now() < current.refreshAt) return current.token;
      try {
        return await untilAborted(refresh(current), signal);
      } catch (error) {
        // A token inside its refresh margin still works: an unreachable token endpoint does not fail
        // calls until the token has really expired.
        if (cached === current && tokenStillWorks(current, now(), refused) && !signal?.aborted) return current.token;
        throw error;
      }
    },
    invalidate(token) {
      // Only the token this source hands out now is forgotten: one it already replaced changes nothing.
      if (cached?.token.value !== token.value) return;
      cached = undefined;
      if (shared === undefined) return;
      refused = token.value;
      forgetting = shared.remove(token.value);
    },
  };
}

/**
 * When to replace a token: `refreshBeforeMs` ahead of its expiry, but never sooner than half its
 * lifetime, so a token that lives shorter than the margin is not fetched again on every call.
 */
function refreshTime(token: AccessToken, fetchedAt: number, refreshBeforeMs: number): number {
  if (token.expiresAt === undefined) return Number.POSITIVE_INFINITY;
  const lifetime = token.expiresAt - fetchedAt;
  return token.expiresAt - Math.min(refreshBeforeMs, lifetime / 2);
}
