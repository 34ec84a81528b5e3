import { z } from 'zod';

import { restApiAudienceEnv, restApiEnv } from './rest-api/settings.js';

/**
 * Environment variables of the Keycloak upstream, merged into the server's config schema: the realm
 * of the callers, and the REST API the api_* tools reach with tokens from that realm. Optional here:
 * token-verifying auth strategies report what they miss through `identityProviderProblems`, the
 * api_* tools through `upstreamApiProblems`.
 */
export const upstreamEnv = {
  /** Base URL of the Keycloak server, without /realms/..., e.g. https://sso.example.com. */
  KEYCLOAK_URL: z
    .url({ protocol: /^https?$/, error: 'expected the Keycloak base URL, e.g. https://sso.example.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  KEYCLOAK_REALM: z.string().regex(/^[^/\s]+$/, 'expected a realm name, e.g. acme').optional(),
  /** This server's client in the realm; its client roles (resource_access.<client>.roles) count as roles. */
  KEYCLOAK_CLIENT_ID: z.string().regex(/^\S+$/, 'expected a client id without spaces').optional(),
  ...restApiEnv({
    authModes: ['client_credentials', 'token_exchange', 'api_key', 'none'],
    defaultAuth: 'client_credentials',
    defaultClientAuthMethod: 'client_secret_basic',
  }),
  /** The REST API's client in the realm: the audience a token exchange asks for. */
  ...restApiAudienceEnv,
};
