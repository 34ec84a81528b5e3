import { z } from 'zod';

import { registeredClientsSetting } from './authorization-server/registered-clients.js';
import { signingKeysSetting } from './authorization-server/signing-keys.js';
import { list } from './shared-config.js';

/** How this server authenticates to the upstream's token endpoint when it signs users in. */
export const SIGN_IN_CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;

/**
 * Environment variables of the `oauth-proxy` strategy, merged into the server's config schema: this
 * server's own authorization server (keys, token lifetimes, clients) and its client at the upstream
 * where users sign in.
 */
export const authEnv = {
  /**
   * Private JWKS ({"keys": [...]}) signing the access tokens this server issues; the first key signs,
   * the rest stay published so tokens signed before a rotation still verify.
   */
  AUTH_SIGNING_KEYS: signingKeysSetting.optional(),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  AUTH_REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(31_536_000).default(1_209_600),
  /** How long a refresh token just exchanged still works, so two concurrent refreshes both succeed. */
  AUTH_REFRESH_TOKEN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Clients registered by the operator (JSON array of RFC 7591 client metadata with a client_id). */
  AUTH_CLIENTS: registeredClientsSetting.default([]),
  /** Dynamic client registrations per client address per hour. */
  AUTH_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_VERIFIED_TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Scopes advertised to clients. Default: every scope a tool declares. */
  AUTH_SCOPES_SUPPORTED: list.optional(),
  AUTH_RESOURCE_NAME: z.string().trim().min(1).optional(),
  /** Tenants whose users may sign in, as the identity provider names them; empty admits every tenant. */
  AUTH_ALLOWED_TENANTS: list.default([]),
  SIGN_IN_CLIENT_ID: z.string().trim().min(1).optional(),
  SIGN_IN_CLIENT_SECRET: z.string().min(1).optional(),
  SIGN_IN_CLIENT_AUTH_METHOD: z.enum(SIGN_IN_CLIENT_AUTH_METHODS).default('client_secret_basic'),
  /** Default: openid profile email offline_access, or none where users sign in without OpenID Connect (NetSuite). */
  SIGN_IN_SCOPES: list.optional(),
  SIGN_IN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
};
