import type { RestApiTestIdp } from './rest-api-token-issuer.js';

const REALM = 'test-realm';

/** Keycloak issues the REST API's tokens at the realm's token endpoint, derived from KEYCLOAK_URL and KEYCLOAK_REALM. */
export const restApiTestIdp: RestApiTestIdp = {
  tokenPath: `/realms/${REALM}/protocol/openid-connect/token`,
  tokenEnv: (origin) => ({ KEYCLOAK_URL: origin, KEYCLOAK_REALM: REALM }),
  clientAuthMethod: 'client_secret_basic',
  clientCredentialsEnv: {},
  supportsTokenExchange: true,
};
