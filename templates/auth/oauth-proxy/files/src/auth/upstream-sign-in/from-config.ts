import type { Config } from '../../config.js';
import type { UpstreamSignInSettings } from './settings.js';

/**
 * The upstream client users sign in through, from configuration, or every setting still missing
 * (each named, with what to set it to). The server starts either way: until the settings are
 * complete, the authorization pages say what is missing.
 */
export function upstreamSignInSettings(config: Config, redirectUri: () => string): { settings: UpstreamSignInSettings } | { problems: string[] } {
  const { OIDC_ISSUER: issuer, SIGN_IN_CLIENT_ID: clientId, SIGN_IN_CLIENT_SECRET: clientSecret, SIGN_IN_CLIENT_AUTH_METHOD: clientAuthMethod } = config;
  const problems = [
    ...(issuer === undefined ? ['OIDC_ISSUER: the issuer URL of the identity provider users sign in at, e.g. https://idp.example.com'] : []),
    ...(clientId === undefined ? ["SIGN_IN_CLIENT_ID: this server's client ID at the identity provider (an authorization code client)"] : []),
    ...(clientSecret === undefined && clientAuthMethod !== 'none' ? [`SIGN_IN_CLIENT_SECRET: the secret of SIGN_IN_CLIENT_ID (or set SIGN_IN_CLIENT_AUTH_METHOD=none for a public client)`] : []),
  ];
  if (issuer === undefined || clientId === undefined || problems.length > 0) return { problems };
  return {
    settings: {
      issuer,
      clientId,
      ...(clientSecret !== undefined && clientAuthMethod !== 'none' && { clientSecret }),
      clientAuthMethod,
      scopes: config.SIGN_IN_SCOPES,
      get redirectUri() {
        return redirectUri();
      },
      timeoutMs: config.SIGN_IN_TIMEOUT_MS,
    },
  };
}
