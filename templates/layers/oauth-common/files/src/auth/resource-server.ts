import type { Request } from 'express';

import { AuthError } from '../errors.js';
import { packageInfo } from '../package-info.js';
import type { IdentityProvider } from '../upstream/types.js';
import { bearerToken, MalformedCredentials } from './bearer.js';
import { rememberCallerToken } from './caller-token.js';
import { bearerChallenge, type BearerError } from './challenge.js';
import { installProtectedResourceMetadata } from './protected-resource.js';
import { protectedResourceMetadataUrl } from './resource.js';
import { tenantAllowList } from './tenant-allow-list.js';
import { InvalidToken, VerifierUnavailable } from './token-errors.js';
import type { Authenticator, AuthenticatorDeps, Identity } from './types.js';

/** The settings of src/auth/shared-config.ts, as every token-verifying strategy has them. */
export interface ResourceServerConfig {
  readonly AUTH_ALLOWED_TENANTS: readonly string[];
  readonly AUTH_SCOPES_SUPPORTED?: readonly string[] | undefined;
  readonly AUTH_RESOURCE_NAME?: string | undefined;
}

export interface ResourceServerOptions {
  idp: IdentityProvider;
  /**
   * Reads the caller's credentials from the request; undefined when it carries none. Throws
   * MalformedCredentials (400) when they are present but unreadable. Default: the bearer token.
   */
  credentials?(req: Request): string | undefined;
  /**
   * Whether the credentials are the caller's access token, kept (outside the identity) for a token
   * exchange with a downstream API. Default: true; false for signed identity headers.
   */
  credentialsAreAccessToken?: boolean;
  /** What a request without credentials is told. Default: it needs an access token in the Authorization header. */
  missingCredentials?: string;
  /**
   * Turns credentials into the caller's identity. Throws InvalidToken (401 invalid_token),
   * MalformedCredentials (400 invalid_request) or VerifierUnavailable (503).
   */
  identify(credentials: string, req: Request): Promise<Identity>;
  /**
   * Checks the body exactly as it arrived against what the credentials vouch for (see
   * Authenticator.verifyBody); throws like `identify`. Absent: the credentials say nothing about the body.
   */
  verifyBody?(req: Request, rawBody: Buffer): Promise<void>;
  /** Readiness of what `identify` depends on. */
  isReady?(): Promise<boolean>;
  close?(): Promise<void>;
}

/**
 * What every token-verifying strategy does the same way: credential extraction, RFC 6750 challenges
 * pointing at the RFC 9728 metadata, the tenant allow-list, the metadata routes and per-tool access.
 * A strategy supplies only how credentials become an identity.
 */
export function createResourceServer(config: ResourceServerConfig, deps: AuthenticatorDeps, options: ResourceServerOptions): Authenticator {
  // Scopes as clients must request them from the provider (Entra prefixes its Application ID URI).
  const requestable = (scopes: readonly string[]) => scopes.map((scope) => options.idp.requestableScope?.(scope) ?? scope);
  const scopesSupported = requestable(config.AUTH_SCOPES_SUPPORTED ?? [...deps.declaredScopes]);
  const admitsTenant = tenantAllowList(config.AUTH_ALLOWED_TENANTS);
  const credentials = options.credentials ?? bearerToken;
  const { verifyBody } = options;

  const challenge = (error?: BearerError, description?: string, scopes: readonly string[] = scopesSupported) =>
    bearerChallenge({
      resourceMetadata: protectedResourceMetadataUrl(deps.resourceUrl()),
      scopes,
      ...(error !== undefined && { error }),
      ...(description !== undefined && { description }),
    });
  const refuse = (status: 400 | 401, error: BearerError | undefined, message: string) =>
    new AuthError(error ?? 'unauthorized', message, { status, wwwAuthenticate: challenge(error, error === undefined ? undefined : message) });

  /** The answer to what a strategy threw while checking credentials; anything unexpected stays as it is (500). */
  const refusalFor = (req: Request, error: unknown): unknown => {
    if (error instanceof MalformedCredentials) return refuse(400, 'invalid_request', error.message);
    if (error instanceof InvalidToken) {
      req.log.info({ reason: error.reason }, 'refused an access token');
      return refuse(401, 'invalid_token', error.reason);
    }
    if (error instanceof VerifierUnavailable) {
      req.log.warn({ err: error }, 'cannot check credentials');
      return new AuthError('auth_unavailable', 'Access tokens cannot be checked right now; retry shortly', { status: 503 });
    }
    return error;
  };

  return {
    enforcesToolAccess: true,

    async authenticate(req): Promise<Identity> {
      let presented: string | undefined;
      try {
        presented = credentials(req);
      } catch (error) {
        throw refusalFor(req, error);
      }
      if (presented === undefined) throw refuse(401, undefined, options.missingCredentials ?? 'This server requires an OAuth access token in the Authorization header');

      let identity: Identity;
      try {
        identity = await options.identify(presented, req);
        if (options.credentialsAreAccessToken !== false) rememberCallerToken(identity, presented);
      } catch (error) {
        throw refusalFor(req, error);
      }

      if (identity.subject === '') throw refuse(401, 'invalid_token', 'The access token names no subject');
      if (!admitsTenant(identity.tenant)) {
        req.log.info({ tenant: identity.tenant, subject: identity.subject }, 'refused a token from a tenant that is not allowed');
        throw refuse(401, 'invalid_token', 'The access token belongs to a tenant this server does not serve');
      }
      return identity;
    },

    ...(verifyBody !== undefined && {
      verifyBody: async (req: Request, rawBody: Buffer) => {
        try {
          await verifyBody(req, rawBody);
        } catch (error) {
          throw refusalFor(req, error);
        }
      },
    }),

    insufficientScopeChallenge: (scopes) => challenge('insufficient_scope', 'The access token lacks the scopes this tool needs', requestable(scopes)),

    installRoutes(app) {
      installProtectedResourceMetadata(app, () => ({
        resource: deps.resourceUrl(),
        authorization_servers: [options.idp.authorizationServer ?? options.idp.issuer],
        scopes_supported: [...scopesSupported],
        bearer_methods_supported: ['header'],
        resource_name: config.AUTH_RESOURCE_NAME ?? packageInfo.name,
      }));
    },

    ...(options.isReady !== undefined && { isReady: options.isReady }),
    ...(options.close !== undefined && { close: options.close }),
  };
}
