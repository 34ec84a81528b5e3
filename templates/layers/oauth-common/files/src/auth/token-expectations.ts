import type { IdentityProvider, TokenClaims } from '../upstream/types.js';
import { InvalidToken, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID } from './token-errors.js';
import type { AuthenticatorDeps } from './types.js';

/**
 * The audience a token must carry to be for this server: AUTH_AUDIENCE when set, else what the
 * identity provider puts in tokens for it (Entra: the client ID), else the canonical resource URL
 * (RFC 8707, as MCP clients request it).
 */
export function expectedAudience(config: { readonly AUTH_AUDIENCE?: string | undefined }, idp: IdentityProvider, deps: Pick<AuthenticatorDeps, 'resourceUrl'>): string {
  return config.AUTH_AUDIENCE ?? idp.audience ?? deps.resourceUrl();
}

/**
 * The `iss` a verified token must carry: per token for providers whose issuer depends on the
 * token's tenant, otherwise the provider's one issuer. Undefined means no issuer is acceptable.
 */
export function expectedIssuer(idp: Pick<IdentityProvider, 'issuer' | 'issuerFor'>, claims: TokenClaims): string | undefined {
  return idp.issuerFor === undefined ? idp.issuer : idp.issuerFor(claims);
}

/**
 * A token's `exp` and `nbf` against the clock (`atMs`, milliseconds since the epoch), with `clockSkewSeconds`
 * of tolerance, compared and ordered as jose checks a JWT's, so every path refuses with the same reason.
 */
export function checkValidityWindow(claims: TokenClaims, atMs: number, clockSkewSeconds: number): void {
  const nowSeconds = Math.floor(atMs / 1000);
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + clockSkewSeconds) throw new InvalidToken(TOKEN_NOT_YET_VALID);
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds - clockSkewSeconds) throw new InvalidToken(TOKEN_EXPIRED);
}
