import type { RestApiTestIdp } from './rest-api-token-issuer.js';

const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Entra issues app-only tokens at <authority>/<tenant>/oauth2/v2.0/token, for <Application ID URI>/.default. */
export const restApiTestIdp: RestApiTestIdp = {
  tokenPath: `/${TENANT_ID}/oauth2/v2.0/token`,
  tokenEnv: (origin) => ({ ENTRA_AUTHORITY_HOST: origin, ENTRA_TENANT_ID: TENANT_ID }),
  clientAuthMethod: 'client_secret_post',
  clientCredentialsEnv: { UPSTREAM_SCOPE: 'api://orders-api/.default' },
  supportsTokenExchange: false,
};
