import type { Config } from '../config.js';
import type { RestApiTokenIssuer } from './rest-api/token-issuer.js';

/**
 * The Scalekit environment issues the REST API's tokens to an API client (client credentials) at
 * <SCALEKIT_ENVIRONMENT_URL>/oauth/token (UPSTREAM_TOKEN_URL overrides it). The client's scopes and
 * audience are configured on the API client in Scalekit; UPSTREAM_SCOPE narrows the scopes requested.
 */
export function restApiTokenIssuer(config: Config): RestApiTokenIssuer {
  const { SCALEKIT_ENVIRONMENT_URL: environment, UPSTREAM_SCOPE: scope } = config;
  return {
    name: 'Scalekit',
    tokenUrl:
      environment !== undefined
        ? { url: `${environment}/oauth/token` }
        : { missing: "SCALEKIT_ENVIRONMENT_URL: required to request the REST API's tokens; the Scalekit environment URL, e.g. https://acme.scalekit.com (or set UPSTREAM_TOKEN_URL)" },
    clientCredentials: scope !== undefined ? { scope } : {},
    missingFor: () => [],
  };
}
