import type { Identity } from './types.js';

/** The upstream access token of a user who signed in at the upstream through this server. */
export interface UpstreamSessionToken {
  readonly value: string;
  /** Epoch milliseconds; absent when the upstream did not say. */
  readonly expiresAt?: number;
  /** Fields of the upstream's token response beyond the standard ones (Salesforce's `instance_url`). */
  readonly extras?: Readonly<Record<string, unknown>>;
}

/**
 * The upstream session behind a caller: with the `oauth-proxy` strategy the caller signed in at the
 * upstream through this server, which keeps that user's upstream tokens and hands them to the
 * upstream client one call at a time.
 */
export interface UpstreamSession {
  /** A current upstream access token of this user, refreshed when needed. */
  accessToken(signal?: AbortSignal): Promise<UpstreamSessionToken>;
  /** The upstream refused `token`: the next accessToken() gets a fresh one. */
  invalidate(token: UpstreamSessionToken): Promise<void>;
  /** Who the user is at the upstream: their subject there and the claims worth showing (name, email). */
  upstreamIdentity(): Promise<Readonly<Record<string, unknown>>>;
}

/*
 * Kept beside the Identity rather than in it, as the caller's own token is (caller-token.ts):
 * identities are logged and returned by whoami, and nothing that opens someone's upstream account
 * may travel with them.
 */
const sessions = new WeakMap<Identity, UpstreamSession>();

/** Records the upstream session of `identity`; returns the identity for chaining. */
export function rememberUpstreamSession<T extends Identity>(identity: T, session: UpstreamSession): T {
  sessions.set(identity, session);
  return identity;
}

/** The upstream session of `identity`, when the auth strategy signed the caller in at the upstream. */
export function upstreamSessionOf(identity: Identity): UpstreamSession | undefined {
  return sessions.get(identity);
}
