/**
 * How tests reach the HTTP server as an allowed caller, whatever the auth strategy. Without
 * authentication there is nothing to configure, nothing to send and no access token.
 */
export interface TestAuth {
  /** Settings the strategy needs on a test server. */
  readonly env: Record<string, string>;
  /** Request headers of a caller allowed to use every registered tool, for the MCP endpoint `resourceUrl`. */
  headers(resourceUrl: string): Promise<Record<string, string>>;
  /**
   * An access token of such a caller, for strategies whose callers present one (`Authorization:
   * Bearer`); the server keeps it for token exchange with a downstream API. Absent where callers present none.
   */
  accessToken?(resourceUrl: string): Promise<string>;
}

export async function testAuth(): Promise<TestAuth> {
  return { env: {}, headers: async () => ({}) };
}
