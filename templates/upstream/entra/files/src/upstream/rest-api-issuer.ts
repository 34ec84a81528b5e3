import type { Config } from '../config.js';
import { isMultiTenant } from './identity.js';
import type { RestApiTokenIssuer } from './rest-api/token-issuer.js';

/** Entra grants app-only tokens for a whole API: its Application ID URI with the `.default` scope. */
const SCOPE_EXAMPLE = 'api://00000000-0000-0000-0000-000000000000/.default';
/** A user's token is for the API whose delegated scopes the sign-in asks for. */
const DELEGATED_SCOPE_EXAMPLE = 'api://00000000-0000-0000-0000-000000000000/Orders.Read';

/**
 * Entra issues the REST API's app-only tokens (client credentials) at
 * <ENTRA_AUTHORITY_HOST>/<tenant>/oauth2/v2.0/token (UPSTREAM_TOKEN_URL overrides it), for the scope
 * <Application ID URI of the API>/.default, which grants the application permissions an admin consented to.
 * Where users sign in through this server, UPSTREAM_SCOPE is what their sign-in asks for instead (the
 * API's delegated scopes), so their own access token is for the REST API.
 */
export function restApiTokenIssuer(config: Config): RestApiTokenIssuer {
  const scope = config.UPSTREAM_SCOPE;
  return {
    name: 'Microsoft Entra ID',
    tokenUrl: tokenUrlOf(config),
    clientCredentials: scope !== undefined ? { scope } : {},
    missingFor: (mode) => {
      if (mode === 'signed_in_user') {
        // Entra issues a user's access token for one API, the one the sign-in's scopes name.
        return scope === undefined
          ? [`UPSTREAM_SCOPE: required when UPSTREAM_API_AUTH is signed_in_user; the REST API's delegated scopes users sign in with, e.g. ${DELEGATED_SCOPE_EXAMPLE}`]
          : [];
      }
      if (scope === undefined) {
        return [`UPSTREAM_SCOPE: required when UPSTREAM_API_AUTH is client_credentials; the REST API's Application ID URI followed by /.default, e.g. ${SCOPE_EXAMPLE}`];
      }
      if (!scope.split(' ').every((entry) => entry.endsWith('/.default'))) {
        return [`UPSTREAM_SCOPE: Entra issues app-only tokens only for <Application ID URI>/.default, e.g. ${SCOPE_EXAMPLE}`];
      }
      return [];
    },
  };
}

function tokenUrlOf(config: Config): RestApiTokenIssuer['tokenUrl'] {
  const { ENTRA_AUTHORITY_HOST: authority, ENTRA_TENANT_ID: tenantId } = config;
  if (tenantId === undefined) {
    return { missing: "ENTRA_TENANT_ID: required to request the REST API's tokens; the directory (tenant) ID the API belongs to (or set UPSTREAM_TOKEN_URL)" };
  }
  // App-only tokens come from one tenant: `organizations` / `common` name no tenant to issue them.
  if (isMultiTenant(tenantId)) {
    return {
      missing: `UPSTREAM_TOKEN_URL: required while ENTRA_TENANT_ID is ${tenantId}, which names no tenant to issue app-only tokens; set it to ${authority}/<tenant id>/oauth2/v2.0/token of the tenant the REST API belongs to`,
    };
  }
  return { url: `${authority}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token` };
}
