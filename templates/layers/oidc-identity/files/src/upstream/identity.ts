import type { Config } from '../config.js';
import { claimAt, stringClaim, stringList, type IdentityProvider, type TokenAuthSettings } from './types.js';

/**
 * Any OpenID Connect provider: discovery at `<issuer>/.well-known/openid-configuration`, roles and
 * tenant from configurable claims, scopes from `scope` (RFC 9068, space-separated) or `scp`.
 */
export function identityProvider(config: Config): IdentityProvider {
  if (config.OIDC_ISSUER === undefined) throw new Error('OIDC_ISSUER is not set');
  const issuer = config.OIDC_ISSUER;
  const rolesClaim = config.OIDC_ROLES_CLAIM;
  const tenantClaim = config.OIDC_TENANT_CLAIM;
  return {
    issuer,
    discoveryUrl: `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    mapClaims(claims) {
      const clientId = stringClaim(claims.client_id) ?? stringClaim(claims.azp);
      const tenant = tenantClaim === undefined ? undefined : stringClaim(claimAt(claims, tenantClaim));
      return {
        subject: stringClaim(claims.sub) ?? '',
        ...(clientId !== undefined && { clientId }),
        ...(tenant !== undefined && { tenant }),
        scopes: claims.scope !== undefined ? stringList(claims.scope) : stringList(claims.scp),
        roles: stringList(claimAt(claims, rolesClaim)),
      };
    },
  };
}

/** What a token-verifying strategy still needs from this preset's settings. */
export function identityProviderProblems(config: Config, _settings: TokenAuthSettings): string[] {
  return config.OIDC_ISSUER === undefined
    ? ['OIDC_ISSUER: required to verify access tokens; set it to the identity provider issuer URL, e.g. https://idp.example.com']
    : [];
}
