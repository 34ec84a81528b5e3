import { oidcIdentityEnv } from './oidc-identity-config.js';
import { restApiAudienceEnv, restApiEnv } from './rest-api/settings.js';

/**
 * Environment variables of the generic upstream, merged into the server's config schema: the OpenID
 * Connect provider of its callers, and the REST API the api_* tools reach.
 */
export const upstreamEnv = {
  ...oidcIdentityEnv,
  // `none` by default: a generated project talks to an open API until credentials are configured.
  ...restApiEnv({ authModes: ['none', 'api_key', 'client_credentials'], defaultAuth: 'none', defaultClientAuthMethod: 'client_secret_basic' }),
  ...restApiAudienceEnv,
};
