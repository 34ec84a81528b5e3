import { signedIdentityHeaders, TEST_GATEWAY_SECRET } from './gateway-signer.js';
import { declaredAccess, type TestAuth } from './test-auth.js';

export type { TestAuth };

/**
 * The HTTP tests play a gateway in hmac mode, vouching for a caller holding every scope and role the
 * registered tools declare (tests/auth/gateway.test.ts covers the jwt mode against a real provider).
 */
export async function testAuth(): Promise<TestAuth> {
  const { scopes, roles } = declaredAccess();
  return {
    env: { GATEWAY_MODE: 'hmac', GATEWAY_HMAC_SECRET: TEST_GATEWAY_SECRET },
    headers: async () => signedIdentityHeaders(TEST_GATEWAY_SECRET, { user: 'all-access', scopes, roles }),
  };
}
