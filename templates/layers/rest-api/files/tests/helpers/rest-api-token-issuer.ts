/**
 * How a preset's identity provider issues the REST API's tokens, as tests/helpers/fake-rest-api.ts
 * plays it. tests/helpers/rest-api-test-idp.ts renders one from the preset's unit.
 */
export interface RestApiTestIdp {
  /** Path of the token endpoint below the fake's origin. */
  readonly tokenPath: string;
  /** Settings with which the preset requests its tokens there (Entra: also the scope). */
  tokenEnv(origin: string): Record<string, string>;
  /** How the preset presents its client secret unless told otherwise. */
  readonly clientAuthMethod: 'client_secret_basic' | 'client_secret_post';
  readonly supportsTokenExchange: boolean;
}
