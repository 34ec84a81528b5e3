import { z } from 'zod';

/**
 * Settings of the OpenID Connect provider that issues callers' tokens, for presets whose callers sign
 * in with any OIDC provider. Optional here: only token-verifying auth strategies need them, and those
 * report a missing issuer through `identityProviderProblems`.
 */
export const oidcIdentityEnv = {
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'expected the issuer URL exactly as tokens carry it in "iss", e.g. https://idp.example.com' })
    .optional(),
  /** Claim holding the caller's roles; a dotted path reaches into objects (`realm_access.roles`). */
  OIDC_ROLES_CLAIM: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'expected a claim name or dotted path, e.g. roles').default('roles'),
  /** Claim naming the caller's tenant or organisation; unset means tokens carry no tenant. */
  OIDC_TENANT_CLAIM: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'expected a claim name or dotted path, e.g. tid').optional(),
};
