import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import type { Accounts } from './accounts.js';
import { isAllowedMetadataDocumentUrl } from './client-metadata-documents.js';
import { cookieKeys } from './cookie-keys.js';
import { renderErrorPage } from './error-page.js';
import { AS_PATHS } from './paths.js';
import type { PrivateSigningJwk } from './signing-keys.js';
import { storeAdapterFactory } from './store-adapter.js';

export interface AuthorizationServerSettings {
  issuer: string;
  /** The MCP endpoint: the one resource tokens are issued for (RFC 8707). */
  resourceUrl: string;
  /** Scopes clients may ask for, besides what OpenID Connect itself defines. */
  scopes: readonly string[];
  signingKeys: readonly PrivateSigningJwk[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a refresh token just exchanged still works (concurrent refreshes). */
  refreshTokenGraceSeconds: number;
  /** Clients configured by the operator, as RFC 7591 metadata. */
  clients: readonly Record<string, unknown>[];
}

export interface AuthorizationServerDeps {
  /** Namespaced and sealed: grants, codes and sessions name people. */
  store: Store;
  accounts: Accounts;
  logger: Logger;
  /** Fetches client metadata documents (the authorization server adds its address and size guards). */
  fetch?: typeof fetch;
  /** Called when a grant ends (revoked, or a replayed code ended it): its upstream tokens go with it. */
  onGrantRevoked(grantId: string): void;
}

function cookieNames(prefix: string) {
  return { session: `${prefix}mcp-session`, interaction: `${prefix}mcp-interaction`, resume: `${prefix}mcp-interaction-resume` };
}

/** Lifetime of the steps of one sign-in (consent page, upstream round trip). */
export const INTERACTION_TTL_SECONDS = 600;

/**
 * The OAuth 2.1 authorization server MCP clients see: authorization code with PKCE (S256 only),
 * refresh tokens that rotate, client ID metadata documents and dynamic registration, tokens bound to
 * this server's MCP endpoint. Who the user is comes from the interactions (interactions.ts), which
 * sign them in at the upstream.
 */
export function createAuthorizationServer(settings: AuthorizationServerSettings, deps: AuthorizationServerDeps): Provider {
  const prefix = new URL(settings.issuer).pathname.replace(/\/+$/, '');
  const [signingKey] = settings.signingKeys;
  if (signingKey === undefined) throw new Error('the authorization server needs a signing key');
  const secureCookies = settings.issuer.startsWith('https:');

  const configuration: Configuration = {
    ...(deps.fetch !== undefined && { fetch: deps.fetch as NonNullable<Configuration['fetch']> }),
    adapter: storeAdapterFactory(deps.store, { refreshTokenGraceSeconds: settings.refreshTokenGraceSeconds }),
    clients: settings.clients.map((client) => ({ ...client }) as ClientMetadata),
    jwks: { keys: settings.signingKeys.map((key) => ({ ...key })) as NonNullable<Configuration['jwks']>['keys'] },
    cookies: {
      keys: cookieKeys(settings.signingKeys),
      // Names of this server's own, so an identity provider on the same host cannot shadow them; over
      // https with the __Host- prefix, bound to this exact origin (no sibling subdomain can set them).
      names: cookieNames(secureCookies ? '__Host-' : ''),
      long: { httpOnly: true, sameSite: 'lax', path: '/' },
      short: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
    routes: {
      authorization: AS_PATHS.authorization,
      token: AS_PATHS.token,
      jwks: AS_PATHS.jwks,
      registration: AS_PATHS.registration,
      revocation: AS_PATHS.revocation,
    },
    // Clients that name no algorithm get ID tokens signed the way this server's keys sign.
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], id_token_signed_response_alg: signingKey.alg as 'ES256', token_endpoint_auth_method: 'none' },
    responseTypes: ['code'],
    // Listed so clients may register and request them; the grant (interactions.ts) holds them both as
    // authorization server scopes and as scopes of this server's one resource, which tokens carry.
    scopes: ['openid', 'offline_access', ...settings.scopes],
    claims: { openid: ['sub'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      revocation: { enabled: true },
      registration: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      clientIdMetadataDocument: {
        enabled: true,
        ack: 'draft-02',
        allowFetch: (_ctx: KoaContextWithOIDC, clientId: string) => isAllowedMetadataDocumentUrl(clientId),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => settings.resourceUrl,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource) {
          // One resource: this server's MCP endpoint. A token for anything else is never issued here.
          if (resource !== settings.resourceUrl) throw new errors.InvalidTarget('this authorization server issues tokens for its own MCP endpoint only');
          return {
            scope: settings.scopes.join(' '),
            audience: settings.resourceUrl,
            accessTokenTTL: settings.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: signingKey.alg as 'ES256' } },
          };
        },
      },
    } as Configuration['features'],
    // MCP clients rarely ask for offline_access; every client allowed the grant gets a refresh token.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    expiresWithSession: () => false,
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      RefreshToken: settings.refreshTokenTtlSeconds,
      Grant: settings.refreshTokenTtlSeconds,
      Session: settings.refreshTokenTtlSeconds,
      Interaction: INTERACTION_TTL_SECONDS,
    },
    interactions: { url: (_ctx, interaction) => `${prefix}${AS_PATHS.interaction}/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = await deps.accounts.find(id);
      return account === undefined ? undefined : { accountId: id, claims: () => ({ sub: id }) };
    },
    async extraTokenClaims(_ctx, token) {
      if (!('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      const account = await deps.accounts.find(token.accountId);
      return {
        // The tool calls of this token act with the upstream tokens of this grant.
        grant_id: token.grantId,
        roles: [...(account?.roles ?? [])],
        ...(account?.tenant !== undefined && { tenant: account.tenant }),
      };
    },
    // Browser-based clients (public, PKCE) may call the token endpoint from their redirect origin.
    clientBasedCORS: (_ctx, origin, client) => (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage(out.error_description ?? out.error);
    },
  };

  const provider = new Provider(settings.issuer, configuration);
  // Scheme and host are taken from the issuer before each request (public-request.ts), never from a client.
  provider.proxy = true;
  // RFC 6749 section 3.3: a request without scope gets this server's scopes (or openid when it has none).
  provider.use(async (ctx, next) => {
    if (ctx.path === AS_PATHS.authorization && ctx.method === 'GET' && (ctx.query.scope ?? '') === '') ctx.query = { ...ctx.query, scope: settings.scopes.length > 0 ? settings.scopes.join(' ') : 'openid' };
    await next();
  });
  provider.on('grant.revoked', (_ctx, grantId: string) => deps.onGrantRevoked(grantId));
  provider.on('server_error', (_ctx, error: Error) => deps.logger.error({ err: error }, 'authorization server failed'));
  return provider;
}
