import { callerTokenOf } from '../../auth/caller-token.js';
import { upstreamSessionOf } from '../../auth/upstream-session.js';
import { ToolError } from '../../errors.js';
import { tokenCacheKey, type SharedTokenCache } from '../http/shared-token-cache.js';
import { accessTokenFrom, requestToken, type ClientAuthentication } from '../http/token-endpoint.js';
import { cachedTokenSource, type TokenSource } from '../http/token-source.js';
import { LruMap } from './lru-map.js';

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** Callers whose exchanged tokens are kept; beyond that the least recently active caller exchanges again. */
const DEFAULT_MAX_CALLERS = 1000;

export interface TokenExchangeOptions {
  /** Display name of the identity provider in errors. */
  upstream: string;
  tokenUrl: string;
  /** This server's own client, which the identity provider allows to exchange tokens. */
  client: ClientAuthentication;
  /** Who the exchanged token is for: the REST API's client or audience at the identity provider. */
  audience?: string;
  scope?: string;
  refreshBeforeMs: number;
  timeoutMs: number;
  maxCallers?: number;
  now?: () => number;
  /** Where replicas share the exchanged tokens; without it each process exchanges for itself. */
  tokenCache?: SharedTokenCache;
}

/**
 * A token per caller (OAuth 2.0 Token Exchange, RFC 8693): the caller's own access token, as the auth
 * strategy verified it, is exchanged for a token of the REST API, so the API sees (and authorizes) the
 * person or client behind the call rather than this server. The caller's token itself is never sent
 * to the API.
 *
 * Exchanged tokens are cached per caller token (keyed by a SHA-256 over it and the exchange's
 * settings, so no caller token is ever a key) until shortly before they expire, with one exchange at
 * a time per caller: in this process for the most recently active callers, and with `tokenCache` in
 * the store, sealed, where every replica finds them.
 */
export function tokenExchangeTokenSource(options: TokenExchangeOptions): TokenSource {
  const now = options.now ?? Date.now;
  const perCaller = new LruMap<string, TokenSource>(options.maxCallers ?? DEFAULT_MAX_CALLERS);
  const clientId = options.client.method === 'none' ? undefined : options.client.clientId;

  const exchange = (subjectToken: string, key: string): TokenSource =>
    cachedTokenSource(
      async (signal) => {
        const requestedAt = now();
        const response = await requestToken({
          upstream: options.upstream,
          tokenUrl: options.tokenUrl,
          params: {
            grant_type: TOKEN_EXCHANGE_GRANT,
            subject_token: subjectToken,
            subject_token_type: ACCESS_TOKEN_TYPE,
            requested_token_type: ACCESS_TOKEN_TYPE,
            ...(options.audience !== undefined && { audience: options.audience }),
            ...(options.scope !== undefined && { scope: options.scope }),
          },
          client: options.client,
          timeoutMs: options.timeoutMs,
          now,
          ...(signal !== undefined && { signal }),
        });
        return accessTokenFrom(response, requestedAt);
      },
      { refreshBeforeMs: options.refreshBeforeMs, now, ...(options.tokenCache !== undefined && { shared: { cache: options.tokenCache, key } }) },
    );

  return {
    async getAccessToken(context) {
      // The caller's own token at the identity provider: the one they presented, or the one they
      // signed in with through this server (oauth-proxy).
      const subjectToken = callerTokenOf(context.identity) ?? (await upstreamSessionOf(context.identity)?.accessToken(context.signal))?.value;
      if (subjectToken === undefined) throw noCallerToken(options.upstream);
      const key = tokenCacheKey('token-exchange', [options.tokenUrl, clientId, options.audience, options.scope, subjectToken]);
      let source = perCaller.get(key);
      if (source === undefined) {
        source = exchange(subjectToken, key);
        perCaller.set(key, source);
      }
      return source.getAccessToken(context);
    },
    invalidate(token) {
      // Only the source that issued `token` holds it; the others ignore the call.
      for (const source of perCaller.values()) source.invalidate(token);
    },
  };
}

function noCallerToken(upstream: string): ToolError {
  return new ToolError(
    'caller_token_required',
    `The REST API is called with the caller's own ${upstream} identity (token exchange), and this request carries no access token to exchange. ` +
      'Token exchange needs an auth strategy that verifies access tokens (jwt or introspection) or signs users in (oauth-proxy), over HTTP; ' +
      'for stdio, or a server without authentication, set UPSTREAM_API_AUTH=client_credentials.',
  );
}
