import type { CallerClaimsInput, PresetTestIdp } from './preset-test-idp.js';

/**
 * How tests play this upstream's identity provider: where an OIDC provider is mounted so its issuer
 * looks like an Entra ID v2 tenant, which settings point the server at it, and where a token carries
 * roles and tenant. Token-verifying auth strategies use it with the in-process provider
 * (tests/helpers/oidc-provider.ts); other strategies use only `placeholderEnv`.
 */
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const APP_ID_URI = `api://${CLIENT_ID}`;

export const presetTestIdp = {
  /** Settings naming an identity provider that tests never contact: enough for the configuration to be complete. */
  placeholderEnv: { ENTRA_AUTHORITY_HOST: 'https://login.example.test', ENTRA_TENANT_ID: TENANT_ID, ENTRA_CLIENT_ID: CLIENT_ID },
  /** Entra v2 issuers are <authority>/<tenant id>/v2.0. */
  mountPath: `/${TENANT_ID}/v2.0`,
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`. */
  serverEnv(issuer) {
    return { ENTRA_AUTHORITY_HOST: issuer.slice(0, -`/${TENANT_ID}/v2.0`.length), ENTRA_TENANT_ID: TENANT_ID, ENTRA_CLIENT_ID: CLIENT_ID };
  },
  /**
   * Entra names this server's app registration (its client ID) as the audience of tokens for it. The
   * provider stands for a tenant whose only API is the MCP server under test, which listens on
   * loopback; tokens for any other resource keep that resource as audience.
   */
  tokenAudience: (resource) => (new URL(resource).hostname === '127.0.0.1' ? CLIENT_ID : resource),
  /** MCP clients obtain tokens from the issuer itself. */
  authorizationServer: (issuer) => issuer,
  /** Clients request this server's scopes prefixed with its Application ID URI, as Entra requires. */
  requestableScope: (scope) => `${APP_ID_URI}/${scope}`,
  /**
   * Token claims that give the caller `roles`, `tenant` and scopes the way Entra issues them: app
   * roles in `roles`, the tenant in `tid`, granted scopes without their API prefix in `scp`.
   */
  callerClaims({ roles = [], tenant, grantedScopes = [] }: CallerClaimsInput) {
    const scp = grantedScopes.map((scope) => scope.slice(scope.lastIndexOf('/') + 1)).join(' ');
    return { ...(roles.length > 0 && { roles: [...roles] }), ...(tenant !== undefined && { tid: tenant }), ...(scp !== '' && { scp }) };
  },
} satisfies PresetTestIdp;
