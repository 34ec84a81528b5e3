import type { AuthInfo } from '@modelcontextprotocol/server';

import type { Identity } from './types.js';

/**
 * The MCP SDK carries per-request authentication as `AuthInfo` from the HTTP layer to the server
 * factory. We ride our Identity along in `extra` so the factory hands tools the exact identity the
 * authenticator produced, without re-parsing tokens.
 */

const IDENTITY_KEY = 'identity';

export function identityToAuthInfo(identity: Identity, token = ''): AuthInfo {
  return {
    token,
    clientId: identity.clientId ?? identity.subject,
    scopes: [...identity.scopes],
    extra: { [IDENTITY_KEY]: identity },
  };
}

export function identityFromAuthInfo(authInfo: AuthInfo | undefined): Identity | undefined {
  const candidate = authInfo?.extra?.[IDENTITY_KEY];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { subject, scopes, roles } = candidate as Partial<Identity>;
  if (typeof subject !== 'string' || !Array.isArray(scopes) || !Array.isArray(roles)) return undefined;
  return candidate as Identity;
}
