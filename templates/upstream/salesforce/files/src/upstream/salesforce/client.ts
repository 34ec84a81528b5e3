import type { Config } from '../../config.js';
import { upstreamHttpPolicy } from '../http/settings.js';
import { sharedTokenCache } from '../http/shared-token-cache.js';
import type { TokenSource } from '../http/token-source.js';
import { createUpstreamClient, type UpstreamClient } from '../http/upstream-client.js';
import type { UpstreamDeps } from '../types.js';
import { clientCredentialsSession } from './client-credentials.js';
import type { SalesforceCredentials } from './credentials.js';
import { isExpiredSession, parseSalesforceError, SALESFORCE } from './errors.js';
import { jwtBearerSession } from './jwt-bearer.js';
import { restApiBaseOf, type SessionOptions } from './session.js';
import { signedInUserSession } from './signed-in-user.js';

/**
 * The HTTP client every Salesforce call goes through: one session for all callers (or each signed-in
 * user's own), calls sent to the instance the session names (below /services/data/v<version>),
 * retries, circuit breaking, one fresh session on 401 INVALID_SESSION_ID, and failures reported as
 * Salesforce meant them (its error codes decide, see parseSalesforceError).
 */
export function createSalesforceClient(credentials: SalesforceCredentials, config: Config, { logger, store }: UpstreamDeps): UpstreamClient {
  const policy = upstreamHttpPolicy(config);
  const sessionOptions: SessionOptions = {
    loginUrl: credentials.loginUrl,
    apiVersion: config.SALESFORCE_API_VERSION,
    refreshBeforeMs: policy.refreshBeforeMs,
    timeoutMs: policy.timeoutMs,
    tokenCache: sharedTokenCache(store, logger, policy.timeoutMs),
  };
  return createUpstreamClient({
    upstream: SALESFORCE,
    // Every session names its instance; this base only applies to a token that would not.
    baseUrl: restApiBaseOf(credentials.loginUrl, config.SALESFORCE_API_VERSION),
    tokenSource: sessionSource(credentials, sessionOptions),
    useTokenBaseUrl: true,
    timeoutMs: policy.timeoutMs,
    retry: policy.retry,
    breaker: policy.breaker,
    parseError: parseSalesforceError,
    isExpiredToken: isExpiredSession,
    logger,
  });
}

function sessionSource(credentials: SalesforceCredentials, options: SessionOptions): TokenSource {
  switch (credentials.flow) {
    case 'signed_in_user':
      return signedInUserSession(options);
    case 'client_credentials':
      return clientCredentialsSession(credentials, options);
    case 'jwt_bearer':
      return jwtBearerSession(credentials, options);
  }
}
