import type { Config } from '../config.js';
import { identityProvider } from '../upstream/index.js';
import { createIntrospector, type IntrospectionResult } from './introspect.js';
import { createResourceServer } from './resource-server.js';
import { InvalidToken } from './token-errors.js';
import { checkValidityWindow, expectedAudience, expectedIssuer } from './token-expectations.js';
import type { Authenticator, AuthenticatorDeps } from './types.js';

export type { AuthenticatorDeps };

/**
 * OAuth 2.1 resource server for opaque access tokens: every HTTP request to /mcp must carry a token
 * the identity provider confirms active through introspection (RFC 7662), issued for this server
 * (audience = AUTH_AUDIENCE, the preset's audience, or the canonical resource URL) by the expected
 * issuer. Per-tool scopes and roles are enforced.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  const idp = identityProvider(config);
  if (config.AUTH_CLIENT_ID === undefined || config.AUTH_CLIENT_SECRET === undefined) throw new Error('AUTH_CLIENT_ID and AUTH_CLIENT_SECRET are not set');
  const introspector = createIntrospector(idp, {
    clientId: config.AUTH_CLIENT_ID,
    clientSecret: config.AUTH_CLIENT_SECRET,
    endpoint: config.AUTH_INTROSPECTION_ENDPOINT,
    cacheSeconds: config.AUTH_INTROSPECTION_CACHE_SECONDS,
    timeoutMs: config.AUTH_INTROSPECTION_TIMEOUT_MS,
    // The answers name people (subject, e-mail, roles): kept sealed, like upstream tokens.
    store: deps.sealed,
    logger: deps.logger,
  });

  return createResourceServer(config, deps, {
    idp,
    async identify(token) {
      const result = await introspector.introspect(token);
      checkIntrospection(result, {
        issuer: expectedIssuer(idp, result),
        audience: expectedAudience(config, idp, deps),
        clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
      });
      return idp.mapClaims(result);
    },
    isReady: () => introspector.ready(),
  });
}

/**
 * Holds an introspection answer to the same rules as a JWT: active, a bearer access token, the
 * expected audience, the expected issuer when named, inside its validity window (with skew).
 */
function checkIntrospection(result: IntrospectionResult, rules: { issuer: string | undefined; audience: string; clockSkewSeconds: number }): void {
  if (!result.active) throw new InvalidToken('The access token is not active (unknown, expired or revoked)');
  if (typeof result.token_type === 'string' && result.token_type.toLowerCase() !== 'bearer') {
    throw new InvalidToken('The presented token is not a bearer access token');
  }
  const audiences = typeof result.aud === 'string' ? [result.aud] : Array.isArray(result.aud) ? result.aud : [];
  if (!audiences.includes(rules.audience)) throw new InvalidToken('The access token is not meant for this server (audience mismatch)');
  if (result.iss !== undefined && result.iss !== rules.issuer) throw new InvalidToken('The access token comes from an issuer this server does not trust');
  checkValidityWindow(result, Date.now(), rules.clockSkewSeconds);
}
