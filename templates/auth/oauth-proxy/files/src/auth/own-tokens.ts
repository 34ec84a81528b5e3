import type { Accounts } from './authorization-server/accounts.js';
import { InvalidToken } from './token-errors.js';
import type { Identity } from './types.js';
import { rememberUpstreamSession } from './upstream-session.js';
import type { UpstreamTokenVault } from './upstream-sign-in/token-vault.js';
import { stringClaim, stringList, type IdentityProvider, type TokenClaims } from '../upstream/types.js';

/**
 * This server as the issuer of the tokens its clients present: its public address (known once it
 * listens, so read on each use), and how its own claims name the caller.
 */
export function ownTokenIssuer(issuer: () => string): IdentityProvider {
  return {
    get issuer() {
      return issuer();
    },
    get discoveryUrl() {
      return `${issuer()}/.well-known/oauth-authorization-server`;
    },
    mapClaims(claims) {
      const clientId = stringClaim(claims.client_id);
      const tenant = stringClaim(claims.tenant);
      return {
        subject: stringClaim(claims.sub) ?? '',
        ...(clientId !== undefined && { clientId }),
        ...(tenant !== undefined && { tenant }),
        scopes: stringList(claims.scope),
        roles: stringList(claims.roles),
      };
    },
  };
}

/**
 * The caller behind one of this server's own access tokens (already verified): the user it was
 * issued to, with the roles and tenant the upstream gave them when they signed in, and the upstream
 * session of the grant it was issued under, for the tools' upstream calls.
 */
export function signedInIdentity(claims: TokenClaims, issuer: IdentityProvider, vault: UpstreamTokenVault, accounts: Accounts): Identity {
  const grantId = stringClaim(claims.grant_id);
  const identity = issuer.mapClaims(claims);
  if (grantId === undefined || identity.subject === '') throw new InvalidToken('the access token was not issued to a signed-in user');
  const { subject } = identity;
  return rememberUpstreamSession(identity, {
    accessToken: (signal) => vault.accessToken(grantId, signal),
    invalidate: (token) => vault.invalidate(grantId, token.value),
    upstreamIdentity: async () => ({ subject, ...((await accounts.find(subject))?.profile ?? {}) }),
  });
}
