import type { Config } from '../../config.js';
import { identityProvider, identityProviderProblems } from '../../upstream/index.js';
import type { TokenClaims } from '../../upstream/types.js';
import type { UpstreamSignInSettings } from './settings.js';

/** What a sign-in asks an OpenID Connect provider for unless SIGN_IN_SCOPES says otherwise: who the user is, and refresh tokens. */
const OPENID_SIGN_IN_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/**
 * The upstream client users sign in through, from configuration: the upstream preset's identity
 * provider (its issuer, its endpoints where discovery cannot find them, how it names users, the
 * scopes its tools need) and this server's client there. Or every setting still missing, each
 * named with what to set it to: the server starts either way, and until the settings are complete
 * its sign-in pages say what is missing.
 */
export function upstreamSignInSettings(config: Config, redirectUri: () => string): { settings: UpstreamSignInSettings } | { problems: string[] } {
  const { SIGN_IN_CLIENT_ID: clientId, SIGN_IN_CLIENT_SECRET: clientSecret, SIGN_IN_CLIENT_AUTH_METHOD: clientAuthMethod } = config;
  const problems = [
    ...identityProviderProblems(config, { allowedTenants: config.AUTH_ALLOWED_TENANTS, signsUsersIn: true }),
    ...(clientId === undefined ? ["SIGN_IN_CLIENT_ID: this server's client ID at the identity provider (an authorization code client)"] : []),
    ...(clientSecret === undefined && clientAuthMethod !== 'none' ? ['SIGN_IN_CLIENT_SECRET: the secret of SIGN_IN_CLIENT_ID (or set SIGN_IN_CLIENT_AUTH_METHOD=none for a public client)'] : []),
  ];
  if (clientId === undefined || problems.length > 0) return { problems };
  const idp = identityProvider(config);
  // Without OpenID Connect the user is named by the token response: there is no ID token to ask for,
  // and openid would only be refused upstream.
  const openIdConnect = idp.signedInUserClaims === undefined;
  if (!openIdConnect && config.SIGN_IN_SCOPES?.includes('openid') === true) {
    return { problems: ['SIGN_IN_SCOPES: users sign in here with OAuth 2.0 without OpenID Connect; remove openid'] };
  }
  const scopes = config.SIGN_IN_SCOPES ?? (openIdConnect ? OPENID_SIGN_IN_SCOPES : []);
  return {
    settings: {
      issuer: idp.issuer,
      ...(idp.signInEndpoints !== undefined && { endpoints: idp.signInEndpoints }),
      ...(idp.signedInUserClaims !== undefined && { userClaims: (response: { readonly access_token: string }) => idp.signedInUserClaims?.(response) }),
      ...(idp.signInEndpoints !== undefined && idp.issuerFor !== undefined && { idTokenIssuer: (claims: TokenClaims) => idp.issuerFor?.(claims) }),
      clientId,
      ...(clientSecret !== undefined && clientAuthMethod !== 'none' && { clientSecret }),
      clientAuthMethod,
      scopes: [...new Set([...scopes, ...(idp.signInScopes ?? [])])],
      get redirectUri() {
        return redirectUri();
      },
      timeoutMs: config.SIGN_IN_TIMEOUT_MS,
    },
  };
}
