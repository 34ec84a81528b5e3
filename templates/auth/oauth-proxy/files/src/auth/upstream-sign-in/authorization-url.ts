import type { UpstreamSignInSettings } from './settings.js';

/** The flow's own authorization request parameters, which authorizationParams cannot replace. */
const FLOW_PARAMETERS = new Set(['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce']);

/**
 * Where the user's browser goes to sign in: the upstream's authorization endpoint with a code
 * request (RFC 6749 section 4.1.1) bound to this sign-in by `state`, PKCE S256 (RFC 7636) and, for
 * OpenID Connect, a nonce. Query parameters the endpoint URL already has are kept.
 */
export function authorizationUrl(
  endpoint: URL,
  settings: UpstreamSignInSettings,
  request: { state: string; codeChallenge: string; nonce: string | null },
): URL {
  const url = new URL(endpoint);
  for (const [parameter, value] of Object.entries(settings.authorizationParams ?? {})) {
    if (!FLOW_PARAMETERS.has(parameter)) url.searchParams.set(parameter, value);
  }
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (request.nonce !== null) url.searchParams.set('nonce', request.nonce);
  return url;
}
