import { z } from 'zod';

import { resourceServerEnv } from './shared-config.js';

/** Environment variables of the `introspection` auth strategy, merged into the server's config schema. */
export const authEnv = {
  ...resourceServerEnv,
  /** This server's client at the identity provider, used to call its introspection endpoint. */
  AUTH_CLIENT_ID: z.string().trim().min(1).optional(),
  /** Secret of AUTH_CLIENT_ID (sent with HTTP Basic authentication, client_secret_basic). */
  AUTH_CLIENT_SECRET: z.string().min(1).optional(),
  /** Introspection endpoint; default: `introspection_endpoint` of the provider's discovery document. */
  AUTH_INTROSPECTION_ENDPOINT: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL of the introspection endpoint' }).optional(),
  /** Longest time an introspection result is reused; never beyond the token's own expiry. 0 turns the cache off. */
  AUTH_INTROSPECTION_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Timeout of one call to the identity provider, in milliseconds. */
  AUTH_INTROSPECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
};
