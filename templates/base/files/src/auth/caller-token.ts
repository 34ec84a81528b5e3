import type { Identity } from './types.js';

/**
 * The access token a caller presented, kept beside its Identity rather than in it: identities are
 * logged, returned by `whoami` and serialised, and the token must never travel with them. Only code
 * that exchanges the token for a downstream one (RFC 8693) reads it back.
 */
const callerTokens = new WeakMap<Identity, string>();

/** Records the token `identity` was established from; returns the identity for chaining. */
export function rememberCallerToken<T extends Identity>(identity: T, token: string): T {
  callerTokens.set(identity, token);
  return identity;
}

/** The access token `identity` presented, when the auth strategy verified one. */
export function callerTokenOf(identity: Identity): string | undefined {
  return callerTokens.get(identity);
}
