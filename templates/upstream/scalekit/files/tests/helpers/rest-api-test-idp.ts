import type { RestApiTestIdp } from './rest-api-token-issuer.js';

/** A Scalekit environment issues API clients' tokens at <environment>/oauth/token. */
export const restApiTestIdp: RestApiTestIdp = {
  tokenPath: '/scalekit-env/oauth/token',
  tokenEnv: (origin) => ({ SCALEKIT_ENVIRONMENT_URL: `${origin}/scalekit-env` }),
  clientAuthMethod: 'client_secret_post',
  clientCredentialsEnv: {},
  supportsTokenExchange: false,
};
