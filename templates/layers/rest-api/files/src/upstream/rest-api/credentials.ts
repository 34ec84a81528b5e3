import { ToolError } from '../../errors.js';
import { staticTokenSource } from '../http/api-key.js';
import { clientCredentialsTokenSource } from '../http/client-credentials.js';
import type { SharedTokenCache } from '../http/shared-token-cache.js';
import { signedInUserTokenSource } from '../http/signed-in-user.js';
import type { AccessToken, TokenSource } from '../http/token-source.js';
import type { RestApiAuth } from './resolve-settings.js';
import { tokenExchangeTokenSource } from './token-exchange.js';

/** What the upstream client needs to authenticate its requests. */
export interface RestApiCredentials {
  tokenSource?: TokenSource;
  authorization?: (token: AccessToken) => Record<string, string>;
}

export interface CredentialTiming {
  refreshBeforeMs: number;
  timeoutMs: number;
  now?: () => number;
  /** Where replicas share the tokens. */
  tokenCache: SharedTokenCache;
}

/** The token source (and, for API keys, the header) of an authentication mode. */
export function restApiCredentials(auth: RestApiAuth, timing: CredentialTiming): RestApiCredentials {
  const { refreshBeforeMs, timeoutMs, tokenCache } = timing;
  const now = timing.now === undefined ? {} : { now: timing.now };
  switch (auth.mode) {
    case 'none':
      return {};
    case 'signed_in_user':
      return { tokenSource: signedInUserTokenSource({ notSignedIn }) };
    case 'api_key':
      return { tokenSource: staticTokenSource(auth.key), authorization: (token) => ({ [auth.header]: token.value }) };
    case 'client_credentials':
      return {
        tokenSource: clientCredentialsTokenSource({
          upstream: auth.issuer,
          tokenUrl: auth.tokenUrl,
          client: auth.client,
          ...auth.params,
          refreshBeforeMs,
          timeoutMs,
          tokenCache,
          ...now,
        }),
      };
    case 'token_exchange':
      return {
        tokenSource: tokenExchangeTokenSource({
          upstream: auth.issuer,
          tokenUrl: auth.tokenUrl,
          client: auth.client,
          ...(auth.params.audience !== undefined && { audience: auth.params.audience }),
          ...(auth.params.scope !== undefined && { scope: auth.params.scope }),
          refreshBeforeMs,
          timeoutMs,
          tokenCache,
          ...now,
        }),
      };
  }
}

function notSignedIn(): ToolError {
  return new ToolError(
    'sign_in_required',
    'The REST API is called as the signed-in user (UPSTREAM_API_AUTH=signed_in_user), and this caller did not sign in through this server. ' +
      'Connect over HTTP with an MCP client that signs in; for stdio, set UPSTREAM_API_AUTH to another mode.',
  );
}
