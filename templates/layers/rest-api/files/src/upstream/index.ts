import type { Config } from '../config.js';
import { restApiTokenIssuer } from './rest-api-issuer.js';
import { createConfiguredRestApi, restApiProblems } from './rest-api/create.js';
import type { RestApi } from './rest-api/rest-api.js';
import type { UpstreamDeps } from './types.js';

export { identityProvider, identityProviderProblems } from './identity.js';

/** What tools reach as ctx.upstream. */
export interface UpstreamApi {
  /** The REST API behind the api_* tools. */
  readonly rest: RestApi;
}

/** Created once at start-up; requests no token until the first call. */
export function createUpstreamApi(config: Config, deps: UpstreamDeps): UpstreamApi {
  return { rest: createConfiguredRestApi(config, restApiTokenIssuer(config), deps) };
}

/** Settings the REST API still needs; reported at start-up and by every api_* call. */
export function upstreamApiProblems(config: Config): string[] {
  return restApiProblems(config, restApiTokenIssuer(config));
}
