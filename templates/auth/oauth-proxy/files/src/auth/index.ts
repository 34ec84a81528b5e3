import { createLocalJWKSet } from 'jose/jwks/local';
import type { JWK } from 'jose';
import type Provider from 'oidc-provider';

import type { Config } from '../config.js';
import { namespacedStore } from '../storage/store.js';
import { identityProvider } from '../upstream/index.js';
import { createAccounts } from './authorization-server/accounts.js';
import { createApprovals } from './authorization-server/approvals.js';
import { installInteractions } from './authorization-server/interactions.js';
import { mountAuthorizationServer } from './authorization-server/mount.js';
import { AS_PATHS, issuerOf } from './authorization-server/paths.js';
import { createAuthorizationServer } from './authorization-server/provider.js';
import { signingKeySet } from './authorization-server/signing-keys.js';
import { ownTokenIssuer, signedInIdentity } from './own-tokens.js';
import { MCP_PATH } from './resource.js';
import { createResourceServer } from './resource-server.js';
import { tenantAllowList } from './tenant-allow-list.js';
import type { Authenticator, AuthenticatorDeps } from './types.js';
import { upstreamSignInSettings } from './upstream-sign-in/from-config.js';
import { createUpstreamSignIn } from './upstream-sign-in/sign-in.js';
import { createUpstreamTokenVault } from './upstream-sign-in/token-vault.js';
import { createAccessTokenVerifier } from './verify-token.js';

export type { AuthenticatorDeps };

/**
 * This server is the OAuth authorization server its MCP clients use, and signs each user in at the
 * upstream behind it: clients receive this server's own short-lived tokens, and each tool call acts
 * with the caller's upstream tokens, which never leave the server.
 */
export async function createAuthenticator(config: Config, deps: AuthenticatorDeps): Promise<Authenticator> {
  const keySet = signingKeySet(config);
  if (keySet.ephemeral) deps.logger.warn('AUTH_SIGNING_KEYS is not set: access tokens are signed with a key made up for this process, so they stop working on restart and other replicas refuse them');
  const publicKeys = createLocalJWKSet({ keys: keySet.keys.map(({ d: _private, ...publicPart }) => publicPart as JWK) });
  const issuerString = () => issuerOf(deps.resourceUrl(), MCP_PATH);
  const issuer = () => new URL(issuerString());
  const ownIssuer = ownTokenIssuer(issuerString);

  const signIn = upstreamSignInSettings(config, () => `${issuerString()}${AS_PATHS.upstreamCallback}`);
  if ('problems' in signIn) deps.logger.warn({ missing: signIn.problems }, 'users cannot sign in until the upstream sign-in settings are complete');
  const upstreamSignIn = 'settings' in signIn ? createUpstreamSignIn(signIn.settings, { store: namespacedStore(deps.sealed, 'sign-in'), logger: deps.logger }) : undefined;

  let provider: Provider | undefined;
  const vault = createUpstreamTokenVault('settings' in signIn ? signIn.settings : undefined, {
    store: namespacedStore(deps.sealed, 'upstream-tokens'),
    logger: deps.logger,
    refreshBeforeMs: 60_000,
    // The upstream ended the user's session: the grant ends with it, so clients sign in again.
    onGrantEnded: async (grantId) => {
      await (await provider?.Grant.find(grantId))?.destroy();
    },
  });
  const accounts = createAccounts(namespacedStore(deps.sealed, 'accounts'), config.AUTH_REFRESH_TOKEN_TTL_SECONDS);
  const scopes = config.AUTH_SCOPES_SUPPORTED ?? [...deps.declaredScopes];

  const authorizationServer = () =>
    (provider ??= createAuthorizationServer(
      {
        issuer: issuerString(),
        resourceUrl: deps.resourceUrl(),
        scopes,
        signingKeys: keySet.keys,
        accessTokenTtlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlSeconds: config.AUTH_REFRESH_TOKEN_TTL_SECONDS,
        refreshTokenGraceSeconds: config.AUTH_REFRESH_TOKEN_GRACE_SECONDS,
        clients: config.AUTH_CLIENTS,
      },
      {
        store: namespacedStore(deps.sealed, 'authorization-server'),
        accounts,
        logger: deps.logger,
        ...(deps.fetch !== undefined && { fetch: deps.fetch }),
        onGrantRevoked: (grantId) => {
          vault.delete(grantId).catch((error: unknown) => deps.logger.warn({ err: error }, 'cannot delete the upstream tokens of a revoked grant'));
        },
      },
    ));

  const verify = createAccessTokenVerifier(
    { getKey: publicKeys, ready: async () => true },
    { idp: ownIssuer, audience: deps.resourceUrl, algorithms: [...new Set(keySet.keys.map((key) => key.alg))], clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS },
    { cacheSeconds: config.AUTH_VERIFIED_TOKEN_CACHE_SECONDS },
  );

  const resourceServer = createResourceServer(
    // The tenant in this server's tokens is the one the user signed in with: checked again on every
    // request, a tenant removed from AUTH_ALLOWED_TENANTS loses access at once.
    { AUTH_ALLOWED_TENANTS: config.AUTH_ALLOWED_TENANTS, AUTH_SCOPES_SUPPORTED: scopes, AUTH_RESOURCE_NAME: config.AUTH_RESOURCE_NAME },
    deps,
    {
      idp: ownIssuer,
      // This server's own token opens nothing upstream: a token exchange uses the user's upstream token instead.
      credentialsAreAccessToken: false,
      identify: async (token) => signedInIdentity(await verify(token), ownIssuer, vault, accounts),
    },
  );

  return {
    ...resourceServer,
    installRoutes(app) {
      resourceServer.installRoutes?.(app);
      const registrations = namespacedStore(deps.store, 'client-registrations');
      mountAuthorizationServer(app, issuer, authorizationServer, async (req) => {
        const { count } = await registrations.increment(req.ip ?? 'unknown', 3600);
        return count <= config.AUTH_REGISTRATIONS_PER_HOUR;
      });
      installInteractions(app, {
        provider: authorizationServer,
        issuer,
        resourceUrl: deps.resourceUrl,
        signIn: upstreamSignIn,
        problems: 'problems' in signIn ? signIn.problems : [],
        vault,
        accounts,
        approvals: createApprovals(namespacedStore(deps.sealed, 'approvals'), config.AUTH_REFRESH_TOKEN_TTL_SECONDS),
        store: namespacedStore(deps.sealed, 'interactions'),
        // Read only once someone signs in, which needs the identity provider settings: a server without them still starts.
        idp: () => identityProvider(config),
        admitsTenant: tenantAllowList(config.AUTH_ALLOWED_TENANTS),
        upstreamName: 'your identity provider',
        upstreamOrigins: async () => {
          const origin = await upstreamSignIn?.authorizationOrigin();
          return origin === undefined ? [] : [origin];
        },
        refreshTokenTtlSeconds: config.AUTH_REFRESH_TOKEN_TTL_SECONDS,
        logger: deps.logger,
      });
    },
  };
}
