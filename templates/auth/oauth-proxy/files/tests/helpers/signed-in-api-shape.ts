import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import type { Response } from 'express';

/**
 * How the sign-in tests reach the upstream preset's API as the signed-in user (each preset's
 * tests/helpers/signed-in-api.ts provides one): the test upstream plays that API, and answers each
 * item with the user whose token read it.
 */
export interface SignedInApi {
  /** Settings that send the preset's tools to the test upstream, as the signed-in user. */
  serverEnv(upstream: { origin: string; restApiUrl: string }): Record<string, string>;
  /** Where the test upstream serves an item, as an Express route with :collection and :id. */
  readonly itemRoute: string;
  /** Fields the upstream adds to each token response (Salesforce's `instance_url`), given its origin. */
  tokenResponseFields(origin: string): Record<string, string>;
  /**
   * Where the upstream is an OAuth 2.0 server without OpenID Connect (NetSuite): the paths of its
   * fixed endpoints, which the test upstream then serves, and the scopes it grants. Like that upstream, it names the user in a
   * JWT access token and leaves `iss` out of its authorization responses.
   */
  readonly oauthOnly?: { readonly authorizationPath: string; readonly tokenPath: string; readonly scopes: readonly string[] };
  /** The ID of the n-th test item, as the preset's tool accepts it. */
  itemId(n: number): string;
  /** Reads an item through the preset's tool. */
  readItem(client: Client, id: string): Promise<CallToolResult>;
  /** The item a successful read returned, as the test upstream answered it ({ id, collection, readAs }). */
  itemOf(result: CallToolResult): Record<string, unknown> | undefined;
  /** Answers an API request whose token the upstream does not accept, as the real API does. */
  refuse(res: Response): void;
}
