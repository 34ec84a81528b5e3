import type { Accounts } from './authorization-server/accounts.js';
import { InvalidToken } from './token-errors.js';
import type { Identity } from './types.js';
import { rememberUpstreamSession } from './upstream-session.js';
import type { UpstreamTokenVault } from './upstream-sign-in/token-vault.js';
import type { TokenClaims } from '../upstream/types.js';
import { stringClaim, stringList } from '../upstream/types.js';

/**
 * The caller behind one of this server's own access tokens (already verified): the user it was
 * issued to, with the roles and tenant the upstream gave them when they signed in, and the upstream
 * session of the grant it was issued under, for the tools' upstream calls.
 */
export async function signedInIdentity(claims: TokenClaims, vault: UpstreamTokenVault, accounts: Accounts): Promise<Identity> {
  const grantId = stringClaim(claims.grant_id);
  const subject = stringClaim(claims.sub);
  if (grantId === undefined || subject === undefined) throw new InvalidToken('the access token was not issued to a signed-in user');
  const clientId = stringClaim(claims.client_id);
  const tenant = stringClaim(claims.tenant);
  const identity: Identity = {
    subject,
    ...(clientId !== undefined && { clientId }),
    ...(tenant !== undefined && { tenant }),
    scopes: stringList(claims.scope),
    roles: stringList(claims.roles),
  };
  return rememberUpstreamSession(identity, {
    accessToken: (signal) => vault.accessToken(grantId, signal),
    invalidate: (token) => vault.invalidate(grantId, token.value),
    upstreamIdentity: async () => ({ subject, ...((await accounts.find(subject))?.profile ?? {}) }),
  });
}
