import { z } from 'zod';

import { restApiEnv } from './rest-api/settings.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenant values that stand for "any work or school tenant" (`organizations`) or any account at all (`common`). */
export const MULTI_TENANT_IDS = ['organizations', 'common'] as const;

/**
 * Environment variables of the Microsoft Entra ID upstream, merged into the server's config schema:
 * the tenant of the callers, and the REST API the api_* tools reach with app-only tokens from it.
 * Optional here: token-verifying auth strategies report what they miss through
 * `identityProviderProblems`, the api_* tools through `upstreamApiProblems`.
 */
export const upstreamEnv = {
  /** Directory (tenant) ID, or `organizations` / `common` for an app that accepts several tenants. */
  ENTRA_TENANT_ID: z
    .string()
    .trim()
    .refine((value) => GUID.test(value) || (MULTI_TENANT_IDS as readonly string[]).includes(value.toLowerCase()), {
      error: 'expected the directory (tenant) ID, a GUID, or organizations / common for a multi-tenant app',
    })
    .transform((value) => value.toLowerCase())
    .optional(),
  /** Application (client) ID of this server's app registration; Entra puts it in `aud` of v2 access tokens. */
  ENTRA_CLIENT_ID: z
    .string()
    .trim()
    .regex(GUID, 'expected the application (client) ID of the app registration, a GUID')
    .transform((value) => value.toLowerCase())
    .optional(),
  /** Sign-in host: https://login.microsoftonline.com, a national cloud's host, or a test provider. */
  ENTRA_AUTHORITY_HOST: z
    .url({ protocol: /^https?$/, error: 'expected the Entra sign-in host, e.g. https://login.microsoftonline.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .default('https://login.microsoftonline.com'),
  /** Application ID URI from "Expose an API"; clients prefix this server's scopes with it. Default: api://<ENTRA_CLIENT_ID>. */
  ENTRA_APP_ID_URI: z
    .string()
    .trim()
    .regex(/^(api|https):\/\/\S+$/, 'expected the Application ID URI, e.g. api://00000000-0000-0000-0000-000000000000')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  // Entra takes the client secret in the request body; no audience parameter (the scope names the API).
  ...restApiEnv({ authModes: ['client_credentials', 'api_key', 'none'], defaultAuth: 'client_credentials', defaultClientAuthMethod: 'client_secret_post' }),
};
