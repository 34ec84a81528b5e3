import { STANDARD_TOKEN_CONVENTIONS, type CallerClaimsInput, type PresetTestIdp } from './preset-test-idp.js';

/**
 * How tests play this upstream's identity provider: where an OIDC provider is mounted so its issuer
 * looks like a Keycloak realm, which settings point the server at it, and where a token carries roles
 * and tenant. Token-verifying auth strategies use it with the in-process provider
 * (tests/helpers/oidc-provider.ts); other strategies use only `placeholderEnv`.
 */
const REALM = 'test-realm';
const CLIENT_ID = 'mcp-server';

export const presetTestIdp = {
  /** Settings naming an identity provider that tests never contact: enough for the configuration to be complete. */
  placeholderEnv: { KEYCLOAK_URL: 'https://sso.example.test', KEYCLOAK_REALM: REALM, KEYCLOAK_CLIENT_ID: CLIENT_ID },
  /** Keycloak issuers are <base>/realms/<realm>. */
  mountPath: `/realms/${REALM}`,
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`. */
  serverEnv(issuer) {
    return { KEYCLOAK_URL: issuer.slice(0, -`/realms/${REALM}`.length), KEYCLOAK_REALM: REALM, KEYCLOAK_CLIENT_ID: CLIENT_ID };
  },
  ...STANDARD_TOKEN_CONVENTIONS,
  /**
   * Token claims that give the caller `roles` and `tenant` the way Keycloak issues them: the first role
   * as a realm role, the others as client roles of this server's client, the tenant as an organisation.
   */
  callerClaims({ roles = [], tenant }: CallerClaimsInput) {
    const [realmRole, ...clientRoles] = roles;
    return {
      ...(realmRole !== undefined && { realm_access: { roles: [realmRole] } }),
      ...(clientRoles.length > 0 && { resource_access: { [CLIENT_ID]: { roles: clientRoles } } }),
      ...(tenant !== undefined && { organization: [tenant] }),
    };
  },
} satisfies PresetTestIdp;
