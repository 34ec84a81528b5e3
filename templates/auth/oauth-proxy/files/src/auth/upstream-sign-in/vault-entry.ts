import type { JsonValue, Store } from '../../storage/store.js';
import { parseTokenSet, type UpstreamTokenSet } from './token-set.js';

/** One grant's upstream tokens in the store, with what every replica needs to know about them. */
export interface VaultEntry {
  tokens: UpstreamTokenSet;
  /** From when on the access token is refreshed (epoch ms); null for a token without expiry. */
  refreshAt: number | null;
  /** When the entry itself goes (epoch ms): rewrites after a refresh keep the TTL the grant was saved with. */
  keepUntil: number;
  /** The upstream refused this access token (401): it is refreshed next, and never handed out again. */
  refused?: true;
}

export function entryKey(grantId: string): string {
  return `tokens:${grantId}`;
}

/**
 * The entry for freshly obtained tokens: refreshed `refreshBeforeMs` ahead of expiry, but never
 * sooner than half the token's lifetime, so a token that lives shorter than the margin is not
 * refreshed on every call.
 */
export function newEntry(tokens: UpstreamTokenSet, obtainedAt: number, keepUntil: number, refreshBeforeMs: number): VaultEntry {
  const { expiresAt } = tokens;
  const refreshAt = expiresAt === undefined ? null : expiresAt - Math.min(refreshBeforeMs, Math.max(0, expiresAt - obtainedAt) / 2);
  return { tokens, refreshAt, keepUntil };
}

/** The access token can be handed out without a refresh. */
export function isFresh(entry: VaultEntry, now: number): boolean {
  return entry.refused === undefined && (entry.refreshAt === null || now < entry.refreshAt);
}

/** The access token is due for a refresh but has not expired, and the upstream has not refused it. */
export function stillWorks(entry: VaultEntry, now: number): boolean {
  return entry.refused === undefined && (entry.tokens.expiresAt === undefined || now < entry.tokens.expiresAt);
}

/** Seconds the entry has left in the store, or undefined when its time is up. */
export function remainingSeconds(entry: VaultEntry, now: number): number | undefined {
  const seconds = (entry.keepUntil - now) / 1000;
  return seconds > 0 ? seconds : undefined;
}

/** The stored entry with its version, or undefined when there is none or it is not one. */
export async function readEntry(store: Store, grantId: string): Promise<{ value: VaultEntry; version: string } | undefined> {
  const stored = await store.getVersioned(entryKey(grantId));
  const entry = stored === undefined ? undefined : parseEntry(stored.value);
  return entry === undefined || stored === undefined ? undefined : { value: entry, version: stored.version };
}

/**
 * Writes `entry` over the version the caller read; resolves the new version, or undefined when the
 * entry changed meanwhile or is gone (a sign-out is never undone by a late write) or its time is up.
 */
export async function replaceEntry(store: Store, grantId: string, entry: VaultEntry, version: string, now: number): Promise<string | undefined> {
  const ttlSeconds = remainingSeconds(entry, now);
  if (ttlSeconds === undefined) return undefined;
  return store.compareAndSet(entryKey(grantId), storable(entry), { ifVersion: version, ttlSeconds });
}

/** The entry as a JSON value (its optional fields are never present as undefined). */
export function storable(entry: VaultEntry): JsonValue {
  return entry as unknown as JsonValue;
}

function parseEntry(stored: JsonValue): VaultEntry | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const tokens = parseTokenSet(stored.tokens);
  const { refreshAt, keepUntil, refused } = stored;
  if (tokens === undefined || (refreshAt !== null && typeof refreshAt !== 'number') || typeof keepUntil !== 'number') return undefined;
  return { tokens, refreshAt, keepUntil, ...(refused === true && { refused: true as const }) };
}
