import { tokenCacheKey, type SharedTokenCache } from './shared-token-cache.js';
import { accessTokenFrom, requestToken, type ClientAuthentication } from './token-endpoint.js';
import { cachedTokenSource, type TokenSource } from './token-source.js';

export interface ClientCredentialsOptions {
  /** Display name of the upstream in errors. */
  upstream: string;
  tokenUrl: string;
  client: ClientAuthentication;
  /** Space-separated scopes to ask for; omitted when the issuer grants a default set. */
  scope?: string;
  /** Audience parameter some issuers require (Auth0 and others, outside RFC 6749). */
  audience?: string;
  /** Resource indicator of the API (RFC 8707). */
  resource?: string;
  refreshBeforeMs: number;
  timeoutMs: number;
  now?: () => number;
  /** Where replicas share the token; without it the token stays in this process. */
  tokenCache?: SharedTokenCache;
  /**
   * Settings that decide the token without being form fields (scopes inside a signed assertion): a
   * change of them is never served the token fetched before it.
   */
  cacheKeyParts?: readonly string[];
}

/**
 * This server's own token for the upstream (OAuth client credentials grant, RFC 6749 section 4.4):
 * the same for every caller, cached and refreshed ahead of expiry, one token request at a time
 * (across replicas, with `tokenCache`).
 */
export function clientCredentialsTokenSource(options: ClientCredentialsOptions): TokenSource {
  const now = options.now ?? Date.now;
  const params: Record<string, string> = {
    grant_type: 'client_credentials',
    ...(options.scope !== undefined && { scope: options.scope }),
    ...(options.audience !== undefined && { audience: options.audience }),
    ...(options.resource !== undefined && { resource: options.resource }),
  };
  return cachedTokenSource(
    async (signal) => {
      const requestedAt = now();
      const response = await requestToken({
        upstream: options.upstream,
        tokenUrl: options.tokenUrl,
        params,
        client: options.client,
        timeoutMs: options.timeoutMs,
        now,
        ...(signal !== undefined && { signal }),
      });
      return accessTokenFrom(response, requestedAt);
    },
    {
      refreshBeforeMs: options.refreshBeforeMs,
      now,
      ...(options.tokenCache !== undefined && { shared: { cache: options.tokenCache, key: clientCredentialsKey(options) } }),
    },
  );
}

/**
 * What decides the token the endpoint issues. The secret is left out: after it is rotated, the token
 * fetched with the old one still serves until it expires.
 */
function clientCredentialsKey(options: ClientCredentialsOptions): string {
  const clientId = options.client.method === 'none' ? undefined : options.client.clientId;
  const { tokenUrl, scope, audience, resource, cacheKeyParts = [] } = options;
  return tokenCacheKey('client-credentials', [tokenUrl, options.client.method, clientId, scope, audience, resource, ...cacheKeyParts]);
}
