import { createHmac, timingSafeEqual } from 'node:crypto';

import type { Request } from 'express';

import type { Identity } from './types.js';
import { InvalidToken } from './token-errors.js';

/** Identity headers the gateway sets, in the order they enter the signed string. */
export const IDENTITY_HEADERS = ['x-forwarded-user', 'x-forwarded-scopes', 'x-forwarded-roles', 'x-forwarded-tenant', 'x-forwarded-timestamp'] as const;
/** Header carrying the gateway's signature over the identity headers. */
export const SIGNATURE_HEADER = 'x-gateway-signature';

const VERSION = 'mcp-gateway-identity-v1';

/**
 * The string the gateway signs: a version line, then one `name:value` line per identity header in
 * IDENTITY_HEADERS order (an absent header has an empty value), joined with "\n", no trailing newline.
 */
export function canonicalIdentityString(values: Readonly<Partial<Record<(typeof IDENTITY_HEADERS)[number], string>>>): string {
  return [VERSION, ...IDENTITY_HEADERS.map((name) => `${name}:${values[name] ?? ''}`)].join('\n');
}

/** base64url (unpadded) HMAC-SHA256 of `canonical` with `secret`: the value of x-gateway-signature. */
export function identitySignature(secret: string, canonical: string): string {
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('base64url');
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Whether the request carries any gateway identity header or signature. */
export function hasForwardedIdentity(req: Request): boolean {
  return [...IDENTITY_HEADERS, SIGNATURE_HEADER].some((name) => header(req, name) !== undefined);
}

/** A header list: names separated by spaces and/or commas. */
function names(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((item) => item.length > 0);
}

/**
 * The identity in the request's forwarded headers, accepted only with a valid signature from the
 * gateway over exactly those headers and a timestamp within `maxSkewSeconds` of this server's clock.
 * The comparison takes the same time whatever the signature. Throws InvalidToken otherwise.
 */
export function verifySignedIdentity(req: Request, secret: string, maxSkewSeconds: number): Identity {
  const signature = header(req, SIGNATURE_HEADER);
  if (signature === undefined) throw new InvalidToken('Forwarded identity headers are accepted only when signed by the gateway');
  const values = Object.fromEntries(IDENTITY_HEADERS.map((name) => [name, header(req, name)]).filter(([, value]) => value !== undefined));

  const timestamp = values['x-forwarded-timestamp'];
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) throw new InvalidToken('The forwarded identity has no valid x-forwarded-timestamp');
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > maxSkewSeconds) throw new InvalidToken('The forwarded identity is stale or from the future');

  const expected = Buffer.from(identitySignature(secret, canonicalIdentityString(values)), 'base64url');
  const presented = /^[A-Za-z0-9_-]{43}$/.test(signature) ? Buffer.from(signature, 'base64url') : Buffer.alloc(0);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new InvalidToken('The gateway signature over the forwarded identity is invalid');
  }

  const subject = values['x-forwarded-user'];
  if (subject === undefined || subject === '') throw new InvalidToken('The forwarded identity names no user');
  const tenant = values['x-forwarded-tenant'];
  return {
    subject,
    ...(tenant !== undefined && tenant !== '' && { tenant }),
    scopes: names(values['x-forwarded-scopes']),
    roles: names(values['x-forwarded-roles']),
  };
}
