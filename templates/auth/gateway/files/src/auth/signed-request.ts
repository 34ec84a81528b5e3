import { createHmac, timingSafeEqual } from 'node:crypto';

import type { Request } from 'express';

import { credentialHeader } from './bearer.js';
import { declaredSha256 } from './content-digest.js';
import { InvalidToken } from './token-errors.js';
import type { Identity } from './types.js';

/** Identity headers the gateway sets. */
export const IDENTITY_HEADERS = ['x-forwarded-user', 'x-forwarded-scopes', 'x-forwarded-roles', 'x-forwarded-tenant'] as const;
/** Unix time in seconds when the gateway signed. */
export const TIMESTAMP_HEADER = 'x-forwarded-timestamp';
/** A value the gateway never repeats, so each signed request is accepted once. */
export const NONCE_HEADER = 'x-gateway-nonce';
/** The SHA-256 digest of the body the gateway forwards (RFC 9530). */
export const DIGEST_HEADER = 'content-digest';
/** The gateway's signature over the canonical request string. */
export const SIGNATURE_HEADER = 'x-gateway-signature';

/** Headers whose values enter the canonical string, in its order. */
export const SIGNED_HEADERS = [...IDENTITY_HEADERS, TIMESTAMP_HEADER, NONCE_HEADER, DIGEST_HEADER] as const;
export type SignedHeader = (typeof SIGNED_HEADERS)[number];

const VERSION = 'mcp-gateway-request-v2';
const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** What the gateway signs about one request. */
export interface SignedRequestParts {
  /** The request method, e.g. POST. */
  readonly method: string;
  /** The request target as on the request line: path and query, e.g. /mcp or /mcp?tenant=acme. */
  readonly target: string;
  readonly headers: Readonly<Partial<Record<SignedHeader, string>>>;
}

/**
 * The string the gateway signs: a version line, the method, the request target, then one
 * `name:value` line per header of SIGNED_HEADERS in that order (an absent header has an empty
 * value), joined with "\n", no trailing newline.
 */
export function canonicalRequestString(parts: SignedRequestParts): string {
  return [VERSION, parts.method, parts.target, ...SIGNED_HEADERS.map((name) => `${name}:${parts.headers[name] ?? ''}`)].join('\n');
}

/** base64url (unpadded) HMAC-SHA256 of `canonical` with `secret`: the value of x-gateway-signature. */
export function requestSignature(secret: string, canonical: string): string {
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('base64url');
}

/** The gateway headers of a request, each read once (a repeated one is refused as malformed). */
export interface GatewayHeaders {
  readonly signed: Readonly<Partial<Record<SignedHeader, string>>>;
  readonly signature: string | undefined;
}

export function gatewayHeaders(req: Request): GatewayHeaders {
  const signed = Object.fromEntries(SIGNED_HEADERS.flatMap((name) => {
    const value = credentialHeader(req, name);
    return value === undefined ? [] : [[name, value]];
  })) as Partial<Record<SignedHeader, string>>;
  return { signed, signature: credentialHeader(req, SIGNATURE_HEADER) };
}

/** Whether the request carries anything the gateway sets: identity headers, timestamp, nonce or signature. */
export function hasGatewayHeaders({ signed, signature }: GatewayHeaders): boolean {
  const set: readonly SignedHeader[] = [...IDENTITY_HEADERS, TIMESTAMP_HEADER, NONCE_HEADER];
  return signature !== undefined || set.some((name) => signed[name] !== undefined);
}

/** A request whose signature verified: who is calling, and what only the body can still contradict. */
export interface SignedRequest {
  readonly identity: Identity;
  /** SHA-256 of the body the gateway forwarded, from the signed Content-Digest. */
  readonly bodySha256: Buffer;
  readonly nonce: string;
  /** Unix seconds when the gateway signed. */
  readonly timestamp: number;
}

/**
 * Checks the gateway's signature over the request's method, target and signed headers, with a
 * timestamp within `maxSkewSeconds` of this server's clock. The comparison takes the same time
 * whatever the signature. Throws InvalidToken otherwise. The body and the nonce are checked later,
 * once the body is read (src/auth/hmac-mode.ts).
 */
export function verifySignedRequest(req: Request, secret: string, maxSkewSeconds: number): SignedRequest {
  const { signed, signature } = gatewayHeaders(req);
  if (signature === undefined) throw new InvalidToken('Forwarded identity headers are accepted only when signed by the gateway');

  const timestamp = signed[TIMESTAMP_HEADER];
  if (timestamp === undefined || !TIMESTAMP.test(timestamp)) throw new InvalidToken(`The forwarded identity has no valid ${TIMESTAMP_HEADER}`);
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > maxSkewSeconds) throw new InvalidToken('The forwarded identity is stale or from the future');
  const nonce = signed[NONCE_HEADER];
  if (nonce === undefined || !NONCE.test(nonce)) throw new InvalidToken(`The gateway must send an ${NONCE_HEADER} of 16 to 128 letters, digits, "-" or "_", new for every request`);
  const bodySha256 = signed[DIGEST_HEADER] === undefined ? undefined : declaredSha256(signed[DIGEST_HEADER]);
  if (bodySha256 === undefined) throw new InvalidToken('The gateway must send a Content-Digest header with the sha-256 digest of the body (RFC 9530)');

  const expected = Buffer.from(requestSignature(secret, canonicalRequestString({ method: req.method, target: req.originalUrl, headers: signed })), 'base64url');
  const presented = SIGNATURE.test(signature) ? Buffer.from(signature, 'base64url') : Buffer.alloc(0);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new InvalidToken('The gateway signature over the forwarded request is invalid');
  }

  const subject = signed['x-forwarded-user'];
  if (subject === undefined || subject === '') throw new InvalidToken('The forwarded identity names no user');
  const tenant = signed['x-forwarded-tenant'];
  return {
    identity: {
      subject,
      ...(tenant !== undefined && tenant !== '' && { tenant }),
      scopes: names(signed['x-forwarded-scopes']),
      roles: names(signed['x-forwarded-roles']),
    },
    bodySha256,
    nonce,
    timestamp: Number(timestamp),
  };
}

/** A header list: names separated by spaces and/or commas. */
function names(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((item) => item.length > 0);
}
