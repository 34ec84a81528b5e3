import { requestToken } from '../http/token-endpoint.js';
import type { TokenSource } from '../http/token-source.js';
import { SALESFORCE } from './errors.js';
import { salesforceSession, tokenEndpointOf, type SessionOptions } from './session.js';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Sessions from the OAuth client credentials flow: the external client app's consumer key and
 * secret, acting as the app's "Run As" user. Salesforce offers this flow on the org's My Domain
 * only, never on login.salesforce.com or test.salesforce.com.
 */
export function clientCredentialsSession(credentials: ClientCredentials, options: SessionOptions): TokenSource {
  return salesforceSession(
    () =>
      requestToken({
        upstream: SALESFORCE,
        tokenUrl: tokenEndpointOf(options.loginUrl),
        params: { grant_type: 'client_credentials' },
        client: { method: 'client_secret_post', clientId: credentials.clientId, clientSecret: credentials.clientSecret },
        timeoutMs: options.timeoutMs,
        ...(options.now !== undefined && { now: options.now }),
      }),
    options,
    ['client_credentials', credentials.clientId],
  );
}
