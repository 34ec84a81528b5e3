import { tools } from '../../src/tools/index.js';
import { TestIdentityProvider } from './oidc-provider.js';

/** How tests reach the HTTP server as an allowed caller, whatever the auth strategy. */
export interface TestAuth {
  /** Settings the strategy needs on a test server. */
  readonly env: Record<string, string>;
  /** Request headers of a caller allowed to use every registered tool, for the MCP endpoint `resourceUrl`. */
  headers(resourceUrl: string): Promise<Record<string, string>>;
}

/** A client of the test provider holding every scope and role the registered tools declare. */
export const ALL_ACCESS_CLIENT = 'all-access';

let shared: Promise<TestIdentityProvider> | undefined;

/**
 * One in-process identity provider per test file, started on first use. Its socket does not keep
 * the test worker alive; the worker's exit closes it.
 */
function sharedProvider(): Promise<TestIdentityProvider> {
  return (shared ??= (async () => {
    const scopes = [...new Set(tools.flatMap((tool) => tool.scopes ?? []))];
    const roles = [...new Set(tools.flatMap((tool) => tool.roles ?? []))];
    const idp = await TestIdentityProvider.start({ scopes, clients: [{ clientId: ALL_ACCESS_CLIENT, scopes, roles }] });
    idp.unref();
    return idp;
  })());
}

export async function testAuth(): Promise<TestAuth> {
  const idp = await sharedProvider();
  return {
    env: idp.serverEnv,
    headers: async (resourceUrl) => ({ authorization: `Bearer ${await idp.issueToken(ALL_ACCESS_CLIENT, resourceUrl)}` }),
  };
}
