import type { Config } from '../config.js';
import { claimAt, stringClaim, stringList, type IdentityProvider, type TokenAuthSettings, type TokenClaims } from './types.js';

/** Issuer of a Keycloak realm: every token of the realm carries it in `iss`. */
export function keycloakIssuer(baseUrl: string, realm: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}`;
}

/**
 * Keycloak: one realm is one issuer. Roles are the realm roles (`realm_access.roles`) plus this
 * server's client roles (`resource_access.<KEYCLOAK_CLIENT_ID>.roles`); scopes come from `scope`.
 * The tenant is the caller's organisation (Keycloak Organizations, `organization` claim) when the
 * token names exactly one.
 */
export function identityProvider(config: Config): IdentityProvider {
  const { KEYCLOAK_URL: url, KEYCLOAK_REALM: realm, KEYCLOAK_CLIENT_ID: clientId } = config;
  if (url === undefined || realm === undefined || clientId === undefined) throw new Error('Keycloak settings are incomplete');
  const issuer = keycloakIssuer(url, realm);
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    mapClaims(claims) {
      const caller = stringClaim(claims.client_id) ?? stringClaim(claims.azp);
      const tenant = organization(claims);
      const roles = new Set([...stringList(claimAt(claims, 'realm_access.roles')), ...clientRoles(claims, clientId)]);
      return {
        subject: stringClaim(claims.sub) ?? '',
        ...(caller !== undefined && { clientId: caller }),
        ...(tenant !== undefined && { tenant }),
        scopes: stringList(claims.scope),
        roles: [...roles],
      };
    },
  };
}

/** `resource_access` is keyed by client id, which may contain dots: no dotted-path lookup here. */
function clientRoles(claims: TokenClaims, clientId: string): string[] {
  const access = claims.resource_access;
  if (typeof access !== 'object' || access === null) return [];
  const entry = (access as Record<string, unknown>)[clientId];
  return typeof entry === 'object' && entry !== null ? stringList((entry as Record<string, unknown>).roles) : [];
}

/** The `organization` claim is a list of aliases, or an object keyed by alias when attributes are included. */
function organization(claims: TokenClaims): string | undefined {
  const value = claims.organization;
  const aliases = Array.isArray(value) ? stringList(value) : typeof value === 'object' && value !== null ? Object.keys(value) : [];
  return aliases.length === 1 ? aliases[0] : undefined;
}

/** What a token-verifying strategy still needs from this preset's settings. */
export function identityProviderProblems(config: Config, _settings: TokenAuthSettings): string[] {
  const problems: string[] = [];
  if (config.KEYCLOAK_URL === undefined) problems.push('KEYCLOAK_URL: required to verify access tokens; the Keycloak base URL, e.g. https://sso.example.com');
  if (config.KEYCLOAK_REALM === undefined) problems.push('KEYCLOAK_REALM: required to verify access tokens; the realm that issues them, e.g. acme');
  if (config.KEYCLOAK_CLIENT_ID === undefined) problems.push("KEYCLOAK_CLIENT_ID: required to verify access tokens; this server's client id in the realm, e.g. mcp-server");
  return problems;
}
