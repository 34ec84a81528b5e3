import { createHmac } from 'node:crypto';

/** What a test gateway vouches for. */
export interface ForwardedIdentity {
  user?: string;
  scopes?: readonly string[];
  roles?: readonly string[];
  tenant?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
}

/**
 * Plays the gateway of GATEWAY_MODE=hmac, written from the documented format rather than from the
 * server's code: the identity headers plus x-gateway-signature = base64url(HMAC-SHA256(secret,
 * "mcp-gateway-identity-v1\nx-forwarded-user:<v>\nx-forwarded-scopes:<v>\nx-forwarded-roles:<v>\n
 * x-forwarded-tenant:<v>\nx-forwarded-timestamp:<v>")).
 */
export function signedIdentityHeaders(secret: string, identity: ForwardedIdentity): Record<string, string> {
  const headers: Record<string, string> = {};
  if (identity.user !== undefined) headers['x-forwarded-user'] = identity.user;
  if (identity.scopes !== undefined) headers['x-forwarded-scopes'] = identity.scopes.join(' ');
  if (identity.roles !== undefined) headers['x-forwarded-roles'] = identity.roles.join(',');
  if (identity.tenant !== undefined) headers['x-forwarded-tenant'] = identity.tenant;
  headers['x-forwarded-timestamp'] = String(identity.timestamp ?? Math.floor(Date.now() / 1000));
  const lines = ['x-forwarded-user', 'x-forwarded-scopes', 'x-forwarded-roles', 'x-forwarded-tenant', 'x-forwarded-timestamp'].map(
    (name) => `${name}:${headers[name] ?? ''}`,
  );
  const signature = createHmac('sha256', secret).update(['mcp-gateway-identity-v1', ...lines].join('\n')).digest('base64url');
  return { ...headers, 'x-gateway-signature': signature };
}

/** A shared secret for tests: long enough for the configuration. */
export const TEST_GATEWAY_SECRET = 'test-gateway-secret-0123456789-abcdefghijklmnop';
