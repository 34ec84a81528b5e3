/**
 * How a preset's identity provider issues the REST API's tokens, as tests/helpers/fake-rest-api.ts
 * plays it. Each REST API preset's tests/helpers/rest-api-test-idp.ts provides one.
 */
export interface RestApiTestIdp {
  /** Path of the token endpoint below the fake's origin. */
  readonly tokenPath: string;
  /** Settings from which the preset finds that token endpoint. */
  tokenEnv(origin: string): Record<string, string>;
  /** How the preset presents its client secret unless told otherwise. */
  readonly clientAuthMethod: 'client_secret_basic' | 'client_secret_post';
  /** Further settings the preset needs for client credentials (Entra: the scope). */
  readonly clientCredentialsEnv: Record<string, string>;
  readonly supportsTokenExchange: boolean;
}
