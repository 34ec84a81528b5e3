import type { UpstreamSignIn } from '../../../src/auth/upstream-sign-in/sign-in.js';
import type { UpstreamSignInSettings } from '../../../src/auth/upstream-sign-in/settings.js';
import type { UpstreamTokenSet } from '../../../src/auth/upstream-sign-in/token-set.js';
import type { TestUpstream } from '../../helpers/upstream-provider.js';

/** This server's upstream callback: never visited, the user agent stops there. */
export const CALLBACK = 'https://mcp.example.com/oauth/upstream/callback';

export function signInSettings(upstream: TestUpstream, overrides: Partial<UpstreamSignInSettings> = {}): UpstreamSignInSettings {
  return {
    issuer: upstream.issuer,
    ...upstream.client,
    clientAuthMethod: 'client_secret_basic',
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    redirectUri: CALLBACK,
    timeoutMs: 2_000,
    name: 'Test Upstream',
    ...overrides,
  };
}

/** Signs `username` in at the upstream through `signIn`, for interaction `interactionUid`. */
export async function signInAs(upstream: TestUpstream, signIn: UpstreamSignIn, username: string, interactionUid = 'interaction-1'): Promise<UpstreamTokenSet> {
  const callback = await upstream.authorize(await signIn.begin(interactionUid), username);
  return (await signIn.complete(callback, interactionUid)).tokens;
}
