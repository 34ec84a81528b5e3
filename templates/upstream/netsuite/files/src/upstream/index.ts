import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { upstreamHttpPolicy } from './http/settings.js';
import { createNetSuiteApi, type NetSuiteApi } from './netsuite/api.js';
import { notConfiguredNetSuiteApi } from './netsuite/not-configured.js';
import { readNetSuiteSettings } from './netsuite/settings.js';
import type { UpstreamDescriptor } from './types.js';

export { identityProvider, identityProviderProblems } from './oidc-identity.js';

/** Oracle NetSuite records and SuiteQL, reached with this server's machine-to-machine credentials. */
export const upstreamDescriptor: UpstreamDescriptor = { id: 'netsuite', displayName: 'Oracle NetSuite' };

/** What tools reach as ctx.upstream: the record service and SuiteQL. */
export type UpstreamApi = NetSuiteApi;

/** Created once at start-up; does no I/O (the first tool call fetches the first token). */
export function createUpstreamApi(config: Config, deps: { logger: Logger }): UpstreamApi {
  const { settings, problems } = readNetSuiteSettings(config);
  if (settings === undefined) return notConfiguredNetSuiteApi(problems);
  return createNetSuiteApi(settings, { policy: upstreamHttpPolicy(config), logger: deps.logger });
}

/** Settings NetSuite still needs; reported at start-up and by every NetSuite tool call. */
export function upstreamApiProblems(config: Config): string[] {
  return readNetSuiteSettings(config).problems ?? [];
}
