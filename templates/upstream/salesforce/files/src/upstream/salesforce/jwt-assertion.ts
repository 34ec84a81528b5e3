import { sign, type KeyObject } from 'node:crypto';

export interface JwtBearerClaims {
  /** The external client app's consumer key. */
  readonly iss: string;
  /** The username the token is issued for. */
  readonly sub: string;
  readonly aud: string;
}

/**
 * Salesforce refuses assertions that expire more than three minutes after they are made; two
 * leave room for a clock that runs slightly ahead.
 */
const ASSERTION_LIFETIME_SECONDS = 120;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT bearer assertion (RFC 7523 section 2.1) signed with RS256, the one algorithm Salesforce accepts. */
export function signJwtBearerAssertion(claims: JwtBearerClaims, key: KeyObject, nowMs: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ ...claims, exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_SECONDS }));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}
