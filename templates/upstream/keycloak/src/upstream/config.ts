import { z } from 'zod';

/**
 * Environment variables of the Keycloak upstream, merged into the server's config schema. Optional
 * here: only token-verifying auth strategies need them, and those report what is missing through
 * `identityProviderProblems`.
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
};
