import { ALL_ACCESS_CLIENT, sharedTestProvider, type TestAuth } from './test-auth.js';

export type { TestAuth };

/** Callers present a JWT access token the in-process provider issued for the server. */
export async function testAuth(): Promise<TestAuth> {
  const idp = await sharedTestProvider();
  const accessToken = (resourceUrl: string) => idp.issueToken(ALL_ACCESS_CLIENT, resourceUrl);
  return {
    env: idp.serverEnv,
    headers: async (resourceUrl) => ({ authorization: `Bearer ${await accessToken(resourceUrl)}` }),
    accessToken,
  };
}
