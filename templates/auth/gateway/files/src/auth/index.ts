import type { Request } from 'express';

import type { Config } from '../config.js';
import { identityProvider } from '../upstream/index.js';
import type { IdentityProvider } from '../upstream/types.js';
import { bearerToken, credentialHeader, MalformedCredentials, refuseTokenInQuery } from './bearer.js';
import { createHmacAuthenticator } from './hmac-mode.js';
import { createResourceServer } from './resource-server.js';
import { createSigningKeys } from './signing-keys.js';
import { expectedAudience } from './token-expectations.js';
import type { Authenticator, AuthenticatorDeps } from './types.js';
import { createAccessTokenVerifier } from './verify-token.js';

export type { AuthenticatorDeps };

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Behind an API gateway that authenticates callers and forwards who they are. Forwarded identity is
 * accepted only with proof, never as bare headers:
 * - GATEWAY_MODE=jwt: the gateway forwards the caller's JWT (or its own, from GATEWAY_JWT_ISSUER) in
 *   GATEWAY_JWT_HEADER and it is verified here exactly like the `jwt` strategy does (issuer, audience,
 *   algorithm, expiry, keys);
 * - GATEWAY_MODE=hmac: the gateway signs each request with GATEWAY_HMAC_SECRET: its method, target,
 *   x-forwarded-* identity headers, a timestamp, a nonce and a digest of the body (src/auth/hmac-mode.ts).
 * Per-tool scopes and roles are enforced either way.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  const idp = identityProvider(config);

  if (config.GATEWAY_MODE === 'hmac') return createHmacAuthenticator(config, deps, idp);

  // JWTs the gateway mints itself come from its own issuer and keys; the preset still reads their claims.
  const tokenIssuer: IdentityProvider =
    config.GATEWAY_JWT_ISSUER === undefined
      ? idp
      : {
          issuer: config.GATEWAY_JWT_ISSUER,
          discoveryUrl: `${config.GATEWAY_JWT_ISSUER.replace(/\/+$/, '')}/.well-known/openid-configuration`,
          ...(config.GATEWAY_JWKS_URI !== undefined && { jwksUri: config.GATEWAY_JWKS_URI }),
          mapClaims: (claims) => idp.mapClaims(claims),
        };
  const keys = createSigningKeys(tokenIssuer, {
    cooldownSeconds: config.AUTH_JWKS_COOLDOWN_SECONDS,
    cacheMaxAgeSeconds: config.AUTH_JWKS_CACHE_MAX_AGE_SECONDS,
    logger: deps.logger,
  });
  const headerName = config.GATEWAY_JWT_HEADER;
  const verify = createAccessTokenVerifier(
    keys,
    {
      idp: tokenIssuer,
      audience: () => expectedAudience(config, idp, deps),
      algorithms: config.AUTH_ALGORITHMS,
      clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
    },
    { cacheSeconds: config.AUTH_VERIFIED_TOKEN_CACHE_SECONDS },
  );

  return createResourceServer(config, deps, {
    idp,
    credentials: headerName === 'authorization' ? bearerToken : (req) => forwardedJwt(req, headerName),
    missingCredentials: `This server requires an access token in the ${headerName} header, forwarded by its gateway`,
    async identify(token) {
      return tokenIssuer.mapClaims(await verify(token));
    },
    isReady: () => keys.ready(),
  });
}

/** The JWT in a gateway-set header: the bare token, or `Bearer <token>`. */
function forwardedJwt(req: Request, name: string): string | undefined {
  refuseTokenInQuery(req);
  const raw = credentialHeader(req, name);
  if (raw === undefined) return undefined;
  const value = raw.trim().replace(/^Bearer[ ]+/i, '');
  if (!JWT.test(value)) throw new MalformedCredentials(`The ${name} header must hold a JWT`);
  return value;
}
