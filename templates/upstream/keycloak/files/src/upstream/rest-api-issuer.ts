import type { Config } from '../config.js';
import { keycloakIssuer } from './identity.js';
import type { RestApiTokenIssuer, TokenGrantMode } from './rest-api/token-issuer.js';

/**
 * The realm issues the REST API's tokens at <KEYCLOAK_URL>/realms/<realm>/protocol/openid-connect/token
 * (UPSTREAM_TOKEN_URL overrides it): this server's own token (client credentials), or a token for the
 * caller, exchanged for the caller's access token (standard token exchange, RFC 8693) with the REST
 * API's client as audience.
 */
export function restApiTokenIssuer(config: Config): RestApiTokenIssuer {
  const { KEYCLOAK_URL: url, KEYCLOAK_REALM: realm, UPSTREAM_SCOPE: scope, UPSTREAM_AUDIENCE: audience } = config;
  const scoped = scope !== undefined ? { scope } : {};
  return {
    name: 'Keycloak',
    tokenUrl: tokenUrlOf(url, realm),
    clientCredentials: scoped,
    tokenExchange: { ...scoped, ...(audience !== undefined && { audience }) },
    missingFor: (mode: TokenGrantMode) =>
      mode === 'token_exchange' && audience === undefined
        ? ['UPSTREAM_AUDIENCE: required when UPSTREAM_API_AUTH is token_exchange; the client ID of the REST API in the realm, which exchanged tokens are for, e.g. orders-api']
        : [],
  };
}

function tokenUrlOf(url: string | undefined, realm: string | undefined): RestApiTokenIssuer['tokenUrl'] {
  if (url === undefined || realm === undefined) {
    return { missing: "KEYCLOAK_URL and KEYCLOAK_REALM: required to request the REST API's tokens from the realm, e.g. https://sso.example.com and acme (or set UPSTREAM_TOKEN_URL)" };
  }
  return { url: `${keycloakIssuer(url, realm)}/protocol/openid-connect/token` };
}
