import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createSalesforceApi, type SalesforceApi } from './salesforce/api.js';
import { readSalesforceCredentials } from './salesforce/credentials.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** What tools reach as ctx.upstream: Salesforce's `sobjects`, `soql` and `describe`, signed in as an integration user. */
export type UpstreamApi = SalesforceApi;

/** Created once at start-up; the session is requested on the first call. */
export function createUpstreamApi(config: Config, deps: { logger: Logger }): UpstreamApi {
  return createSalesforceApi(config, deps.logger);
}

/** Settings the Salesforce API still needs; the tools answer `upstream_not_configured` with them. */
export function upstreamApiProblems(config: Config): string[] {
  return [...readSalesforceCredentials(config).problems];
}
