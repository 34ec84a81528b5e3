import { anonymousIdentity, type Identity } from '../auth/types.js';

/**
 * Whom a rate limit counts: the authenticated subject (with its tenant, since subjects are unique only
 * within one), or, for the anonymous caller of a server without authentication, the client address.
 * Behind a reverse proxy that address is the proxy's unless TRUST_PROXY says which proxies to believe.
 */
export function rateLimitCaller(identity: Identity, clientAddress: string | undefined): string {
  if (identity === anonymousIdentity) return `address:${clientAddress ?? 'unknown'}`;
  // JSON keeps the two apart whatever characters they hold.
  return `subject:${JSON.stringify([identity.tenant ?? null, identity.subject])}`;
}
