import { UpstreamAuthError, UpstreamUnavailableError, boundedMessage, type UpstreamErrorDetails } from './errors.js';
import { retryAfterMs } from './retry.js';
import type { AccessToken } from './token-source.js';

/**
 * One OAuth token request: a form POST answered with JSON (RFC 6749 section 4.4 client credentials,
 * RFC 7523 JWT bearer grants and client assertions, RFC 8693 token exchange all share this shape).
 */

/** How this server proves its identity to the token endpoint. */
export type ClientAuthentication =
  /** RFC 6749 section 2.3.1: HTTP Basic with the form-encoded client ID and secret. */
  | { method: 'client_secret_basic'; clientId: string; clientSecret: string }
  /** RFC 6749 section 2.3.1: client ID and secret in the form body. */
  | { method: 'client_secret_post'; clientId: string; clientSecret: string }
  /** RFC 7523 section 2.2: a JWT signed with the client's private key; a fresh one per request. */
  | { method: 'private_key_jwt'; clientId: string; assertion: () => Promise<string> }
  /** The grant itself authenticates (e.g. a JWT bearer grant, RFC 7523 section 2.1). */
  | { method: 'none' };

/** A successful token response (RFC 6749 section 5.1); issuers add fields of their own. */
export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  [key: string]: unknown;
}

export interface TokenRequestOptions {
  /** Display name of the upstream in errors. */
  upstream: string;
  tokenUrl: string;
  /** Grant parameters: `grant_type` and whatever it needs. */
  params: Record<string, string>;
  client: ClientAuthentication;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
}

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** OAuth errors that mean the token endpoint refused these credentials or this grant (RFC 6749 section 5.2). */
const CREDENTIALS_REFUSED = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client']);

/**
 * Requests a token. Refusals of this server's credentials or grant become UpstreamAuthError (naming
 * the OAuth error, never the secret); an endpoint that is down, unreachable or too slow becomes
 * UpstreamUnavailableError. A caller abort rejects with the signal's reason.
 */
export async function requestToken(options: TokenRequestOptions): Promise<TokenResponse> {
  const { upstream, client } = options;
  const now = options.now ?? Date.now;
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(options.params);
  switch (client.method) {
    case 'client_secret_basic':
      headers.authorization = basicAuthorization(client.clientId, client.clientSecret);
      break;
    case 'client_secret_post':
      body.set('client_id', client.clientId);
      body.set('client_secret', client.clientSecret);
      break;
    case 'private_key_jwt':
      body.set('client_id', client.clientId);
      body.set('client_assertion_type', JWT_BEARER_ASSERTION);
      body.set('client_assertion', await client.assertion());
      break;
    case 'none':
      break;
  }

  const timeout = AbortSignal.timeout(options.timeoutMs);
  const details: UpstreamErrorDetails = { upstream };
  let response: Response;
  let text: string;
  try {
    response = await fetch(options.tokenUrl, {
      method: 'POST',
      headers,
      body,
      // Credentials are never re-sent to wherever a redirect points.
      redirect: 'error',
      signal: options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]),
    });
    text = await response.text();
  } catch (error) {
    options.signal?.throwIfAborted();
    const reason = timeout.aborted ? 'timeout' : 'network';
    const what = reason === 'timeout' ? `did not answer within ${options.timeoutMs} ms` : 'cannot be reached';
    throw new UpstreamUnavailableError(`The ${upstream} token endpoint ${what}`, { ...details, reason }, { cause: error });
  }

  const answer = parseJson(text);
  if (response.ok) {
    if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
      throw new UpstreamUnavailableError(`The ${upstream} token endpoint answered without an access token`, { ...details, status: response.status });
    }
    return answer as TokenResponse;
  }

  const oauthError = typeof answer?.error === 'string' ? answer.error : undefined;
  const description = typeof answer?.error_description === 'string' ? answer.error_description : undefined;
  const answered = { ...details, status: response.status, ...(oauthError !== undefined && { upstreamCode: oauthError }) };
  if (response.status >= 500 || response.status === 429) {
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), now());
    throw new UpstreamUnavailableError(`The ${upstream} token endpoint is unavailable (HTTP ${response.status})`, {
      ...answered,
      reason: 'status',
      ...(retryAfter !== undefined && { retryAfterMs: retryAfter }),
    });
  }
  const refusal = oauthError !== undefined && CREDENTIALS_REFUSED.has(oauthError) ? "refused this server's credentials" : 'refused the token request';
  const said = withoutCredentials([oauthError, description].filter((part) => part !== undefined).join(': '), credentialsIn(body, client));
  throw new UpstreamAuthError(`The ${upstream} token endpoint ${refusal} (HTTP ${response.status})${said === '' ? '' : `: ${boundedMessage(said)}`}`, answered);
}

/**
 * The token to use from a token response. `expires_in` is read as seconds from `now` (taken before
 * the request, so the token is never believed valid longer than it is); some issuers send it as a string.
 */
export function accessTokenFrom(response: TokenResponse, now: number, apiBaseUrl?: string): AccessToken {
  const expiresIn = Number(response.expires_in);
  const expires = response.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0;
  return {
    value: response.access_token,
    ...(expires && { expiresAt: now + expiresIn * 1000 }),
    ...(apiBaseUrl !== undefined && { apiBaseUrl }),
  };
}

/** HTTP Basic credentials of an OAuth client (RFC 6749 section 2.3.1: both parts form-encoded first). */
function basicAuthorization(clientId: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Form fields that carry credentials (RFC 6749, RFC 7523, RFC 8693). */
const CREDENTIAL_FIELDS = ['client_secret', 'client_assertion', 'assertion', 'subject_token', 'actor_token', 'refresh_token', 'password'];

function credentialsIn(body: URLSearchParams, client: ClientAuthentication): string[] {
  const sent = CREDENTIAL_FIELDS.flatMap((field) => body.getAll(field));
  if (client.method === 'client_secret_basic') sent.push(client.clientSecret);
  return sent.filter((value) => value !== '');
}

/** Some token endpoints echo what they were sent; credentials must not travel on in an error message. */
function withoutCredentials(text: string, credentials: readonly string[]): string {
  return credentials.reduce((redacted, credential) => redacted.split(credential).join('[redacted]'), text);
}
