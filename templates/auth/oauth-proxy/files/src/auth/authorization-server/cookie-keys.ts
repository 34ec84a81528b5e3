import { createHash, hkdfSync } from 'node:crypto';

import type { PrivateSigningJwk } from './signing-keys.js';

/**
 * Keys that sign the authorization server's cookies (its session and the interaction in progress),
 * derived from the token signing keys: every replica holds those already, so a sign-in started on one
 * replica finishes on another, and rotating the signing keys rotates these with them (the first signs,
 * the others still verify).
 */
export function cookieKeys(signingKeys: readonly PrivateSigningJwk[]): string[] {
  return signingKeys.map((key) => {
    const secret = createHash('sha256').update(key.d).digest();
    return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mcp-authorization-server-cookies', 32)).toString('base64url');
  });
}
