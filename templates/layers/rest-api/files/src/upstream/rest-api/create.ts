import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import { upstreamHttpPolicy } from '../http/settings.js';
import { sharedTokenCache } from '../http/shared-token-cache.js';
import { createUpstreamClient, type UpstreamClientOptions } from '../http/upstream-client.js';
import { restApiCredentials } from './credentials.js';
import { notConfiguredRestApi } from './not-configured.js';
import { parseRestApiError } from './problem-details.js';
import { resolveRestApiSettings, type RestApiSettings } from './resolve-settings.js';
import { createRestApi, type RestApi } from './rest-api.js';
import type { RestApiConfig } from './settings.js';
import type { RestApiTokenIssuer } from './token-issuer.js';

/** Display name of the REST API in errors and logs. */
export const REST_API_NAME = 'REST API';

type HttpPolicyConfig = Parameters<typeof upstreamHttpPolicy>[0];

/**
 * What the client may be given besides the logger and the (sealed) store its tokens are shared in:
 * tests replace waiting and the clock.
 */
export type RestApiDeps = { logger: Logger; store: Store } & Pick<UpstreamClientOptions, 'sleep' | 'now' | 'random'>;

/**
 * The REST API as configured: a working client, or, with settings missing, one whose every call
 * reports them. Does no I/O: tokens are requested on first use.
 */
export function createConfiguredRestApi(config: RestApiConfig & HttpPolicyConfig, issuer: RestApiTokenIssuer, deps: RestApiDeps): RestApi {
  const resolution = resolveRestApiSettings(config, issuer);
  if ('problems' in resolution) return notConfiguredRestApi(resolution.problems);
  return restApiFromSettings(resolution.settings, config, deps);
}

/** The settings the REST API still needs, as listed at start-up and by every api_* call. */
export function restApiProblems(config: RestApiConfig, issuer: RestApiTokenIssuer): string[] {
  const resolution = resolveRestApiSettings(config, issuer);
  return 'problems' in resolution ? resolution.problems : [];
}

function restApiFromSettings(settings: RestApiSettings, config: HttpPolicyConfig, deps: RestApiDeps): RestApi {
  const { timeoutMs, retry, breaker, refreshBeforeMs } = upstreamHttpPolicy(config);
  const { logger, store, ...clock } = deps;
  const tokenCache = sharedTokenCache(store, logger, timeoutMs);
  const client = createUpstreamClient({
    upstream: REST_API_NAME,
    baseUrl: settings.baseUrl,
    ...restApiCredentials(settings.auth, { refreshBeforeMs, timeoutMs, tokenCache, ...(clock.now !== undefined && { now: clock.now }) }),
    timeoutMs,
    retry,
    breaker,
    parseError: parseRestApiError,
    logger,
    ...clock,
  });
  return createRestApi(client, { upstream: REST_API_NAME, allowedCollections: settings.allowedCollections });
}
