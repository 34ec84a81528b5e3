import type { RestApiTestIdp } from './rest-api-token-issuer.js';

/** The generic preset names its OAuth server's token endpoint outright (UPSTREAM_TOKEN_URL). */
export const restApiTestIdp: RestApiTestIdp = {
  tokenPath: '/oauth2/token',
  tokenEnv: (origin) => ({ UPSTREAM_TOKEN_URL: `${origin}/oauth2/token` }),
  clientAuthMethod: 'client_secret_basic',
  clientCredentialsEnv: {},
  supportsTokenExchange: false,
};
