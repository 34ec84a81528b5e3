import { createHash, createHmac, randomBytes } from 'node:crypto';

/** What a test gateway vouches for. */
export interface ForwardedIdentity {
  user?: string;
  scopes?: readonly string[];
  roles?: readonly string[];
  tenant?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
}

/** The request a test gateway forwards and signs. */
export interface ForwardedRequest {
  /** Default POST. */
  method?: string;
  /** Path and query as on the request line; default /mcp. */
  target?: string;
  /** The exact body bytes; default empty. */
  body?: string | Uint8Array;
  /** Default: 24 random bytes, base64url. */
  nonce?: string;
}

/**
 * Plays the gateway of GATEWAY_MODE=hmac, written from the documented recipe rather than from the
 * server's code: the identity headers, x-forwarded-timestamp, x-gateway-nonce and
 * Content-Digest (`sha-256=:<base64 SHA-256 of the body>:`), plus x-gateway-signature =
 * base64url(HMAC-SHA256(secret, lines joined with "\n")), the lines being
 * "mcp-gateway-request-v2", the method, the target, then `name:value` for x-forwarded-user,
 * x-forwarded-scopes, x-forwarded-roles, x-forwarded-tenant, x-forwarded-timestamp,
 * x-gateway-nonce and content-digest (empty value when absent).
 */
export function signedRequestHeaders(secret: string, identity: ForwardedIdentity, request: ForwardedRequest = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (identity.user !== undefined) headers['x-forwarded-user'] = identity.user;
  if (identity.scopes !== undefined) headers['x-forwarded-scopes'] = identity.scopes.join(' ');
  if (identity.roles !== undefined) headers['x-forwarded-roles'] = identity.roles.join(',');
  if (identity.tenant !== undefined) headers['x-forwarded-tenant'] = identity.tenant;
  headers['x-forwarded-timestamp'] = String(identity.timestamp ?? Math.floor(Date.now() / 1000));
  headers['x-gateway-nonce'] = request.nonce ?? randomBytes(24).toString('base64url');
  headers['content-digest'] = contentDigest(request.body ?? '');
  const lines = [
    'mcp-gateway-request-v2',
    request.method ?? 'POST',
    request.target ?? '/mcp',
    ...['x-forwarded-user', 'x-forwarded-scopes', 'x-forwarded-roles', 'x-forwarded-tenant', 'x-forwarded-timestamp', 'x-gateway-nonce', 'content-digest'].map(
      (name) => `${name}:${headers[name] ?? ''}`,
    ),
  ];
  const signature = createHmac('sha256', secret).update(lines.join('\n')).digest('base64url');
  return { ...headers, 'x-gateway-signature': signature };
}

/** The Content-Digest header (RFC 9530) of `body`. */
export function contentDigest(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/**
 * A fetch that plays the gateway in front of the server: it signs every request it sends for
 * `identity`, so an SDK client can talk to a server in hmac mode.
 */
export function gatewayFetch(secret: string, identity: ForwardedIdentity): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') throw new Error('the test gateway signs string bodies only');
    const signed = signedRequestHeaders(secret, identity, { method: init.method ?? 'GET', target: `${url.pathname}${url.search}`, body: init.body ?? '' });
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
}

/** A shared secret for tests: long enough for the configuration. */
export const TEST_GATEWAY_SECRET = 'test-gateway-secret-0123456789-abcdefghijklmnop';
