import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import type { UpstreamHttpPolicy } from '../http/settings.js';
import { sharedTokenCache } from '../http/shared-token-cache.js';
import { createUpstreamClient } from '../http/upstream-client.js';
import { NETSUITE, parseNetSuiteError } from './error-body.js';
import { netSuiteRecords, type NetSuiteRecords } from './records.js';
import type { NetSuiteSettings } from './settings.js';
import { signedInUserNetSuiteToken } from './signed-in-user.js';
import { netSuiteSuiteQl, type NetSuiteSuiteQl } from './suiteql.js';
import { netSuiteTokenSource } from './token-source.js';

export interface NetSuiteApi {
  readonly records: NetSuiteRecords;
  readonly suiteql: NetSuiteSuiteQl;
}

export interface NetSuiteApiDeps {
  policy: UpstreamHttpPolicy;
  logger: Logger;
  /** The sealed store the token is shared in, by every replica on the same backend. */
  store: Store;
  /** Clock, backoff waits and jitter; tests replace them so nothing waits for real. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * NetSuite's REST web services, as the signed-in user or with this server's own credentials (then
 * one token, shared in the store by every replica, serves every caller). One circuit breaker serves
 * every caller; requests stay below /services/rest of the account's host.
 */
export function createNetSuiteApi(settings: NetSuiteSettings, deps: NetSuiteApiDeps): NetSuiteApi {
  const now = deps.now ?? Date.now;
  const client = createUpstreamClient({
    upstream: NETSUITE,
    baseUrl: `${settings.restUrl}/services/rest`,
    tokenSource:
      settings.flow === 'signed_in_user'
        ? signedInUserNetSuiteToken()
        : netSuiteTokenSource(settings, deps.policy, now, sharedTokenCache(deps.store, deps.logger, deps.policy.timeoutMs)),
    timeoutMs: deps.policy.timeoutMs,
    retry: deps.policy.retry,
    breaker: deps.policy.breaker,
    parseError: parseNetSuiteError,
    logger: deps.logger,
    now,
    ...(deps.sleep !== undefined && { sleep: deps.sleep }),
    ...(deps.random !== undefined && { random: deps.random }),
  });
  return { records: netSuiteRecords(client), suiteql: netSuiteSuiteQl(client) };
}
