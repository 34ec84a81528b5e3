import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createSalesforceApi, type SalesforceApi } from './salesforce/api.js';
import { readSalesforceCredentials } from './salesforce/credentials.js';
import type { UpstreamDescriptor } from './types.js';

export { identityProvider, identityProviderProblems } from './oidc-identity.js';

/** Salesforce through its REST API, signed in as an integration user; callers sign in with any OIDC provider. */
export const upstreamDescriptor: UpstreamDescriptor = { id: 'salesforce', displayName: 'Salesforce' };

/** What tools reach as ctx.upstream: `sobjects`, `soql` and `describe`. */
export type UpstreamApi = SalesforceApi;

/** Created once at start-up; the session is requested on the first call. */
export function createUpstreamApi(config: Config, deps: { logger: Logger }): UpstreamApi {
  return createSalesforceApi(config, deps.logger);
}

/** Settings the Salesforce API still needs; the tools answer `upstream_not_configured` with them. */
export function upstreamApiProblems(config: Config): string[] {
  return [...readSalesforceCredentials(config).problems];
}
