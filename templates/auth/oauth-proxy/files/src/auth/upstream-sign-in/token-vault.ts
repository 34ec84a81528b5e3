import type { Logger } from '../../logger.js';
import { SealedValueError } from '../../storage/sealed-store.js';
import type { JsonValue, Store } from '../../storage/store.js';
import { untilAborted } from '../../upstream/http/until-aborted.js';
import { signInAgainError } from './errors.js';
import { upstreamName, type UpstreamSignInSettings } from './settings.js';
import type { UpstreamTokenSet } from './token-set.js';
import { upstreamServer } from './upstream-server.js';
import { entryKey, isFresh, newEntry, readEntry, replaceEntry, storable, type VaultEntry } from './vault-entry.js';
import { refreshThroughLease } from './vault-refresh.js';

/** Bounds a refresh when there are no settings to say (they never reach the upstream then anyway). */
const DEFAULT_TIMEOUT_MS = 10_000;

/** The access token a tool call sends upstream for its user. */
export interface UpstreamAccessToken {
  value: string;
  /** Epoch ms; absent when the upstream did not say. */
  expiresAt?: number;
  /** The token response's extra fields (Salesforce `instance_url`). */
  extras?: Record<string, JsonValue>;
}

export interface UpstreamTokenVault {
  /** Keeps the tokens of a grant for `ttlSeconds` (the grant's lifetime), replacing any before. */
  save(grantId: string, tokens: UpstreamTokenSet, ttlSeconds: number): Promise<void>;
  /**
   * The user's current upstream access token; refreshed single-flight across replicas (lease in the
   * store) when within refreshBeforeMs of expiry. Upstream invalid_grant (or no refresh token and
   * expired) → tokens deleted, onGrantEnded(grantId) called, throws ToolError('sign_in_again').
   */
  accessToken(grantId: string, signal?: AbortSignal): Promise<UpstreamAccessToken>;
  /** The upstream refused this token (401): the next accessToken() refreshes. */
  invalidate(grantId: string, token: string): Promise<void>;
  tokens(grantId: string): Promise<UpstreamTokenSet | undefined>;
  delete(grantId: string): Promise<void>;
}

export interface UpstreamTokenVaultDeps {
  /** A sealed view of the store: the tokens are the user's credentials. */
  store: Store;
  logger: Logger;
  /** The grant can no longer reach the upstream: revoke it, so its client signs the user in anew. */
  onGrantEnded(grantId: string): Promise<void>;
  /** Refresh an access token this long before it expires, so no call goes out with a dying token. */
  refreshBeforeMs: number;
  now?: () => number;
  fetch?: typeof fetch;
  /** Waits between two looks at the store while another replica refreshes; tests replace it. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Users' upstream tokens, one entry per grant of this server, sealed in the store and shared by
 * every replica. A refresh happens once across replicas (upstreams such as NetSuite and Salesforce
 * may accept a refresh token only once): the replica holding the lease refreshes, the others use the
 * token they have while it still works, or wait for the new one. Concurrent calls in one process
 * share one refresh. A caller's abort stops its own wait, never the shared refresh. Without
 * `settings` (sign-in not configured) tokens are kept and served, but not refreshed.
 */
export function createUpstreamTokenVault(settings: UpstreamSignInSettings | undefined, deps: UpstreamTokenVaultDeps): UpstreamTokenVault {
  const { store, logger, refreshBeforeMs } = deps;
  const now = deps.now ?? Date.now;
  const name = upstreamName(settings ?? {});
  const upstream = settings === undefined ? undefined : upstreamServer(settings, deps.fetch);
  const inFlight = new Map<string, Promise<UpstreamAccessToken>>();

  const end = async (grantId: string, reason: string): Promise<Error> => {
    logger.warn({ grantId, reason }, 'an upstream sign-in has ended; its tokens are deleted and its grant revoked');
    await store.delete(entryKey(grantId));
    await deps.onGrantEnded(grantId).catch((error: unknown) => logger.error({ err: error, grantId }, 'the grant of an ended upstream sign-in could not be revoked'));
    return signInAgainError(name);
  };
  // A refresh is a discovery and a token request at most, each bounded by the timeout.
  const leaseMs = 2 * (settings?.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 2_000;
  const context = { store, upstream, name, now, refreshBeforeMs, leaseMs, logger, end, sleep: deps.sleep ?? pause };

  const read = async (grantId: string) => {
    try {
      return await readEntry(store, grantId);
    } catch (error) {
      // Sealed under a key no longer configured, or altered: the tokens are lost to this server.
      if (error instanceof SealedValueError) throw await end(grantId, error.message);
      throw error;
    }
  };

  return {
    async save(grantId, tokens, ttlSeconds) {
      const savedAt = now();
      await store.set(entryKey(grantId), storable(newEntry(tokens, savedAt, savedAt + ttlSeconds * 1000, refreshBeforeMs)), { ttlSeconds });
    },
    async accessToken(grantId, signal) {
      signal?.throwIfAborted();
      const stored = await read(grantId);
      if (stored === undefined) throw signInAgainError(name);
      if (isFresh(stored.value, now())) return accessTokenOf(stored.value);
      let flight = inFlight.get(grantId);
      if (flight === undefined) {
        const started = refreshThroughLease(context, grantId).then(accessTokenOf);
        flight = started.finally(() => {
          if (inFlight.get(grantId) === flight) inFlight.delete(grantId);
        });
        inFlight.set(grantId, flight);
        // Every caller may have stopped waiting before it settles: a failure then has nobody to reach.
        flight.catch(() => undefined);
      }
      return untilAborted(flight, signal);
    },
    async invalidate(grantId, token) {
      const stored = await read(grantId);
      // Only the token handed out now is marked: one a refresh already replaced changes nothing.
      if (stored === undefined || stored.value.tokens.accessToken !== token || stored.value.refused === true) return;
      await replaceEntry(store, grantId, { ...stored.value, refused: true }, stored.version, now());
    },
    async tokens(grantId) {
      return (await read(grantId))?.value.tokens;
    },
    async delete(grantId) {
      await store.delete(entryKey(grantId));
    },
  };
}

function accessTokenOf({ tokens }: VaultEntry): UpstreamAccessToken {
  return {
    value: tokens.accessToken,
    ...(tokens.expiresAt !== undefined && { expiresAt: tokens.expiresAt }),
    ...(tokens.extras !== undefined && { extras: tokens.extras }),
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
