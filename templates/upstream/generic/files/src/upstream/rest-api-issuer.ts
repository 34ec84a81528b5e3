import type { Config } from '../config.js';
import type { RestApiTokenIssuer } from './rest-api/token-issuer.js';

/**
 * Any OAuth server issues the REST API's tokens: nothing says where its token endpoint is, so it must be
 * named (UPSTREAM_TOKEN_URL), and the audience, where it wants one (Auth0 and others), is sent as `audience`.
 */
export function restApiTokenIssuer(config: Config): RestApiTokenIssuer {
  const { UPSTREAM_SCOPE: scope, UPSTREAM_AUDIENCE: audience } = config;
  return {
    name: 'OAuth server',
    tokenUrl: {
      missing: `UPSTREAM_TOKEN_URL: required when UPSTREAM_API_AUTH is ${config.UPSTREAM_API_AUTH}; the OAuth server's token endpoint, e.g. https://idp.example.com/oauth2/token`,
    },
    clientCredentials: { ...(scope !== undefined && { scope }), ...(audience !== undefined && { audience }) },
    missingFor: () => [],
  };
}
