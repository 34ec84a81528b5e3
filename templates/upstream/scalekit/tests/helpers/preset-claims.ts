/**
 * How tests play this upstream's identity provider: where an OIDC provider is mounted so it stands in
 * for a Scalekit environment, which settings point the server at it, and where a token carries roles
 * and tenant. Token-verifying auth strategies use it with the in-process provider
 * (tests/helpers/oidc-provider.ts); other strategies use only `placeholderEnv`.
 */
const RESOURCE_ID = 'res_test';

export const presetTestIdp = {
  /** Settings naming an identity provider that tests never contact: enough for the configuration to be complete. */
  placeholderEnv: { SCALEKIT_ENVIRONMENT_URL: 'https://acme.scalekit.example.test', SCALEKIT_RESOURCE_ID: RESOURCE_ID } as Record<string, string>,
  /** The environment's issuer is the environment URL itself; the provider stands in for it below this path. */
  mountPath: '/scalekit-env',
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`; it publishes its keys at <issuer>/jwks. */
  serverEnv(issuer: string): Record<string, string> {
    return { SCALEKIT_ENVIRONMENT_URL: issuer, SCALEKIT_RESOURCE_ID: RESOURCE_ID, SCALEKIT_JWKS_URL: `${issuer}/jwks` };
  },
  /** Token claims that give the caller `roles` and `tenant` the way Scalekit issues them: `roles`, and the organization ID in `oid`. */
  callerClaims({ roles = [], tenant }: { roles?: readonly string[]; tenant?: string }): Record<string, unknown> {
    return { ...(roles.length > 0 && { roles: [...roles] }), ...(tenant !== undefined && { oid: tenant }) };
  },
};
