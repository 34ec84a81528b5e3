import { tools } from '../../src/tools/index.js';
import { TestIdentityProvider, type TestIdentityProviderOptions } from './oidc-provider.js';

/** How tests reach the HTTP server as an allowed caller, whatever the auth strategy. */
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

/** A client of the test provider holding every scope and role the registered tools declare. */
export const ALL_ACCESS_CLIENT = 'all-access';

/** Every scope and every role the registered tools declare. */
export function declaredAccess(): { scopes: string[]; roles: string[] } {
  return {
    scopes: [...new Set(tools.flatMap((tool) => tool.scopes ?? []))],
    roles: [...new Set(tools.flatMap((tool) => tool.roles ?? []))],
  };
}

let shared: Promise<TestIdentityProvider> | undefined;

/**
 * One in-process identity provider per test file, started on first use, with the all-access client.
 * Its socket does not keep the test worker alive; the worker's exit closes it. `options` shape the
 * tokens (e.g. opaque) and must be the same on every call within a file.
 */
export function sharedTestProvider(options: Omit<TestIdentityProviderOptions, 'scopes' | 'clients'> = {}): Promise<TestIdentityProvider> {
  return (shared ??= (async () => {
    const { scopes, roles } = declaredAccess();
    const idp = await TestIdentityProvider.start({ ...options, scopes, clients: [{ clientId: ALL_ACCESS_CLIENT, scopes, roles }] });
    idp.unref();
    return idp;
  })());
}
