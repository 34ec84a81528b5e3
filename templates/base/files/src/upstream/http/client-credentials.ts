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
}

/**
 * This server's own token for the upstream (OAuth client credentials grant, RFC 6749 section 4.4):
 * the same for every caller, cached and refreshed ahead of expiry, one token request at a time.
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
    { refreshBeforeMs: options.refreshBeforeMs, now },
  );
}
