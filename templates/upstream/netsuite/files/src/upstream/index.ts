import type { Config } from '../config.js';
import { upstreamHttpPolicy } from './http/settings.js';
import { createNetSuiteApi, type NetSuiteApi } from './netsuite/api.js';
import { notConfiguredNetSuiteApi } from './netsuite/not-configured.js';
import { readNetSuiteSettings } from './netsuite/settings.js';
import type { UpstreamDeps } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** What tools reach as ctx.upstream: NetSuite's record service and SuiteQL, with this server's machine-to-machine credentials. */
export type UpstreamApi = NetSuiteApi;

/** Created once at start-up; does no I/O (the first tool call fetches the first token). */
export function createUpstreamApi(config: Config, deps: UpstreamDeps): UpstreamApi {
  const { settings, problems } = readNetSuiteSettings(config);
  if (settings === undefined) return notConfiguredNetSuiteApi(problems);
  return createNetSuiteApi(settings, { policy: upstreamHttpPolicy(config), logger: deps.logger, store: deps.store });
}

/** Settings NetSuite still needs; reported at start-up and by every NetSuite tool call. */
export function upstreamApiProblems(config: Config): string[] {
  return readNetSuiteSettings(config).problems ?? [];
}
