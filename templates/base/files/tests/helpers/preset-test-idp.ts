/** Who a test token speaks for: its roles, tenant and the scopes the provider granted. */
export interface CallerClaimsInput {
  roles?: readonly string[];
  tenant?: string;
  grantedScopes?: readonly string[];
}

/**
 * How tests play an upstream preset's identity provider (each preset's tests/helpers/preset-claims.ts
 * provides one): enough to configure the server, and, for token-verifying strategies, to make an
 * in-process OpenID provider issue tokens shaped like the real provider's.
 */
export interface PresetTestIdp {
  /** Settings naming an identity provider that tests never contact: enough for the configuration to be complete. */
  readonly placeholderEnv: Record<string, string>;
  /** Path below the test provider's origin where its issuer lives. */
  readonly mountPath: string;
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`. */
  serverEnv(issuer: string): Record<string, string>;
  /** The audience the real provider puts in tokens requested for `resource`. */
  tokenAudience(resource: string): string;
  /** Where MCP clients are sent to obtain tokens, given the issuer. */
  authorizationServer(issuer: string): string;
  /** How a client asks the provider for one of this server's scopes. */
  requestableScope(scope: string): string;
  /** Token claims that carry the caller's roles, tenant and granted scopes where the preset reads them. */
  callerClaims(caller: CallerClaimsInput): Record<string, unknown>;
}

/**
 * What most identity providers do: a token requested for a resource names that resource as its
 * audience (RFC 8707), MCP clients obtain tokens from the issuer itself, and they ask for this
 * server's scopes by their plain names.
 */
export const STANDARD_TOKEN_CONVENTIONS = {
  tokenAudience: (resource: string) => resource,
  authorizationServer: (issuer: string) => issuer,
  requestableScope: (scope: string) => scope,
} as const satisfies Pick<PresetTestIdp, 'tokenAudience' | 'authorizationServer' | 'requestableScope'>;
