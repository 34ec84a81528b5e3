/**
 * Where the authorization server lives on this server's origin. Every path is under /oauth except
 * the metadata, whose well-known locations clients derive from the issuer (RFC 8414, OpenID
 * Connect Discovery).
 */
export const AS_PATHS = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  jwks: '/oauth/jwks',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  /** Consent and sign-in steps of one authorization request: /oauth/interaction/<uid>. */
  interaction: '/oauth/interaction',
  /** Where the upstream sends the user back after signing in. */
  upstreamCallback: '/oauth/upstream/callback',
} as const;

/** The metadata document as the authorization server itself serves it. */
export const OPENID_CONFIGURATION_PATH = '/.well-known/openid-configuration';
/** RFC 8414 authorization server metadata, at the root or with the issuer's path appended. */
export const AUTHORIZATION_SERVER_METADATA_PATH = '/.well-known/oauth-authorization-server';

/** The issuer: this server's public base URL (PUBLIC_URL, or the bound address), without a trailing slash. */
export function issuerOf(resourceUrl: string, mcpPath: string): string {
  return resourceUrl.slice(0, resourceUrl.length - mcpPath.length);
}
