import type { Config } from '../config.js';
import { stringClaim, stringList, type IdentityProvider, type TokenAuthSettings } from './types.js';

/** What Scalekit always fills in of the identity-provider seam. */
export interface ScalekitIdentityProvider extends IdentityProvider {
  /**
   * The authorization server MCP clients should be sent to (RFC 9728 `authorization_servers`): the
   * MCP server's resource in the environment, <environment>/resources/<resource id>. Its metadata is
   * served at <environment>/.well-known/oauth-authorization-server/resources/<resource id>.
   */
  readonly authorizationServer: string;
  /** Audience Scalekit puts in this server's access tokens: its resource ID. */
  readonly audience: string;
}

/**
 * Scalekit MCP auth. Access tokens are signed with the environment's keys (<environment>/keys) and
 * carry the environment URL as `iss`. The caller is `sub`, the client `client_id` (or `azp`), scopes
 * come from `scope` (space-separated, or a list), roles from `roles` when the environment adds them,
 * and the tenant is the caller's Scalekit organization ID (`oid`, org_...).
 */
export function identityProvider(config: Config): ScalekitIdentityProvider {
  const { SCALEKIT_ENVIRONMENT_URL: environment, SCALEKIT_RESOURCE_ID: resourceId } = config;
  if (environment === undefined || resourceId === undefined) throw new Error('Scalekit settings are incomplete');
  return {
    issuer: environment,
    discoveryUrl: `${environment}/.well-known/oauth-authorization-server/resources/${encodeURIComponent(resourceId)}`,
    jwksUri: config.SCALEKIT_JWKS_URL ?? `${environment}/keys`,
    authorizationServer: `${environment}/resources/${encodeURIComponent(resourceId)}`,
    audience: resourceId,
    mapClaims(claims) {
      const caller = stringClaim(claims.client_id) ?? stringClaim(claims.azp);
      const tenant = stringClaim(claims.oid);
      return {
        subject: stringClaim(claims.sub) ?? '',
        ...(caller !== undefined && { clientId: caller }),
        ...(tenant !== undefined && { tenant }),
        scopes: stringList(claims.scope),
        roles: stringList(claims.roles),
      };
    },
  };
}

/** What a token-verifying strategy still needs from this preset's settings. */
export function identityProviderProblems(config: Config, _settings: TokenAuthSettings): string[] {
  const problems: string[] = [];
  if (config.SCALEKIT_ENVIRONMENT_URL === undefined) {
    problems.push('SCALEKIT_ENVIRONMENT_URL: required to verify access tokens; the Scalekit environment URL, e.g. https://acme.scalekit.com');
  }
  if (config.SCALEKIT_RESOURCE_ID === undefined) {
    problems.push('SCALEKIT_RESOURCE_ID: required to verify access tokens; the resource ID of this MCP server in Scalekit, e.g. res_1234567890');
  }
  return problems;
}
