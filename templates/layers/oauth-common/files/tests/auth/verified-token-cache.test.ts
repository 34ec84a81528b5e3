import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { SigningKeys } from '../../src/auth/signing-keys.js';
import { InvalidToken } from '../../src/auth/token-errors.js';
import { createVerifiedTokenCache, type VerifiedTokenCacheOptions } from '../../src/auth/verified-token-cache.js';
import { createAccessTokenVerifier, verifyAccessToken, type TokenRules } from '../../src/auth/verify-token.js';
import { VirtualTime } from '../helpers/virtual-time.js';

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'https://mcp.example.test/mcp';
const KID = 'signing-key';

let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let keys: SigningKeys;
beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const getKey = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256' }] });
  keys = { getKey, ready: async () => true };
});

let time: VirtualTime;
beforeEach(() => {
  time = new VirtualTime();
});
const seconds = () => Math.floor(time.now() / 1000);

/** A token signed with the provider's key: valid for this server for 5 minutes from the virtual now, unless `claims` say otherwise. */
const sign = (claims: JWTPayload = {}) =>
  new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', iat: seconds(), exp: seconds() + 300, ...claims }).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(privateKey);

const rules = (overrides: Partial<TokenRules> = {}): TokenRules => ({ idp: { issuer: ISSUER }, audience: AUDIENCE, algorithms: ['RS256'], clockSkewSeconds: 0, ...overrides });

/** A cache over the real verification on the virtual clock, counting the tokens it verifies in full. */
function cacheOver(options: Partial<VerifiedTokenCacheOptions> & { rules?: TokenRules } = {}) {
  const tokenRules = options.rules ?? rules();
  const counter = { fullChecks: 0 };
  const cache = createVerifiedTokenCache(
    (token) => {
      counter.fullChecks += 1;
      return verifyAccessToken(token, keys, tokenRules, time.now);
    },
    { maxAgeSeconds: 60, clockSkewSeconds: tokenRules.clockSkewSeconds, now: time.now, ...options },
  );
  return Object.assign(counter, { cache });
}

describe('verified token cache', () => {
  it('checks the signature of a repeated token once and hands back the same claims', async () => {
    const verifier = cacheOver();
    const token = await sign();
    const first = await verifier.cache.verify(token);
    await expect(verifier.cache.verify(token)).resolves.toBe(first);
    expect(first).toMatchObject({ sub: 'alice' });
    expect(verifier.fullChecks).toBe(1);
  });

  it('keeps distinct tokens in distinct entries, each with its own claims', async () => {
    const verifier = cacheOver();
    const alice = await sign({ sub: 'alice' });
    const bob = await sign({ sub: 'bob' });
    await verifier.cache.verify(alice);
    await verifier.cache.verify(bob);
    await expect(verifier.cache.verify(alice)).resolves.toMatchObject({ sub: 'alice' });
    await expect(verifier.cache.verify(bob)).resolves.toMatchObject({ sub: 'bob' });
    expect(verifier.fullChecks).toBe(2);
    expect(verifier.cache.size).toBe(2);
  });

  it('checks in full a token differing from a remembered one in a single character of its signature', async () => {
    const verifier = cacheOver();
    const token = await sign();
    await verifier.cache.verify(token);
    // Not the last character: its low bits are padding that decoders ignore.
    const at = token.length - 2;
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    await expect(verifier.cache.verify(altered)).rejects.toThrow(new InvalidToken('The access token signature is invalid'));
    expect(verifier.fullChecks).toBe(2);
  });

  it('never remembers a refused token: each presentation is checked in full and refused', async () => {
    const verifier = cacheOver();
    const foreign = await sign({ aud: 'https://other.example.test/mcp' });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(verifier.cache.verify(foreign)).rejects.toThrow(new InvalidToken('The access token is not meant for this server (audience mismatch)'));
    }
    expect(verifier.fullChecks).toBe(2);
    expect(verifier.cache.size).toBe(0);
  });

  it('refuses a token that expires while remembered, for the reason a full verification gives', async () => {
    const verifier = cacheOver();
    const token = await sign({ exp: seconds() + 30 });
    await verifier.cache.verify(token);
    time.advance(30_000);
    const withoutCache = verifyAccessToken(token, keys, rules(), time.now);
    await expect(withoutCache).rejects.toThrow(new InvalidToken('The access token has expired'));
    await expect(verifier.cache.verify(token)).rejects.toThrow(new InvalidToken('The access token has expired'));
  });

  it('accepts a remembered token within the clock skew after its exp, as a full verification does', async () => {
    const verifier = cacheOver({ rules: rules({ clockSkewSeconds: 30 }) });
    const token = await sign({ exp: seconds() + 10 });
    await verifier.cache.verify(token);
    time.advance(20_000);
    await expect(verifier.cache.verify(token)).resolves.toMatchObject({ sub: 'alice' });
    time.advance(20_000);
    await expect(verifier.cache.verify(token)).rejects.toThrow(new InvalidToken('The access token has expired'));
  });

  it('reuses a verification for maxAgeSeconds at most, then checks the token in full again', async () => {
    const verifier = cacheOver({ maxAgeSeconds: 60 });
    const token = await sign({ exp: seconds() + 3600 });
    await verifier.cache.verify(token);
    time.advance(59_000);
    await verifier.cache.verify(token);
    expect(verifier.fullChecks).toBe(1);
    time.advance(1_000);
    await verifier.cache.verify(token);
    expect(verifier.fullChecks).toBe(2);
  });

  it('does not accept a token whose nbf is in the future before nbf, however often it is presented', async () => {
    const verifier = cacheOver();
    const token = await sign({ nbf: seconds() + 120, exp: seconds() + 600 });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(verifier.cache.verify(token)).rejects.toThrow(new InvalidToken('The access token is not valid yet'));
    }
    time.advance(120_000);
    await expect(verifier.cache.verify(token)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('refuses a remembered token once the clock steps back before its nbf', async () => {
    const verifier = cacheOver({ rules: rules({ clockSkewSeconds: 30 }) });
    // Accepted thanks to the skew: nbf is 20 s ahead.
    const token = await sign({ nbf: seconds() + 20, exp: seconds() + 600 });
    await verifier.cache.verify(token);
    time.advance(-60_000);
    await expect(verifier.cache.verify(token)).rejects.toThrow(new InvalidToken('The access token is not valid yet'));
    expect(verifier.fullChecks).toBe(1);
  });

  it('remembers at most maxEntries tokens, forgetting the oldest verification first', async () => {
    const verifier = cacheOver({ maxEntries: 2 });
    const [first, second, third] = await Promise.all(['first', 'second', 'third'].map((sub) => sign({ sub })));
    for (const token of [first, second, third]) await verifier.cache.verify(token!);
    expect(verifier.cache.size).toBe(2);
    await verifier.cache.verify(third!);
    await verifier.cache.verify(second!);
    expect(verifier.fullChecks).toBe(3);
    await verifier.cache.verify(first!);
    expect(verifier.fullChecks).toBe(4);
    expect(verifier.cache.size).toBe(2);
  });

  it('lets go of outdated entries when it remembers a new token, before the size bound is reached', async () => {
    const verifier = cacheOver({ maxAgeSeconds: 60 });
    await verifier.cache.verify(await sign({ sub: 'alice' }));
    await verifier.cache.verify(await sign({ sub: 'bob' }));
    time.advance(60_000);
    await verifier.cache.verify(await sign({ sub: 'carol' }));
    expect(verifier.cache.size).toBe(1);
  });

  it('checks every presentation in full when maxAgeSeconds is 0', async () => {
    const verifier = cacheOver({ maxAgeSeconds: 0 });
    const token = await sign();
    await verifier.cache.verify(token);
    await verifier.cache.verify(token);
    expect(verifier.fullChecks).toBe(2);
    expect(verifier.cache.size).toBe(0);
  });

  it('hands out claims that no request can change for the next one', async () => {
    const { cache } = cacheOver();
    const token = await sign({ roles: ['reader'] });
    const claims = await cache.verify(token);
    expect(() => {
      (claims.roles as string[]).push('admin');
    }).toThrow(TypeError);
    await expect(cache.verify(token)).resolves.toMatchObject({ roles: ['reader'] });
  });
});

describe('access token verifier', () => {
  it('keeps its verifications to itself: a verifier with other rules checks the token by its own', async () => {
    const token = await sign();
    const ours = createAccessTokenVerifier(keys, { ...rules(), audience: () => AUDIENCE }, { cacheSeconds: 60, now: time.now });
    const another = createAccessTokenVerifier(keys, { ...rules(), audience: () => 'https://another.example.test/mcp' }, { cacheSeconds: 60, now: time.now });
    await expect(ours(token)).resolves.toMatchObject({ sub: 'alice' });
    await expect(another(token)).rejects.toThrow(new InvalidToken('The access token is not meant for this server (audience mismatch)'));
  });

  it('drops what it verified for one audience when the audience it checks changes', async () => {
    let audience = AUDIENCE;
    const verify = createAccessTokenVerifier(keys, { ...rules(), audience: () => audience }, { cacheSeconds: 60, now: time.now });
    const token = await sign();
    await verify(token);
    audience = 'https://moved.example.test/mcp';
    await expect(verify(token)).rejects.toThrow(new InvalidToken('The access token is not meant for this server (audience mismatch)'));
  });
});
