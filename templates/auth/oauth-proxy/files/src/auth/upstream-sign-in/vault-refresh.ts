import type { Logger } from '../../logger.js';
import { acquireLease } from '../../storage/lease.js';
import type { Store } from '../../storage/store.js';
import { UpstreamUnavailableError } from '../../upstream/http/errors.js';
import { signInAgainError } from './errors.js';
import { refreshTokens, SignInEnded } from './token-refresh.js';
import type { UpstreamServer } from './upstream-server.js';
import { entryKey, isFresh, newEntry, readEntry, replaceEntry, stillWorks, type VaultEntry } from './vault-entry.js';

/** The first and the longest wait between two looks at the store while another replica refreshes. */
const FIRST_LOOK_MS = 25;
const LONGEST_LOOK_MS = 500;

export interface RefreshContext {
  store: Store;
  /** Absent while the sign-in settings are incomplete. */
  upstream: UpstreamServer | undefined;
  name: string;
  now: () => number;
  refreshBeforeMs: number;
  /** How long one replica holds the right to refresh: above the longest a refresh can take. */
  leaseMs: number;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  /** Deletes the grant's tokens, has its grant revoked, and resolves the error for the caller. */
  end: (grantId: string, reason: string) => Promise<Error>;
}

/**
 * The grant's entry once its access token is fresh again. Only the replica holding the lease
 * redeems the refresh token. The others use a token that still works, or look at the store until
 * the new one is there (or the entry is gone: the sign-in ended); a holder that crashed blocks
 * nobody beyond its lease, after which another replica takes the lease and refreshes. Nobody
 * refreshes without the lease: a refresh token that may be used once must not be raced.
 */
export async function refreshThroughLease(context: RefreshContext, grantId: string): Promise<VaultEntry> {
  const { store, now, leaseMs, name } = context;
  const deadline = now() + 2 * leaseMs;
  let wait = FIRST_LOOK_MS;
  for (;;) {
    const lease = await acquireLease(store, `${entryKey(grantId)}.lease`, leaseMs / 1000);
    if (lease !== undefined) {
      try {
        return await refreshHolding(context, grantId);
      } finally {
        await lease.release().catch(() => false);
      }
    }
    const seen = await readEntry(store, grantId);
    if (seen === undefined) throw signInAgainError(name);
    if (isFresh(seen.value, now()) || stillWorks(seen.value, now())) return seen.value;
    if (now() >= deadline) throw new UpstreamUnavailableError(`The ${name} sign-in could not be refreshed in time`, { upstream: name, reason: 'deadline' });
    await context.sleep(Math.min(wait, deadline - now()));
    wait = Math.min(wait * 2, LONGEST_LOOK_MS);
  }
}

async function refreshHolding(context: RefreshContext, grantId: string): Promise<VaultEntry> {
  const { store, now, name, logger } = context;
  // Another replica may have refreshed between the first look and the lease.
  const current = await readEntry(store, grantId);
  if (current === undefined) throw signInAgainError(name);
  const entry = current.value;
  if (isFresh(entry, now())) return entry;
  const { refreshToken } = entry.tokens;
  if (refreshToken === undefined) {
    if (stillWorks(entry, now())) return entry;
    throw await context.end(grantId, entry.refused ? 'the upstream refused the access token and issued no refresh token' : 'the access token expired and the upstream issued no refresh token');
  }
  const obtainedAt = now();
  let next: VaultEntry;
  try {
    next = newEntry(await refreshTokens(context.upstream, { ...entry.tokens, refreshToken }, name, obtainedAt), obtainedAt, entry.keepUntil, context.refreshBeforeMs);
  } catch (error) {
    if (error instanceof SignInEnded) throw await context.end(grantId, `the upstream refused the refresh token (${error.reason})`);
    // An upstream that cannot refresh right now does not fail calls while the token still works.
    if (stillWorks(entry, now())) {
      logger.warn({ err: error }, 'an upstream access token could not be refreshed; the current one serves until it expires');
      return entry;
    }
    throw error;
  }
  // The entry changed meanwhile: a 401 marked the old token (the new one replaces it all the same),
  // or the user signed out (then it stays deleted).
  if ((await replaceEntry(store, grantId, next, current.version, now())) === undefined) {
    const changed = await readEntry(store, grantId);
    if (changed === undefined || (await replaceEntry(store, grantId, next, changed.version, now())) === undefined) throw signInAgainError(name);
  }
  return next;
}
