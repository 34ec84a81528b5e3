import type { JWTPayload } from 'jose';
// Subpath imports: the package root loads every JOSE feature (about 180 modules) at start-up.
import * as errors from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';

import type { IdentityProvider } from '../upstream/types.js';
import type { SigningKeys } from './signing-keys.js';
import { SigningKeysUnavailable } from './signing-keys.js';
import { InvalidToken, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID } from './token-errors.js';
import { expectedIssuer } from './token-expectations.js';
import { createVerifiedTokenCache, type TokenVerification, type VerifiedTokenCache } from './verified-token-cache.js';

export { InvalidToken };

export interface TokenRules {
  /** Who issues the tokens: its `issuer`, or `issuerFor` per token. */
  idp: Pick<IdentityProvider, 'issuer' | 'issuerFor'>;
  audience: string;
  algorithms: readonly string[];
  clockSkewSeconds: number;
}

/** TokenRules as a strategy holds them for its whole life. */
export interface VerifierRules extends Omit<TokenRules, 'audience'> {
  /** Read at each verification: the canonical resource URL is known only once the server listens. */
  audience(): string;
}

export interface VerifierOptions {
  /** Longest reuse of one successful verification, in seconds (AUTH_VERIFIED_TOKEN_CACHE_SECONDS); 0 verifies every time. */
  cacheSeconds: number;
  /** Milliseconds since the epoch. Default: Date.now(), looked up at each call (tests may fake the global clock). */
  now?: () => number;
}

/**
 * verifyAccessToken bound to one key set and one set of rules, reusing its successful verifications
 * as src/auth/verified-token-cache.ts describes. The cache belongs to this verifier alone; if the
 * audience it checks ever changes, what was verified for the previous one is dropped with it.
 */
export function createAccessTokenVerifier(keys: SigningKeys, rules: VerifierRules, options: VerifierOptions): TokenVerification {
  const now = options.now ?? (() => Date.now());
  let current: { audience: string; cache: VerifiedTokenCache } | undefined;
  return (token) => {
    const audience = rules.audience();
    if (current?.audience !== audience) {
      const tokenRules: TokenRules = { ...rules, audience };
      current = {
        audience,
        cache: createVerifiedTokenCache((presented) => verifyAccessToken(presented, keys, tokenRules, now), {
          maxAgeSeconds: options.cacheSeconds,
          clockSkewSeconds: rules.clockSkewSeconds,
          now,
        }),
      };
    }
    return current.cache.verify(token);
  };
}

/**
 * Verifies an access token's signature against the provider's keys and its claims against `rules`:
 * exact issuer, audience, an allowed algorithm, `exp` present and not past, `nbf` not in the future,
 * both with the configured clock skew, against `now` (milliseconds since the epoch). Throws
 * InvalidToken, or SigningKeysUnavailable when the keys cannot be fetched.
 */
export async function verifyAccessToken(token: string, keys: SigningKeys, rules: TokenRules, now: () => number = Date.now): Promise<JWTPayload> {
  const perTokenIssuer = rules.idp.issuerFor !== undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys.getKey, {
      // A per-token issuer is checked below, once the signature proves the claims it depends on.
      ...(!perTokenIssuer && { issuer: rules.idp.issuer }),
      audience: rules.audience,
      algorithms: [...rules.algorithms],
      clockTolerance: rules.clockSkewSeconds,
      currentDate: new Date(now()),
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
  if (error instanceof errors.JWTExpired) return TOKEN_EXPIRED;
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return 'The access token is not meant for this server (audience mismatch)';
      case 'iss':
        return ISSUER_REFUSED;
      case 'nbf':
        return TOKEN_NOT_YET_VALID;
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
