import type { Config } from '../config.js';
import { identityProvider } from '../upstream/index.js';
import { createResourceServer } from './resource-server.js';
import { createSigningKeys } from './signing-keys.js';
import { expectedAudience } from './token-expectations.js';
import type { Authenticator, AuthenticatorDeps } from './types.js';
import { createAccessTokenVerifier } from './verify-token.js';

export type { AuthenticatorDeps };

/**
 * OAuth 2.1 resource server: every HTTP request to /mcp must carry a JWT access token from the
 * identity provider the upstream preset describes, issued for this server (audience = AUTH_AUDIENCE,
 * the preset's audience, or the canonical resource URL). Per-tool scopes and roles are enforced.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  const idp = identityProvider(config);
  const keys = createSigningKeys(idp, {
    cooldownSeconds: config.AUTH_JWKS_COOLDOWN_SECONDS,
    cacheMaxAgeSeconds: config.AUTH_JWKS_CACHE_MAX_AGE_SECONDS,
    logger: deps.logger,
  });

  const verify = createAccessTokenVerifier(
    keys,
    {
      idp,
      audience: () => expectedAudience(config, idp, deps),
      algorithms: config.AUTH_ALGORITHMS,
      clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
    },
    { cacheSeconds: config.AUTH_VERIFIED_TOKEN_CACHE_SECONDS },
  );

  return createResourceServer(config, deps, {
    idp,
    async identify(token) {
      return idp.mapClaims(await verify(token));
    },
    isReady: () => keys.ready(),
  });
}
