import type { SignInEndpoints, TokenClaims } from '../../upstream/types.js';

/** How this server signs users in at the upstream (OAuth 2.0 authorization code flow with PKCE, OpenID Connect). */
export interface UpstreamSignInSettings {
  /**
   * The OpenID Connect issuer; its metadata is discovered at <issuer>/.well-known/openid-configuration.
   * With fixed `endpoints`, the authorization server's identifier (RFC 9207 `iss`), never contacted.
   */
  issuer: string;
  /** The upstream's endpoints where its metadata cannot be discovered (IdentityProvider.signInEndpoints). */
  endpoints?: SignInEndpoints;
  /** Who signed in, at an upstream without OpenID Connect (IdentityProvider.signedInUserClaims). */
  userClaims?(response: { readonly access_token: string }): TokenClaims | undefined;
  /**
   * Where users of many tenants sign in at shared `endpoints`, each tenant with an issuer of its own
   * (Entra multi-tenant): the issuer one ID token must name (IdentityProvider.issuerFor), undefined
   * refusing it; an authorization response's `iss` must be that same issuer. Absent: `issuer`.
   */
  idTokenIssuer?(claims: TokenClaims): string | undefined;
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
