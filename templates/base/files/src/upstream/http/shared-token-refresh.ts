import type { CachedToken } from './access-token.js';
import type { SharedTokenSlot } from './shared-token-cache.js';

/** The first and the longest wait between two looks at the store while another replica fetches the token. */
const FIRST_LOOK_MS = 25;
const LONGEST_LOOK_MS = 500;

export interface StoreRefresh {
  readonly now: () => number;
  /** The token the upstream refused last: never taken from the store, whoever stored it. */
  readonly refused: string | undefined;
  /** The token this process holds, past its refresh time but maybe still working. */
  readonly current: CachedToken | undefined;
  /** Fetches a new token from the token endpoint. */
  readonly fetch: () => Promise<CachedToken>;
}

/**
 * The next token of `slot`: the one in the store when it is fresh; else fetched by this process while
 * it holds the lease, and stored. While another replica holds the lease, a token that still works
 * serves; without one, this process looks at the store for the new token until the lease time has
 * passed, then fetches one itself, so a replica that crashed mid-fetch delays the others no longer.
 * A store that cannot be reached leaves the process to fetch its own token.
 */
export async function refreshThroughStore(slot: SharedTokenSlot, { now, refused, current, fetch }: StoreRefresh): Promise<CachedToken> {
  const isFresh = (entry: CachedToken | undefined): entry is CachedToken => entry !== undefined && entry.token.value !== refused && now() < entry.refreshAt;
  const fetchAndStore = async () => {
    const entry = await fetch();
    await slot.write(entry, now());
    return entry;
  };
  let seen = await slot.read();
  if (isFresh(seen)) return seen;
  const deadline = now() + slot.cache.leaseMs;
  let wait = FIRST_LOOK_MS;
  for (;;) {
    const lease = await slot.lease();
    if (lease === 'unavailable') return fetch();
    if (lease !== undefined) {
      try {
        // Another replica may have stored a token between the first look and the lease.
        const stored = await slot.read();
        return isFresh(stored) ? stored : await fetchAndStore();
      } finally {
        await lease.release().catch(() => false);
      }
    }
    const working = [current, seen].find((entry) => tokenStillWorks(entry, now(), refused));
    if (working !== undefined) return working;
    if (now() >= deadline) break;
    await slot.cache.sleep(Math.min(wait, deadline - now()));
    wait = Math.min(wait * 2, LONGEST_LOOK_MS);
    seen = await slot.read();
    if (isFresh(seen)) return seen;
  }
  // The lease holder did not deliver within its lease (it crashed, or cannot write to the store).
  return fetchAndStore();
}

/** Whether `entry` can still be sent: not expired, and not the token the upstream refused. */
export function tokenStillWorks(entry: CachedToken | undefined, now: number, refused: string | undefined): entry is CachedToken {
  return entry !== undefined && entry.token.value !== refused && (entry.token.expiresAt === undefined || now < entry.token.expiresAt);
}
