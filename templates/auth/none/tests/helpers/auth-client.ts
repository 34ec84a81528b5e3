/**
 * How tests reach the HTTP server as an allowed caller, whatever the auth strategy. Without
 * authentication there is nothing to configure and nothing to send.
 */
export interface TestAuth {
  /** Settings the strategy needs on a test server. */
  readonly env: Record<string, string>;
  /** Request headers of a caller allowed to use every registered tool, for the MCP endpoint `resourceUrl`. */
  headers(resourceUrl: string): Promise<Record<string, string>>;
}

export async function testAuth(): Promise<TestAuth> {
  return { env: {}, headers: async () => ({}) };
}
