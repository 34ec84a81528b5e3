import type { Config } from '../config.js';
import { MULTI_TENANT_IDS } from './config.js';
import type { RestApiAuthMode } from './rest-api/settings.js';
import { stringClaim, stringList, type IdentityProvider, type TokenAuthSettings, type TokenClaims } from './types.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Issuer of Entra ID v2 access tokens of one tenant: <authority>/<tenant id>/v2.0. */
export function entraIssuer(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/v2.0`;
}

/** True for `organizations` / `common`: tokens come from many tenants, each with its own issuer. */
export function isMultiTenant(tenantId: string): boolean {
  return (MULTI_TENANT_IDS as readonly string[]).includes(tenantId);
}

/** What Entra always fills in of the identity-provider seam. */
export interface EntraIdentityProvider extends IdentityProvider {
  /**
   * The exact `iss` one token must carry. Single tenant: always `issuer`. Multi-tenant: the issuer of
   * the token's own tenant, <authority>/<tid>/v2.0; undefined when `tid` is not a tenant ID. Because
   * `tid` is part of the signed payload, comparing a verified token's `iss` with this value is exact.
   */
  issuerFor(claims: TokenClaims): string | undefined;
  /** Audience of the v2 access tokens Entra issues for this server: its application (client) ID. */
  readonly audience: string;
  /** Application ID URI; a client requests scope `x` of this server as `<applicationIdUri>/x`. */
  readonly applicationIdUri: string;
  requestableScope(scope: string): string;
}

/**
 * Microsoft Entra ID (v2 endpoints). The caller is `oid` (the user's or service principal's object
 * ID, the same in every app of the tenant), falling back to `sub`; the client is `azp` (v2) or
 * `appid` (v1). Delegated permissions arrive in `scp` (space-separated), app roles and application
 * permissions in `roles`, the tenant in `tid`. A token without `scp` is read per RFC 9068 (`scope`).
 *
 * Single tenant: issuer <authority>/<tenant>/v2.0, keys from its discovery document. Multi-tenant
 * (`organizations` / `common`): keys from <authority>/<tenant>/discovery/v2.0/keys, shared by all
 * tenants, and the issuer checked per token through `issuerFor`; users sign in at the endpoints
 * below <authority>/<tenant>, whose discovery document names only an issuer template.
 */
export function identityProvider(config: Config): EntraIdentityProvider {
  const { ENTRA_AUTHORITY_HOST: authority, ENTRA_TENANT_ID: tenantId, ENTRA_CLIENT_ID: clientId } = config;
  if (tenantId === undefined || clientId === undefined) throw new Error('Entra ID settings are incomplete');
  const issuer = entraIssuer(authority, tenantId);
  const multiTenant = isMultiTenant(tenantId);
  const applicationIdUri = config.ENTRA_APP_ID_URI ?? `api://${clientId}`;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    ...(multiTenant && {
      jwksUri: `${authority}/${tenantId}/discovery/v2.0/keys`,
      signInEndpoints: { authorizationEndpoint: `${authority}/${tenantId}/oauth2/v2.0/authorize`, tokenEndpoint: `${authority}/${tenantId}/oauth2/v2.0/token` },
    }),
    audience: clientId,
    applicationIdUri,
    // A user signing in gets an access token for the REST API only when the sign-in names its scopes.
    ...(actsAsSignedInUser(config.UPSTREAM_API_AUTH) && config.UPSTREAM_SCOPE !== undefined && { signInScopes: config.UPSTREAM_SCOPE.split(' ') }),
    // Entra grants a scope only when the request names the API it belongs to; scopes that already
    // name one (configured in AUTH_SCOPES_SUPPORTED as the portal shows them) stay as they are.
    requestableScope: (scope) => (scope.includes('://') ? scope : `${applicationIdUri}/${scope}`),
    issuerFor(claims) {
      if (!multiTenant) return issuer;
      const tid = stringClaim(claims.tid);
      return tid !== undefined && GUID.test(tid) ? entraIssuer(authority, tid) : undefined;
    },
    mapClaims(claims) {
      const caller = stringClaim(claims.azp) ?? stringClaim(claims.appid) ?? stringClaim(claims.client_id);
      const tenant = stringClaim(claims.tid);
      return {
        subject: stringClaim(claims.oid) ?? stringClaim(claims.sub) ?? '',
        ...(caller !== undefined && { clientId: caller }),
        ...(tenant !== undefined && { tenant }),
        scopes: claims.scp !== undefined ? stringList(claims.scp) : stringList(claims.scope),
        roles: stringList(claims.roles),
      };
    },
  };
}

/** Whether the REST API is called with the signed-in user's own token (a mode only projects whose users sign in accept). */
function actsAsSignedInUser(mode: RestApiAuthMode): boolean {
  return mode === 'signed_in_user';
}

/** What a token-verifying strategy (or the sign-in, with oauth-proxy) still needs from this preset's settings. */
export function identityProviderProblems(config: Config, settings: TokenAuthSettings): string[] {
  const problems: string[] = [];
  const signingIn = settings.signsUsersIn === true;
  if (config.ENTRA_TENANT_ID !== undefined && isMultiTenant(config.ENTRA_TENANT_ID) && settings.allowedTenants.length === 0) {
    // organizations / common admit tokens (and sign-ins) from every Entra tenant in the world; serving
    // all of them is never what an enterprise server means, so the tenants must be named.
    problems.push(
      `AUTH_ALLOWED_TENANTS: required when ENTRA_TENANT_ID is ${config.ENTRA_TENANT_ID}; list the directory (tenant) IDs this server serves, separated by commas`,
    );
  }
  if (config.ENTRA_TENANT_ID === undefined) {
    problems.push(
      signingIn
        ? 'ENTRA_TENANT_ID: required to sign users in; the directory (tenant) ID, or organizations for a multi-tenant app'
        : 'ENTRA_TENANT_ID: required to verify access tokens; the directory (tenant) ID, or organizations for a multi-tenant app',
    );
  }
  if (config.ENTRA_CLIENT_ID === undefined) {
    problems.push(
      signingIn
        ? "ENTRA_CLIENT_ID: required to read who signed in; the application (client) ID of this server's app registration (the same as SIGN_IN_CLIENT_ID)"
        : "ENTRA_CLIENT_ID: required to verify access tokens; the application (client) ID of this server's app registration",
    );
  }
  return problems;
}
