import { z } from 'zod';

/**
 * Signature algorithms a resource server may accept from an identity provider's public keys.
 * Symmetric algorithms (HS*) and `none` are deliberately absent: with a published key set, accepting
 * them lets anyone who can read the public key forge tokens.
 */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

/** A list separated by commas and/or spaces; blank items are ignored. */
export const list = z.string().transform((value) => value.split(/[\s,]+/).filter((item) => item.length > 0));

/** Settings every token-verifying strategy shares: who tokens are for, who may call, what is advertised. */
export const resourceServerEnv = {
  /** Audience tokens must carry. Default: this server's canonical resource URL (PUBLIC_URL + /mcp). */
  AUTH_AUDIENCE: z.string().trim().min(1).optional(),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** When set, only callers whose tenant is listed are accepted. */
  AUTH_ALLOWED_TENANTS: list.default([]),
  /** Scopes advertised in the protected-resource metadata and in challenges. Default: every scope a tool declares. */
  AUTH_SCOPES_SUPPORTED: list.optional(),
  /** Human-readable name of this server in the protected-resource metadata. Default: the package name. */
  AUTH_RESOURCE_NAME: z.string().trim().min(1).optional(),
};

/** Settings of local JWT verification against the identity provider's published signing keys. */
export const jwtVerificationEnv = {
  AUTH_ALGORITHMS: list
    .pipe(
      z
        .array(z.enum(ASYMMETRIC_ALGORITHMS, { error: `expected asymmetric algorithms from ${ASYMMETRIC_ALGORITHMS.join(', ')} (HS* and none are refused)` }))
        .min(1),
    )
    .default(['RS256', 'PS256', 'ES256']),
  /** Least time between two fetches of the signing keys, so tokens with unknown key ids cannot hammer the provider. */
  AUTH_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** How long fetched signing keys are trusted before they are fetched again. */
  AUTH_JWKS_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(600),
  /**
   * Longest time a successful verification of one token is reused for the same token string, never
   * beyond its `exp`; 0 verifies every request in full. A token verified before its signing key was
   * withdrawn stays accepted at most this long after the downloaded keys lose that key.
   */
  AUTH_VERIFIED_TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
};
