import { generateKeyPairSync } from 'node:crypto';

import { z } from 'zod';

/** The variable holding the private keys this server signs its access tokens with. */
export const SIGNING_KEYS_VARIABLE = 'AUTH_SIGNING_KEYS';

/** A command that prints a fresh value for the variable, quoted in every message that asks for one. */
export const MAKE_SIGNING_KEY_COMMAND =
  `node -e "const {generateKeyPairSync,randomUUID}=require('node:crypto');` +
  `const k=generateKeyPairSync('ec',{namedCurve:'P-256'}).privateKey.export({format:'jwk'});` +
  `console.log(JSON.stringify({keys:[{...k,kid:randomUUID(),alg:'ES256',use:'sig'}]}))"`;

/** Algorithms a key may sign with, by key type; the JWK's `alg` must name one. */
const ALGORITHMS_BY_KEY_TYPE: Record<string, readonly string[]> = {
  RSA: ['RS256', 'PS256'],
  EC: ['ES256'],
  OKP: ['EdDSA'],
};

/** A private signing key as a JWK; `kid` and `alg` are required so tokens name the key and verifiers know the algorithm. */
export interface PrivateSigningJwk {
  readonly kty: string;
  readonly kid: string;
  readonly alg: string;
  readonly d: string;
  readonly [parameter: string]: unknown;
}

export interface SigningKeySet {
  /** The first key signs; every key stays published for verification (rotation). */
  readonly keys: readonly PrivateSigningJwk[];
  /** Made up at start because none was configured: tokens stop verifying after a restart, and replicas disagree. */
  readonly ephemeral: boolean;
}

const FORMAT_HINT = `expected a JSON Web Key Set of private keys, {"keys":[{...,"kid":"...","alg":"ES256"}]}, the first signing and the rest only verifying; make one with ${MAKE_SIGNING_KEY_COMMAND}`;

/** `AUTH_SIGNING_KEYS` as the config schema parses it. The value is a secret: messages never echo it. */
export const signingKeysSetting = z.string().transform((value, ctx): PrivateSigningJwk[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not JSON; ${FORMAT_HINT}` });
    return z.NEVER;
  }
  const keys = typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { keys?: unknown }).keys) ? (parsed as { keys: unknown[] }).keys : undefined;
  if (keys === undefined || keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: `no keys; ${FORMAT_HINT}` });
    return z.NEVER;
  }
  const seen = new Set<string>();
  for (const [index, key] of keys.entries()) {
    const problem = signingKeyProblem(key, seen);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: `key ${index + 1} ${problem}; ${FORMAT_HINT}` });
      return z.NEVER;
    }
  }
  return keys as PrivateSigningJwk[];
});

function signingKeyProblem(key: unknown, seen: Set<string>): string | undefined {
  if (typeof key !== 'object' || key === null) return 'is not an object';
  const { kty, kid, alg, d } = key as Record<string, unknown>;
  if (typeof kid !== 'string' || kid.length === 0) return 'has no "kid"';
  if (seen.has(kid)) return `repeats the kid "${kid}"`;
  seen.add(kid);
  if (typeof d !== 'string') return `("${kid}") is not a private key`;
  const allowed = typeof kty === 'string' ? ALGORITHMS_BY_KEY_TYPE[kty] : undefined;
  if (allowed === undefined) return `("${kid}") has an unsupported "kty"`;
  if (typeof alg !== 'string' || !allowed.includes(alg)) return `("${kid}") needs "alg" set to one of ${allowed.join(', ')}`;
  return undefined;
}

interface SigningKeySettings {
  readonly NODE_ENV: string;
  readonly AUTH_SIGNING_KEYS?: readonly PrivateSigningJwk[] | undefined;
}

/**
 * In production the keys must be configured: a key made up per process would make every replica
 * refuse the others' tokens and every restart sign everyone out.
 */
export function signingKeysConfigProblems(settings: SigningKeySettings): string[] {
  if (settings.AUTH_SIGNING_KEYS !== undefined || settings.NODE_ENV !== 'production') return [];
  return [
    `${SIGNING_KEYS_VARIABLE}: required in production; the private keys this server signs its access tokens with, the same on every replica. ` +
      `Make one with ${MAKE_SIGNING_KEY_COMMAND} and keep it with your other secrets.`,
  ];
}

/** The configured keys, or one ES256 key made up for this process (development, tests). */
export function signingKeySet(settings: SigningKeySettings): SigningKeySet {
  if (settings.AUTH_SIGNING_KEYS !== undefined) return { keys: settings.AUTH_SIGNING_KEYS, ephemeral: false };
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const key = { ...jwk, kty: 'EC', d: jwk.d ?? '', kid: `ephemeral-${Date.now().toString(36)}`, alg: 'ES256', use: 'sig' };
  return { keys: [key], ephemeral: true };
}
