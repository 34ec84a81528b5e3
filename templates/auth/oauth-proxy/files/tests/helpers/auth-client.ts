import { exportJWK, generateKeyPair, SignJWT } from 'jose';

import { ALL_ACCESS_CLIENT, declaredAccess, type TestAuth } from './test-auth.js';

export type { TestAuth };

/** The user the tests' tokens are issued to, and their grant. */
export const TEST_USER = { subject: 'test-user', clientId: ALL_ACCESS_CLIENT, grantId: 'test-grant' } as const;

interface TestSigningKey {
  env: Record<string, string>;
  sign(claims: Record<string, unknown>): Promise<string>;
}

let signingKey: Promise<TestSigningKey> | undefined;

/** One signing key per test file, configured as the server's AUTH_SIGNING_KEYS. */
function testSigningKey(): Promise<TestSigningKey> {
  return (signingKey ??= (async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    return {
      env: { AUTH_SIGNING_KEYS: JSON.stringify({ keys: [jwk] }) },
      sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'test-key', typ: 'at+jwt' }).sign(privateKey),
    };
  })());
}

/**
 * Callers present an access token of the server's own, as its authorization server would issue it to
 * a user holding every declared scope and role. Tests of the sign-in itself (tests/auth/oauth-proxy*)
 * obtain theirs through the real flow instead. No `accessToken`: the server's own token is never
 * handed on (a token exchange uses the user's upstream token).
 */
export async function testAuth(): Promise<TestAuth> {
  const key = await testSigningKey();
  const accessToken = async (resourceUrl: string) => {
    const { scopes, roles } = declaredAccess();
    const now = Math.floor(Date.now() / 1000);
    return key.sign({
      iss: resourceUrl.slice(0, -'/mcp'.length),
      aud: resourceUrl,
      sub: TEST_USER.subject,
      client_id: TEST_USER.clientId,
      grant_id: TEST_USER.grantId,
      scope: scopes.join(' '),
      roles,
      iat: now,
      exp: now + 300,
      jti: crypto.randomUUID(),
    });
  };
  return {
    env: key.env,
    headers: async (resourceUrl) => ({ authorization: `Bearer ${await accessToken(resourceUrl)}` }),
  };
}
