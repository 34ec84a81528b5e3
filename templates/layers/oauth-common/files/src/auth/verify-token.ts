import { errors, jwtVerify, type JWTPayload } from 'jose';

import type { IdentityProvider } from '../upstream/types.js';
import type { SigningKeys } from './signing-keys.js';
import { SigningKeysUnavailable } from './signing-keys.js';
import { InvalidToken } from './token-errors.js';
import { expectedIssuer } from './token-expectations.js';

export { InvalidToken };

export interface TokenRules {
  /** Who issues the tokens: its `issuer`, or `issuerFor` per token. */
  idp: Pick<IdentityProvider, 'issuer' | 'issuerFor'>;
  audience: string;
  algorithms: readonly string[];
  clockSkewSeconds: number;
}

/**
 * Verifies an access token's signature against the provider's keys and its claims against `rules`:
 * exact issuer, audience, an allowed algorithm, `exp` present and not past, `nbf` not in the future,
 * both with the configured clock skew. Throws InvalidToken, or SigningKeysUnavailable when the keys
 * cannot be fetched.
 */
export async function verifyAccessToken(token: string, keys: SigningKeys, rules: TokenRules): Promise<JWTPayload> {
  const perTokenIssuer = rules.idp.issuerFor !== undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys.getKey, {
      // A per-token issuer is checked below, once the signature proves the claims it depends on.
      ...(!perTokenIssuer && { issuer: rules.idp.issuer }),
      audience: rules.audience,
      algorithms: [...rules.algorithms],
      clockTolerance: rules.clockSkewSeconds,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    if (error instanceof SigningKeysUnavailable) throw error;
    // A failed key refetch (network, timeout) says nothing about the token itself.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      throw new SigningKeysUnavailable('The identity provider signing keys are unavailable', { cause: error });
    }
    throw new InvalidToken(reasonFor(error), { cause: error });
  }
  if (perTokenIssuer) {
    const issuer = expectedIssuer(rules.idp, payload);
    if (issuer === undefined || payload.iss !== issuer) throw new InvalidToken(ISSUER_REFUSED);
  }
  return payload;
}

const ISSUER_REFUSED = 'The access token comes from an issuer this server does not trust';

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return 'The access token is not meant for this server (audience mismatch)';
      case 'iss':
        return ISSUER_REFUSED;
      case 'nbf':
        return 'The access token is not valid yet';
      case 'exp':
        return 'The access token has no expiry';
      default:
        return `The access token claim "${error.claim}" is invalid`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The access token is signed with an algorithm this server does not accept';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token is signed with an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  return 'The access token is malformed';
}
