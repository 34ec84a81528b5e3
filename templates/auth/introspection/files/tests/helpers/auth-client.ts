import type { TestIdentityProvider } from './oidc-provider.js';
import { testClientCredentials } from './oidc-provider.js';
import { ALL_ACCESS_CLIENT, sharedTestProvider, type TestAuth } from './test-auth.js';

export type { TestAuth };

/** The MCP server's own client at the test provider, which introspects callers' tokens. */
export const RESOURCE_SERVER_CLIENT = 'mcp-resource-server';

/** Settings that let the MCP server introspect tokens of `idp` with its own client credentials. */
export function introspectionEnv(idp: TestIdentityProvider): Record<string, string> {
  const { clientId, clientSecret } = testClientCredentials(RESOURCE_SERVER_CLIENT);
  return { ...idp.serverEnv, AUTH_CLIENT_ID: clientId, AUTH_CLIENT_SECRET: clientSecret };
}

/** Callers present an opaque access token, which the server introspects at the in-process provider. */
export async function testAuth(): Promise<TestAuth> {
  const idp = await sharedTestProvider({ accessTokenFormat: 'opaque', introspectors: [RESOURCE_SERVER_CLIENT] });
  const accessToken = (resourceUrl: string) => idp.issueToken(ALL_ACCESS_CLIENT, resourceUrl);
  return {
    env: introspectionEnv(idp),
    headers: async (resourceUrl) => ({ authorization: `Bearer ${await accessToken(resourceUrl)}` }),
    accessToken,
  };
}
