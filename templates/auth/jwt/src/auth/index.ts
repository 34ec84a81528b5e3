import type { Config } from '../config.js';
import type { OptionDescriptor } from '../descriptor.js';
import { AuthError } from '../errors.js';
import { packageInfo } from '../package-info.js';
import { identityProvider } from '../upstream/index.js';
import { bearerToken, MalformedCredentials } from './bearer.js';
import { bearerChallenge, type BearerError } from './challenge.js';
import { installProtectedResourceMetadata } from './protected-resource.js';
import { protectedResourceMetadataUrl } from './resource.js';
import { createSigningKeys, SigningKeysUnavailable } from './signing-keys.js';
import type { Authenticator, AuthenticatorDeps, Identity } from './types.js';
import { InvalidToken, verifyAccessToken } from './verify-token.js';

export const authDescriptor: OptionDescriptor = { id: 'jwt', displayName: 'JWT access tokens (OAuth resource server)' };

export type { AuthenticatorDeps };

/**
 * OAuth 2.1 resource server: every HTTP request to /mcp must carry a JWT access token from the
 * identity provider the upstream preset describes, issued for this server (audience = its canonical
 * resource URL, or AUTH_AUDIENCE). Per-tool scopes and roles are enforced.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  const idp = identityProvider(config);
  const keys = createSigningKeys(idp, {
    cooldownSeconds: config.AUTH_JWKS_COOLDOWN_SECONDS,
    cacheMaxAgeSeconds: config.AUTH_JWKS_CACHE_MAX_AGE_SECONDS,
    logger: deps.logger,
  });
  const scopesSupported = config.AUTH_SCOPES_SUPPORTED ?? [...deps.declaredScopes];
  const allowedTenants = new Set(config.AUTH_ALLOWED_TENANTS);

  const challenge = (error?: BearerError, description?: string, scopes: readonly string[] = scopesSupported) =>
    bearerChallenge({
      resourceMetadata: protectedResourceMetadataUrl(deps.resourceUrl()),
      scopes,
      ...(error !== undefined && { error }),
      ...(description !== undefined && { description }),
    });
  const refuse = (status: 400 | 401, error: BearerError | undefined, message: string) =>
    new AuthError(error ?? 'unauthorized', message, { status, wwwAuthenticate: challenge(error, error === undefined ? undefined : message) });

  return {
    enforcesToolAccess: true,

    async authenticate(req): Promise<Identity> {
      let token: string | undefined;
      try {
        token = bearerToken(req);
      } catch (error) {
        if (error instanceof MalformedCredentials) throw refuse(400, 'invalid_request', error.message);
        throw error;
      }
      if (token === undefined) throw refuse(401, undefined, 'This server requires an OAuth access token in the Authorization header');

      let claims;
      try {
        claims = await verifyAccessToken(token, keys, {
          issuer: idp.issuer,
          audience: config.AUTH_AUDIENCE ?? deps.resourceUrl(),
          algorithms: config.AUTH_ALGORITHMS,
          clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
        });
      } catch (error) {
        if (error instanceof InvalidToken) {
          req.log.info({ reason: error.reason }, 'refused an access token');
          throw refuse(401, 'invalid_token', error.reason);
        }
        if (error instanceof SigningKeysUnavailable) {
          throw new AuthError('auth_unavailable', 'Access tokens cannot be checked right now; retry shortly', { status: 503 });
        }
        throw error;
      }

      const identity = idp.mapClaims(claims);
      if (identity.subject === '') throw refuse(401, 'invalid_token', 'The access token names no subject');
      if (allowedTenants.size > 0 && (identity.tenant === undefined || !allowedTenants.has(identity.tenant))) {
        req.log.info({ tenant: identity.tenant, subject: identity.subject }, 'refused a token from a tenant that is not allowed');
        throw refuse(401, 'invalid_token', 'The access token belongs to a tenant this server does not serve');
      }
      return identity;
    },

    insufficientScopeChallenge: (scopes) => challenge('insufficient_scope', 'The access token lacks the scopes this tool needs', scopes),

    installRoutes(app) {
      installProtectedResourceMetadata(app, () => ({
        resource: deps.resourceUrl(),
        authorization_servers: [idp.issuer],
        scopes_supported: [...scopesSupported],
        bearer_methods_supported: ['header'],
        resource_name: config.AUTH_RESOURCE_NAME ?? packageInfo.name,
      }));
    },

    isReady: () => keys.ready(),
  };
}
