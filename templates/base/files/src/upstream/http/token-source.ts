import type { Identity } from '../../auth/types.js';

/** A credential for the upstream API. Never logged, never part of an error message. */
export interface AccessToken {
  readonly value: string;
  /** When the token stops working (epoch milliseconds); absent when the issuer did not say. */
  readonly expiresAt?: number;
  /** Where the API for this token lives, when the issuer names it (Salesforce `instance_url`). */
  readonly apiBaseUrl?: string;
}

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
}

interface CachedToken {
  token: AccessToken;
  /** From when on a new token is fetched instead. */
  refreshAt: number;
}

/**
 * Service credentials: one token for every caller, refreshed `refreshBeforeMs` ahead of expiry.
 * Concurrent callers share one fetch (single-flight), so a burst of tool calls after start-up or
 * expiry costs the token endpoint one request. Tokens without an expiry live until invalidated.
 *
 * The shared fetch is not tied to any one caller's signal (a caller giving up must not fail the
 * others); each caller stops waiting when its own signal aborts, and `fetchToken` bounds the fetch
 * with its own timeout.
 */
export function cachedTokenSource(fetchToken: (signal?: AbortSignal) => Promise<AccessToken>, options: CachedTokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  let cached: CachedToken | undefined;
  let inFlight: Promise<AccessToken> | undefined;

  const refresh = (): Promise<AccessToken> =>
    (inFlight ??= (async () => {
      try {
        const fetchedAt = now();
        const token = await fetchToken();
        cached = { token, refreshAt: refreshTime(token, fetchedAt, options.refreshBeforeMs) };
        return token;
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
        return await untilAborted(refresh(), signal);
      } catch (error) {
        // A token inside its refresh margin still works: an unreachable token endpoint does not fail
        // calls until the token has really expired.
        const stillValid = current !== undefined && cached === current && (current.token.expiresAt === undefined || now() < current.token.expiresAt);
        if (stillValid && !signal?.aborted) return current.token;
        throw error;
      }
    },
    invalidate(token) {
      if (cached?.token.value === token.value) cached = undefined;
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

/** `promise`, or a rejection with the signal's reason as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
