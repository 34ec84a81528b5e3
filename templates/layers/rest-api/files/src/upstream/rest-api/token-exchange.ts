import { createHash } from 'node:crypto';

import { callerTokenOf } from '../../auth/caller-token.js';
import { ToolError } from '../../errors.js';
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
}

/**
 * A token per caller (OAuth 2.0 Token Exchange, RFC 8693): the caller's own access token, as the auth
 * strategy verified it, is exchanged for a token of the REST API, so the API sees (and authorizes) the
 * person or client behind the call rather than this server. The caller's token itself is never sent
 * to the API.
 *
 * Exchanged tokens are cached per caller token (keyed by its SHA-256, so the cache holds no caller
 * token as a key) until shortly before they expire, with one exchange at a time per caller.
 */
export function tokenExchangeTokenSource(options: TokenExchangeOptions): TokenSource {
  const now = options.now ?? Date.now;
  const perCaller = new LruMap<string, TokenSource>(options.maxCallers ?? DEFAULT_MAX_CALLERS);

  const exchange = (subjectToken: string): TokenSource =>
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
      { refreshBeforeMs: options.refreshBeforeMs, now },
    );

  return {
    async getAccessToken(context) {
      const subjectToken = callerTokenOf(context.identity);
      if (subjectToken === undefined) throw noCallerToken(options.upstream);
      const key = createHash('sha256').update(subjectToken).digest('base64url');
      let source = perCaller.get(key);
      if (source === undefined) {
        source = exchange(subjectToken);
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
      'Token exchange needs an auth strategy that verifies access tokens (jwt or introspection) over HTTP; ' +
      'for stdio, or a server without authentication, set UPSTREAM_API_AUTH=client_credentials.',
  );
}
