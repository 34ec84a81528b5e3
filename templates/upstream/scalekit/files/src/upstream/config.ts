import { z } from 'zod';

import { restApiEnv } from './rest-api/settings.js';

/**
 * Environment variables of the Scalekit upstream, merged into the server's config schema: the
 * environment of the callers, and the REST API the api_* tools reach with tokens of an API client
 * of that environment. Optional here: token-verifying auth strategies report what they miss through
 * `identityProviderProblems`, the api_* tools through `upstreamApiProblems`.
 */
export const upstreamEnv = {
  /** Environment URL from the Scalekit dashboard (Settings → API credentials), e.g. https://acme.scalekit.com. */
  SCALEKIT_ENVIRONMENT_URL: z
    .url({ protocol: /^https?$/, error: 'expected the Scalekit environment URL, e.g. https://acme.scalekit.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  /** ID Scalekit gave this MCP server when it was registered, e.g. res_1234567890. */
  SCALEKIT_RESOURCE_ID: z.string().trim().regex(/^[A-Za-z0-9_-]+$/, 'expected the resource ID of the MCP server in Scalekit, e.g. res_1234567890').optional(),
  /** Signing keys of the environment. Default: <SCALEKIT_ENVIRONMENT_URL>/keys. */
  SCALEKIT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'expected the URL of the environment signing keys, e.g. https://acme.scalekit.com/keys' }).optional(),
  // Scalekit's token endpoint takes the client secret in the request body.
  ...restApiEnv({ authModes: ['client_credentials', 'api_key', 'none'], defaultAuth: 'client_credentials', defaultClientAuthMethod: 'client_secret_post' }),
};
