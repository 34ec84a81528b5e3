import type { Config } from '../config.js';
import { createSalesforceApi, type SalesforceApi } from './salesforce/api.js';
import { readSalesforceCredentials } from './salesforce/credentials.js';
import type { UpstreamDeps } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** What tools reach as ctx.upstream: Salesforce's `sobjects`, `soql` and `describe`, signed in as an integration user. */
export type UpstreamApi = SalesforceApi;

/** Created once at start-up; the session is requested on the first call. */
export function createUpstreamApi(config: Config, deps: UpstreamDeps): UpstreamApi {
  return createSalesforceApi(config, deps);
}

/** Settings the Salesforce API still needs; the tools answer `upstream_not_configured` with them. */
export function upstreamApiProblems(config: Config): string[] {
  return [...readSalesforceCredentials(config).problems];
}
