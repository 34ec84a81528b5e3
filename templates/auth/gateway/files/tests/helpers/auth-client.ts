import { ALL_ACCESS_CLIENT, sharedTestProvider, type TestAuth } from './test-auth.js';

export type { TestAuth };

/**
 * The HTTP tests play a gateway in its default jwt mode, forwarding the access token the in-process
 * provider issued to a caller holding every scope and role the registered tools declare. The hmac
 * mode, whose signature changes with every request, is covered in tests/auth/gateway.test.ts.
 */
export async function testAuth(): Promise<TestAuth> {
  const idp = await sharedTestProvider();
  const accessToken = (resourceUrl: string) => idp.issueToken(ALL_ACCESS_CLIENT, resourceUrl);
  return {
    env: { ...idp.serverEnv, GATEWAY_MODE: 'jwt' },
    headers: async (resourceUrl) => ({ authorization: `Bearer ${await accessToken(resourceUrl)}` }),
    accessToken,
  };
}
