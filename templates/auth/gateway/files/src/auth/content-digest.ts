import { createHash, timingSafeEqual } from 'node:crypto';

/** One member of a Content-Digest dictionary: `<algorithm>=:<base64>:` (a structured-field byte sequence). */
const MEMBER = /^([a-z][a-z0-9_.*-]*)=:([A-Za-z0-9+/]*={0,2}):$/;
const SHA256_BYTES = 32;

/**
 * The SHA-256 digest a Content-Digest header (RFC 9530) declares for the body: the `sha-256` member
 * of the dictionary, e.g. `sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:`. Digests with
 * other algorithms may stand beside it and are ignored. Undefined when the header is not a
 * well-formed dictionary of digests or has no 32-byte `sha-256` member.
 */
export function declaredSha256(header: string): Buffer | undefined {
  let sha256: Buffer | undefined;
  for (const member of header.split(',')) {
    const match = MEMBER.exec(member.trim());
    if (match === null) return undefined;
    if (match[1] === 'sha-256') sha256 = Buffer.from(match[2] ?? '', 'base64');
  }
  return sha256?.length === SHA256_BYTES ? sha256 : undefined;
}

/** Whether `body`, byte for byte, has the SHA-256 digest `expected`. */
export function bodyMatchesDigest(body: Buffer, expected: Buffer): boolean {
  const actual = createHash('sha256').update(body).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
