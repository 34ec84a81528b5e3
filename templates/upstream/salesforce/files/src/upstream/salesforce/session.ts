import { UpstreamUnknownError } from '../http/errors.js';
import { tokenCacheKey, type SharedTokenCache } from '../http/shared-token-cache.js';
import { accessTokenFrom, type TokenResponse } from '../http/token-endpoint.js';
import { cachedTokenSource, type TokenSource } from '../http/token-source.js';
import { SALESFORCE } from './errors.js';
import { isAcceptableInstanceUrl } from './login-url.js';

export interface SessionOptions {
  /** Origin of the login host the token came from. */
  readonly loginUrl: string;
  /** REST API version every call uses, e.g. 66.0. */
  readonly apiVersion: string;
  readonly refreshBeforeMs: number;
  readonly timeoutMs: number;
  readonly now?: () => number;
  /** Where replicas share the session; without it the session stays in this process. */
  readonly tokenCache?: SharedTokenCache;
}

/** Salesforce's OAuth token endpoint on a login host. */
export function tokenEndpointOf(loginUrl: string): string {
  return `${loginUrl}/services/oauth2/token`;
}

/**
 * This server's Salesforce session, shared by every caller: requested once, then reused until
 * Salesforce refuses it. The token answer names the org's instance (`instance_url`); every API call
 * goes there, below the REST API of the configured version, so no tool input can reach another
 * part of the org's site. Salesforce does not say when a session ends (no `expires_in`); the API
 * answers 401 INVALID_SESSION_ID then, and the client fetches a new one once and retries.
 * `signIn` names who the session is for (the flow, the client, the user), for the shared cache's key.
 */
export function salesforceSession(requestToken: () => Promise<TokenResponse>, options: SessionOptions, signIn: readonly string[]): TokenSource {
  const now = options.now ?? Date.now;
  return cachedTokenSource(
    async () => {
      const requestedAt = now();
      const answer = await requestToken();
      const instanceUrl = answer.instance_url;
      if (typeof instanceUrl !== 'string' || !isAcceptableInstanceUrl(instanceUrl, options.loginUrl)) {
        throw new UpstreamUnknownError(`The ${SALESFORCE} token endpoint did not name a usable https instance_url`, { upstream: SALESFORCE });
      }
      return accessTokenFrom(answer, requestedAt, restApiBaseOf(instanceUrl, options.apiVersion));
    },
    {
      refreshBeforeMs: options.refreshBeforeMs,
      now,
      ...(options.tokenCache !== undefined && {
        // The API version is part of what is stored (the API base URL), so it is part of the key.
        shared: { cache: options.tokenCache, key: tokenCacheKey('salesforce-session', [options.loginUrl, options.apiVersion, ...signIn]) },
      }),
    },
  );
}

/** The REST API of `apiVersion` on an instance: `https://acme.my.salesforce.com/services/data/v66.0`. */
export function restApiBaseOf(instanceUrl: string, apiVersion: string): string {
  return `${new URL(instanceUrl).origin}/services/data/v${apiVersion}`;
}
