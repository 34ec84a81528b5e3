import type { ClientAuthentication } from '../http/token-endpoint.js';
import type { RestApiConfig } from './settings.js';
import type { RestApiTokenIssuer, TokenRequestParams } from './token-issuer.js';

/** How requests to the REST API are authenticated, with everything each mode needs. */
export type RestApiAuth =
  | { readonly mode: 'none' }
  | { readonly mode: 'signed_in_user' }
  | { readonly mode: 'api_key'; readonly key: string; readonly header: string }
  | {
      readonly mode: 'client_credentials' | 'token_exchange';
      /** Display name of the identity provider in errors. */
      readonly issuer: string;
      readonly tokenUrl: string;
      readonly client: ClientAuthentication;
      readonly params: TokenRequestParams;
    };

/** Complete settings of the REST API client. */
export interface RestApiSettings {
  readonly baseUrl: string;
  readonly allowedCollections: readonly string[] | undefined;
  readonly auth: RestApiAuth;
}

export type RestApiResolution = { readonly settings: RestApiSettings } | { readonly problems: string[] };

const API_URL_PROBLEM = 'UPSTREAM_API_URL: required by the api_* tools; the base URL of the REST API, e.g. https://api.example.com/v1';

/**
 * The REST API settings, or every setting still missing (each named, with what to set it to), so an
 * operator fixes them in one pass.
 */
export function resolveRestApiSettings(config: RestApiConfig, issuer: RestApiTokenIssuer): RestApiResolution {
  const auth = resolveAuth(config, issuer);
  const problems = [...(config.UPSTREAM_API_URL === undefined ? [API_URL_PROBLEM] : []), ...('problems' in auth ? auth.problems : [])];
  if (config.UPSTREAM_API_URL === undefined || 'problems' in auth) return { problems };
  return { settings: { baseUrl: config.UPSTREAM_API_URL, allowedCollections: config.UPSTREAM_API_COLLECTIONS, auth } };
}

function resolveAuth(config: RestApiConfig, issuer: RestApiTokenIssuer): RestApiAuth | { problems: string[] } {
  const mode = config.UPSTREAM_API_AUTH;
  const requiredFor = `required when UPSTREAM_API_AUTH is ${mode}`;
  switch (mode) {
    case 'none':
      return { mode };
    case 'signed_in_user': {
      const problems = issuer.missingFor(mode);
      return problems.length > 0 ? { problems } : { mode };
    }
    case 'api_key':
      return config.UPSTREAM_API_KEY === undefined
        ? { problems: [`UPSTREAM_API_KEY: ${requiredFor}; the key the REST API issued to this server`] }
        : { mode, key: config.UPSTREAM_API_KEY, header: config.UPSTREAM_API_KEY_HEADER };
    case 'client_credentials':
    case 'token_exchange': {
      const params = mode === 'client_credentials' ? issuer.clientCredentials : issuer.tokenExchange;
      const { UPSTREAM_CLIENT_ID: clientId, UPSTREAM_CLIENT_SECRET: clientSecret } = config;
      const tokenUrl = config.UPSTREAM_TOKEN_URL !== undefined ? { url: config.UPSTREAM_TOKEN_URL } : issuer.tokenUrl;
      const problems = [
        ...(params === undefined ? [`UPSTREAM_API_AUTH: ${issuer.name} does not support ${mode}`] : []),
        ...(clientId === undefined ? [`UPSTREAM_CLIENT_ID: ${requiredFor}; this server's OAuth client ID at ${issuer.name}, e.g. mcp-server`] : []),
        ...(clientSecret === undefined ? [`UPSTREAM_CLIENT_SECRET: ${requiredFor}; the client secret of UPSTREAM_CLIENT_ID`] : []),
        ...('missing' in tokenUrl ? [tokenUrl.missing] : []),
        ...issuer.missingFor(mode),
      ];
      if (params === undefined || clientId === undefined || clientSecret === undefined || 'missing' in tokenUrl || problems.length > 0) {
        return { problems };
      }
      return {
        mode,
        issuer: issuer.name,
        tokenUrl: tokenUrl.url,
        client: { method: config.UPSTREAM_CLIENT_AUTH_METHOD, clientId, clientSecret },
        params,
      };
    }
  }
}
