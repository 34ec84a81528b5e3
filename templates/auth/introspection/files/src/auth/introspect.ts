import { createHash } from 'node:crypto';

import type { Logger } from '../logger.js';
import { SealedValueError } from '../storage/sealed-store.js';
import { namespacedStore, type JsonValue, type Store } from '../storage/store.js';
import type { IdentityProvider, TokenClaims } from '../upstream/types.js';
import { fetchProviderMetadata, metadataUrl } from './discovery.js';
import { VerifierUnavailable } from './token-errors.js';

export interface IntrospectionOptions {
  clientId: string;
  clientSecret: string;
  /** The endpoint, when configured; otherwise read from the discovery document. */
  endpoint?: string | undefined;
  /** Longest reuse of one result, in seconds; 0 disables the cache. */
  cacheSeconds: number;
  timeoutMs: number;
  store: Store;
  logger: Logger;
}

/** An RFC 7662 introspection response: `active` plus, for active tokens, the token's claims. */
export type IntrospectionResult = TokenClaims & { readonly active: boolean };

export interface Introspector {
  /** The provider's answer for `token`, from the cache when a previous answer is still fresh. */
  introspect(token: string): Promise<IntrospectionResult>;
  /** True once the introspection endpoint is known; each call while not ready retries discovery. */
  ready(): Promise<boolean>;
}

/**
 * Asks the identity provider about opaque tokens (RFC 7662) with this server's client credentials
 * (client_secret_basic). Answers are kept in the given Store (the server passes its sealed view)
 * under the SHA-256 of the token (the token itself is never stored), until the token expires or `cacheSeconds` pass, whichever is first,
 * so replicas sharing a backend share the cache. The store's own size bound limits the cache.
 */
export function createIntrospector(idp: IdentityProvider, options: IntrospectionOptions): Introspector {
  const cache = namespacedStore(options.store, 'introspection');
  const authorization = basicAuthorization(options.clientId, options.clientSecret);
  let endpoint: Promise<string> | undefined;

  const resolveEndpoint = (): Promise<string> =>
    (endpoint ??= (async () => {
      const url = options.endpoint ?? metadataUrl(await fetchProviderMetadata(idp, options.timeoutMs), 'introspection_endpoint');
      options.logger.info({ issuer: idp.issuer, introspectionEndpoint: url }, 'identity provider introspection endpoint found');
      return url;
    })().catch((error: unknown) => {
      // Forget the failure so the next readiness probe or request tries again.
      endpoint = undefined;
      options.logger.warn({ err: error, issuer: idp.issuer }, 'cannot find the identity provider introspection endpoint');
      throw new VerifierUnavailable('The identity provider introspection endpoint is unknown', { cause: error });
    }));

  resolveEndpoint().catch(() => undefined);

  async function ask(token: string): Promise<IntrospectionResult> {
    const url = await resolveEndpoint();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new VerifierUnavailable('The identity provider introspection endpoint cannot be reached', { cause: error });
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      // The provider refused this server, not the caller: wrong client credentials or no introspection right.
      options.logger.error({ status: response.status }, 'the identity provider refused to introspect for this server; check AUTH_CLIENT_ID and AUTH_CLIENT_SECRET');
      throw new VerifierUnavailable(`The introspection endpoint refused this server's credentials (HTTP ${response.status})`);
    }
    if (!response.ok) throw new VerifierUnavailable(`The introspection endpoint answered HTTP ${response.status}`);
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.active !== 'boolean') {
      throw new VerifierUnavailable('The introspection endpoint answered without a boolean "active"');
    }
    return body as IntrospectionResult;
  }

  /** Seconds an answer may be reused: up to the token's expiry, at most `cacheSeconds`. */
  function freshFor(result: IntrospectionResult): number {
    if (!result.active || typeof result.exp !== 'number') return options.cacheSeconds;
    return Math.min(options.cacheSeconds, result.exp - Math.floor(Date.now() / 1000));
  }

  return {
    async introspect(token) {
      if (options.cacheSeconds === 0) return ask(token);
      const key = createHash('sha256').update(token).digest('base64url');
      try {
        const cached = await cache.get<JsonValue>(key);
        if (typeof cached === 'object' && cached !== null && !Array.isArray(cached) && typeof cached.active === 'boolean') {
          return cached as IntrospectionResult;
        }
      } catch (error) {
        // Sealed under a key this process does not hold (another replica's made-up key, a retired key):
        // an answer like any missing one, replaced below.
        if (error instanceof SealedValueError) options.logger.debug({ reason: error.message }, 'a cached introspection answer cannot be opened; asking again');
        else options.logger.warn({ err: error }, 'introspection cache unavailable; asking the identity provider');
      }
      const result = await ask(token);
      const ttlSeconds = freshFor(result);
      if (ttlSeconds > 0) {
        await cache.set(key, result as unknown as JsonValue, { ttlSeconds }).catch((error: unknown) => {
          options.logger.warn({ err: error }, 'cannot cache an introspection result');
        });
      }
      return result;
    },
    ready: () => resolveEndpoint().then(
      () => true,
      () => false,
    ),
  };
}

/** HTTP Basic credentials of an OAuth client (RFC 6749 section 2.3.1: both parts form-encoded first). */
function basicAuthorization(clientId: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}
