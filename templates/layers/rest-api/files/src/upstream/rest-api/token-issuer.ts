/** The two modes in which this server asks an identity provider for the REST API's tokens. */
/** How the REST API's tokens come from the identity provider: to this server, exchanged, or to the user at sign-in. */
export type TokenGrantMode = 'client_credentials' | 'token_exchange' | 'signed_in_user';

/** Extra parameters of a token request, where the identity provider takes them. */
export interface TokenRequestParams {
  readonly scope?: string;
  readonly audience?: string;
  readonly resource?: string;
}

/**
 * How a preset's identity provider issues this server's tokens for the REST API (each preset's
 * src/upstream/rest-api-issuer.ts describes its own, from its settings).
 */
export interface RestApiTokenIssuer {
  /** Display name in errors: 'Keycloak'. */
  readonly name: string;
  /**
   * The token endpoint as the identity provider's settings give it, or what is missing to know it.
   * UPSTREAM_TOKEN_URL, when set, is used instead.
   */
  readonly tokenUrl: { readonly url: string } | { readonly missing: string };
  readonly clientCredentials: TokenRequestParams;
  /** RFC 8693 token exchange parameters; absent where the identity provider does not exchange tokens. */
  readonly tokenExchange?: TokenRequestParams;
  /** Settings the identity provider needs for `mode` beyond the client ID, secret and token endpoint (Entra: a scope, also at sign-in). */
  missingFor(mode: TokenGrantMode): string[];
}
