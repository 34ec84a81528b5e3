import { clientCredentialsTokenSource } from '../http/client-credentials.js';
import type { UpstreamHttpPolicy } from '../http/settings.js';
import type { SharedTokenCache } from '../http/shared-token-cache.js';
import type { TokenSource } from '../http/token-source.js';
import { signClientAssertion } from './client-assertion.js';
import { NETSUITE } from './error-body.js';
import type { NetSuiteClientCredentials } from './settings.js';

/**
 * This server's NetSuite access token: the client credentials grant with a signed client assertion
 * (the scopes travel inside the assertion, not as a form field). One token serves every caller; it
 * lives an hour and is replaced ahead of expiry, or at once when NetSuite refuses it; replicas share
 * it through `tokenCache`.
 */
export function netSuiteTokenSource(settings: NetSuiteClientCredentials, policy: UpstreamHttpPolicy, now: () => number, tokenCache: SharedTokenCache): TokenSource {
  return clientCredentialsTokenSource({
    upstream: NETSUITE,
    tokenUrl: settings.tokenUrl,
    client: { method: 'private_key_jwt', clientId: settings.clientId, assertion: () => signClientAssertion(settings, now()) },
    refreshBeforeMs: policy.refreshBeforeMs,
    timeoutMs: policy.timeoutMs,
    now,
    tokenCache,
    // The scopes and the certificate travel inside the assertion; a change of either needs a new token.
    cacheKeyParts: [settings.certificateId, ...settings.scopes],
  });
}
