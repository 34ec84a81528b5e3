import type { CallerClaimsInput, PresetTestIdp } from './preset-test-idp.js';

/**
 * How tests play this upstream's identity provider: where an OIDC provider is mounted so it stands in
 * for a Scalekit environment, which settings point the server at it, and where a token carries roles
 * and tenant. Token-verifying auth strategies use it with the in-process provider
 * (tests/helpers/oidc-provider.ts); other strategies use only `placeholderEnv`.
 */
const RESOURCE_ID = 'res_test';

export const presetTestIdp = {
  /** Settings naming an identity provider that tests never contact: enough for the configuration to be complete. */
  placeholderEnv: { SCALEKIT_ENVIRONMENT_URL: 'https://acme.scalekit.example.test', SCALEKIT_RESOURCE_ID: RESOURCE_ID },
  /** The environment's issuer is the environment URL itself; the provider stands in for it below this path. */
  mountPath: '/scalekit-env',
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`; it publishes its keys at <issuer>/jwks. */
  serverEnv(issuer) {
    return { SCALEKIT_ENVIRONMENT_URL: issuer, SCALEKIT_RESOURCE_ID: RESOURCE_ID, SCALEKIT_JWKS_URL: `${issuer}/jwks` };
  },
  /**
   * Scalekit names the MCP server's resource ID as the audience of tokens for it. The provider stands
   * for an environment whose only resource is the MCP server under test, which listens on loopback;
   * tokens for any other resource keep that resource as audience.
   */
  tokenAudience: (resource) => (new URL(resource).hostname === '127.0.0.1' ? RESOURCE_ID : resource),
  /** MCP clients are sent to the resource's own authorization server inside the environment. */
  authorizationServer: (issuer) => `${issuer}/resources/${RESOURCE_ID}`,
  /** Clients request this server's scopes by their plain names. */
  requestableScope: (scope) => scope,
  /** Token claims that give the caller `roles` and `tenant` the way Scalekit issues them: `roles`, and the organization ID in `oid`. */
  callerClaims({ roles = [], tenant }: CallerClaimsInput) {
    return { ...(roles.length > 0 && { roles: [...roles] }), ...(tenant !== undefined && { oid: tenant }) };
  },
} satisfies PresetTestIdp;
