import type { JWTPayload } from 'jose';

import { deepFreeze } from '../deep-freeze.js';
import { checkValidityWindow } from './token-expectations.js';

/**
 * Most tokens one verifier remembers. An entry is the token and its claims (a few kilobytes), so the
 * cache stays within tens of megabytes however many distinct valid tokens arrive; past the bound
 * the oldest verification is forgotten first, and its token is simply verified again if it returns.
 */
export const MAX_VERIFIED_TOKENS = 10_000;

/** Checks a token in full: signature, issuer, audience, algorithm, validity window. Throws when it is refused. */
export type TokenVerification = (token: string) => Promise<JWTPayload>;

export interface VerifiedTokenCacheOptions {
  /**
   * Longest reuse of one verification, in seconds; 0 turns the cache off. It bounds how long a
   * token signed with a key the provider has since withdrawn from its key set is still accepted.
   */
  maxAgeSeconds: number;
  /** Tolerance, in seconds, when `exp` and `nbf` are checked again on reuse (the verification's own). */
  clockSkewSeconds: number;
  /** Default MAX_VERIFIED_TOKENS. */
  maxEntries?: number;
  /** Milliseconds since the epoch; the clock the verification itself reads. Default: Date.now(), looked up at each call. */
  now?: () => number;
}

export interface VerifiedTokenCache {
  /** The claims of `token`: remembered from an earlier successful verification, or verified now. */
  verify: TokenVerification;
  /** Tokens remembered now. */
  readonly size: number;
}

interface Entry {
  readonly claims: JWTPayload;
  /** Milliseconds since the epoch: the token's `exp`, or the verification's time plus `maxAgeSeconds`, whichever is first. */
  readonly reuseUntil: number;
}

/**
 * Spares a repeat of the same access token (MCP clients send one token for many calls) the
 * signature check, the costly part of verifying it, under these rules:
 * - entries are keyed by the exact token string, so two tokens share an entry only when they are the
 *   same string (no digest that could collide). Tokens stay in this process's memory, never in a
 *   store, as they already are while each request is handled;
 * - only successful verifications are remembered: a refused token is checked again in full each time
 *   it is presented, so it is accepted as soon as it becomes acceptable (`nbf` reached, keys rotated in)
 *   and never earlier;
 * - an entry is reused until the token's `exp` or for `maxAgeSeconds`, whichever comes first, and on
 *   each reuse `exp` and `nbf` are checked again against the clock with the same skew, refusing with
 *   the reasons a full verification gives: a token that expires while remembered is refused exactly
 *   as it would be without the cache, even when the clock steps;
 * - at most `maxEntries` tokens are remembered, the oldest verification forgotten first.
 * Everything else a verification checks (signature, issuer, including a per-token issuer, audience,
 * algorithm) depends only on the token and the verifier's rules and keys, so it holds for as long as
 * the entry does. One cache therefore serves one verifier (one set of rules and keys), never several.
 */
export function createVerifiedTokenCache(verifyInFull: TokenVerification, options: VerifiedTokenCacheOptions): VerifiedTokenCache {
  const now = options.now ?? (() => Date.now());
  const maxEntries = options.maxEntries ?? MAX_VERIFIED_TOKENS;
  const maxAgeMs = options.maxAgeSeconds * 1000;
  // A Map keeps insertion order: its first entries are the oldest verifications.
  const entries = new Map<string, Entry>();

  const remember = (token: string, claims: JWTPayload): void => {
    const at = now();
    if (typeof claims.exp !== 'number') return;
    const reuseUntil = Math.min(claims.exp * 1000, at + maxAgeMs);
    if (reuseUntil <= at) return;
    // A token verified again moves to the newest end.
    entries.delete(token);
    forgetOutdated(entries, at);
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(token, { claims: deepFreeze(claims), reuseUntil });
  };

  return {
    async verify(token) {
      if (maxAgeMs === 0) return verifyInFull(token);
      const entry = entries.get(token);
      if (entry !== undefined) {
        const at = now();
        if (at < entry.reuseUntil) {
          checkValidityWindow(entry.claims, at, options.clockSkewSeconds);
          return entry.claims;
        }
        entries.delete(token);
      }
      const claims = await verifyInFull(token);
      remember(token, claims);
      return claims;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Drops outdated entries from the oldest end, so tokens never presented again do not hold memory
 * until the size bound pushes them out. It stops at the first entry still usable: one pass costs
 * what it removes.
 */
function forgetOutdated(entries: Map<string, Entry>, at: number): void {
  for (const [token, entry] of entries) {
    if (entry.reuseUntil > at) return;
    entries.delete(token);
  }
}
