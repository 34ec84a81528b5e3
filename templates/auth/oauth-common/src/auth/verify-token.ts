import { errors, jwtVerify, type JWTPayload } from 'jose';

import type { SigningKeys } from './signing-keys.js';
import { SigningKeysUnavailable } from './signing-keys.js';
import { InvalidToken } from './token-errors.js';

export { InvalidToken };

export interface TokenRules {
  issuer: string;
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
  try {
    const { payload } = await jwtVerify(token, keys.getKey, {
      issuer: rules.issuer,
      audience: rules.audience,
      algorithms: [...rules.algorithms],
      clockTolerance: rules.clockSkewSeconds,
      requiredClaims: ['exp'],
    });
    return payload;
  } catch (error) {
    if (error instanceof SigningKeysUnavailable) throw error;
    // A failed key refetch (network, timeout) says nothing about the token itself.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      throw new SigningKeysUnavailable('The identity provider signing keys are unavailable', { cause: error });
    }
    throw new InvalidToken(reasonFor(error), { cause: error });
  }
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return 'The access token is not meant for this server (audience mismatch)';
      case 'iss':
        return 'The access token comes from an issuer this server does not trust';
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
