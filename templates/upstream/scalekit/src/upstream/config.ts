import { z } from 'zod';

/**
 * Environment variables of the Scalekit upstream, merged into the server's config schema. Optional
 * here: only token-verifying auth strategies need them, and those report what is missing through
 * `identityProviderProblems`.
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
};
