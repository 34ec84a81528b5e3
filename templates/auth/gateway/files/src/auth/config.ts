import { z } from 'zod';

import { jwtVerificationEnv, resourceServerEnv } from './shared-config.js';

/** Environment variables of the `gateway` auth strategy, merged into the server's config schema. */
export const authEnv = {
  ...resourceServerEnv,
  ...jwtVerificationEnv,
  /**
   * How the gateway proves the identity it forwards: `jwt` (it forwards a JWT that is verified here
   * against the identity provider's keys) or `hmac` (it signs each request, identity headers
   * included, with a shared secret).
   */
  GATEWAY_MODE: z.enum(['jwt', 'hmac']).default('jwt'),
  /** Header carrying the forwarded JWT in `jwt` mode: `authorization` (Bearer) or a header holding the bare token. */
  GATEWAY_JWT_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an HTTP header name, e.g. authorization or x-forwarded-access-token')
    .default('authorization'),
  /** In `jwt` mode, issuer of JWTs the gateway mints itself. Default: the identity provider's issuer. */
  GATEWAY_JWT_ISSUER: z.url({ protocol: /^https?$/, error: 'expected the issuer URL exactly as the gateway JWTs carry it in "iss"' }).optional(),
  /** Signing keys of GATEWAY_JWT_ISSUER. Default: jwks_uri of its discovery document. */
  GATEWAY_JWKS_URI: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of the gateway JWT signing keys' }).optional(),
  /** Secret shared with the gateway that signs requests in `hmac` mode. */
  GATEWAY_HMAC_SECRET: z.string().min(32, 'expected at least 32 characters; generate one with: openssl rand -base64 48').optional(),
  /**
   * Largest difference, in seconds, between x-forwarded-timestamp and this server's clock in `hmac`
   * mode; each nonce is remembered for as long as its timestamp is accepted.
   */
  GATEWAY_MAX_SKEW_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
};
