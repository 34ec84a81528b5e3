import { STANDARD_TOKEN_CONVENTIONS, type CallerClaimsInput, type PresetTestIdp } from './preset-test-idp.js';

/**
 * How tests play this upstream's identity provider: where an OIDC provider is mounted so its issuer
 * looks like the preset's, which settings point the server at it, and where a token carries roles
 * and tenant. Token-verifying auth strategies use it with the in-process provider
 * (tests/helpers/oidc-provider.ts); other strategies use only `placeholderEnv`.
 */
export const presetTestIdp = {
  /** Settings naming an identity provider that tests never contact: enough for the configuration to be complete. */
  placeholderEnv: { OIDC_ISSUER: 'https://idp.example.test' },
  /** Path below the provider's origin where its issuer lives. */
  mountPath: '/oidc',
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`. */
  serverEnv(issuer) {
    return { OIDC_ISSUER: issuer, OIDC_ROLES_CLAIM: 'roles', OIDC_TENANT_CLAIM: 'tenant' };
  },
  ...STANDARD_TOKEN_CONVENTIONS,
  /** Token claims that give the caller `roles` and `tenant` the way this preset reads them. */
  callerClaims({ roles = [], tenant }: CallerClaimsInput) {
    return { ...(roles.length > 0 && { roles: [...roles] }), ...(tenant !== undefined && { tenant }) };
  },
} satisfies PresetTestIdp;
