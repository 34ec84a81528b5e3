import type { OAuthOnlySignIn } from '../../upstream/types.js';

/** How this server signs users in at the upstream (OAuth 2.0 authorization code flow with PKCE, OpenID Connect). */
export interface UpstreamSignInSettings {
  /**
   * The OpenID Connect issuer; its metadata is discovered at <issuer>/.well-known/openid-configuration.
   * With `oauthOnly`, the authorization server's identifier (RFC 9207 `iss`), never contacted.
   */
  issuer: string;
  /** Fixed endpoints, and the user read from the token response, for an upstream without OpenID Connect. */
  oauthOnly?: OAuthOnlySignIn;
  clientId: string;
  /** Absent for a public client (clientAuthMethod 'none'). */
  clientSecret?: string;
  clientAuthMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** Scopes asked for at sign-in, e.g. openid profile email offline_access. */
  scopes: readonly string[];
  /** This server's callback, registered at the upstream, e.g. https://mcp.example.com/oauth/upstream/callback. */
  redirectUri: string;
  /** Bounds every request to the upstream's discovery, token and userinfo endpoints. */
  timeoutMs: number;
  /**
   * Extra authorization request parameters some upstreams need before they issue a refresh token
   * (Google: access_type=offline, prompt=consent). They cannot replace the parameters of the flow itself.
   */
  authorizationParams?: Readonly<Record<string, string>>;
  /** Name of the upstream in messages and logs ('Salesforce'); 'upstream' when absent. */
  name?: string;
}

/** The upstream's name for messages. */
export function upstreamName(settings: Pick<UpstreamSignInSettings, 'name'>): string {
  return settings.name ?? 'upstream';
}
