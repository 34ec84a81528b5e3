import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createUpstreamSignIn } from '../../../src/auth/upstream-sign-in/sign-in.js';
import { createUpstreamTokenVault, type UpstreamTokenVaultDeps } from '../../../src/auth/upstream-sign-in/token-vault.js';
import type { UpstreamTokenSet } from '../../../src/auth/upstream-sign-in/token-set.js';
import { entryKey } from '../../../src/auth/upstream-sign-in/vault-entry.js';
import { ToolError } from '../../../src/errors.js';
import { sealedStore } from '../../../src/storage/sealed-store.js';
import { sealingKeyring } from '../../../src/storage/sealing-keys.js';
import type { Store } from '../../../src/storage/store.js';
import { testConfig } from '../../helpers/config.js';
import { captureLogs } from '../../helpers/logs.js';
import { isolatedSealedStore, isolatedStore } from '../../helpers/test-store.js';
import { TestUpstream } from '../../helpers/upstream-provider.js';
import { CALLBACK, signInAs, signInSettings } from './fixture.js';

/** Access tokens live ten minutes; the vault refreshes them one minute ahead. */
const TOKEN_TTL_MS = 600_000;
const REFRESH_BEFORE_MS = 60_000;
const GRANT_TTL_SECONDS = 3600;

let upstream: TestUpstream;
beforeAll(async () => {
  upstream = await TestUpstream.start({ redirectUris: [CALLBACK], singleUseRefreshTokens: true, accessTokenTtlSeconds: TOKEN_TTL_MS / 1000 });
});
afterAll(async () => {
  await upstream.close();
});

/** The vault's clock: real time moved on by the test, as the upstream's token lifetimes are real. */
let skew = 0;
const now = () => Date.now() + skew;
/** Grants this server ended, in order. */
let endedGrants: string[];
let store: Store;
beforeEach(() => {
  skew = 0;
  endedGrants = [];
  store = isolatedSealedStore();
});

/** A replica's vault: each has its own process state, all share the store (and its sealing keys). */
function vault(overrides: Partial<UpstreamTokenVaultDeps> = {}) {
  return createUpstreamTokenVault(signInSettings(upstream), {
    store,
    logger: captureLogs().logger,
    onGrantEnded: async (grantId) => void endedGrants.push(grantId),
    refreshBeforeMs: REFRESH_BEFORE_MS,
    now,
    ...overrides,
  });
}

/** Alice's tokens, freshly obtained through a real sign-in. */
async function aliceTokens(): Promise<UpstreamTokenSet> {
  return signInAs(upstream, createUpstreamSignIn(signInSettings(upstream), { store, logger: captureLogs().logger }), 'alice');
}

async function callApi(token: string): Promise<number> {
  const response = await fetch(upstream.apiUrl, { headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('upstream token vault', () => {
  it('hands out the saved access token without asking the upstream', async () => {
    const tokens = await aliceTokens();
    const requests = upstream.tokenRequests.length;
    const tokenVault = vault();
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);

    expect(await tokenVault.accessToken('grant-1')).toEqual({ value: tokens.accessToken, expiresAt: tokens.expiresAt, ...(tokens.extras !== undefined && { extras: tokens.extras }) });
    expect(await tokenVault.tokens('grant-1')).toEqual(tokens);
    expect(upstream.tokenRequests.length).toBe(requests);
  });

  it('refreshes within refreshBeforeMs of expiry, not before, and keeps the rotated refresh token', async () => {
    const tokens = await aliceTokens();
    const tokenVault = vault();
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);
    const refreshes = upstream.refreshes;

    skew = TOKEN_TTL_MS - REFRESH_BEFORE_MS - 5_000;
    expect((await tokenVault.accessToken('grant-1')).value).toBe(tokens.accessToken);
    expect(upstream.refreshes).toBe(refreshes);

    skew = TOKEN_TTL_MS - REFRESH_BEFORE_MS + 5_000;
    const refreshed = await tokenVault.accessToken('grant-1');
    expect(refreshed.value).not.toBe(tokens.accessToken);
    expect(upstream.refreshes).toBe(refreshes + 1);
    expect(await callApi(refreshed.value)).toBe(200);
    const stored = await tokenVault.tokens('grant-1');
    expect(stored).toMatchObject({ accessToken: refreshed.value, subject: 'alice', claims: tokens.claims });
    expect(stored?.refreshToken).not.toBe(tokens.refreshToken);
    expect((await tokenVault.accessToken('grant-1')).value).toBe(refreshed.value);
    expect(upstream.refreshes).toBe(refreshes + 1);
  });

  it('refreshes once for concurrent calls on two replicas, though each refresh token works only once', async () => {
    await vault().save('grant-1', await aliceTokens(), GRANT_TTL_SECONDS);
    const refreshes = upstream.refreshes;
    const replicas = [vault(), vault()];
    skew = TOKEN_TTL_MS + 1_000;

    const results = await Promise.all(replicas.flatMap((replica) => [replica.accessToken('grant-1'), replica.accessToken('grant-1'), replica.accessToken('grant-1')]));
    expect(upstream.refreshes).toBe(refreshes + 1);
    expect(new Set(results.map((result) => result.value)).size).toBe(1);
    expect(await callApi(results[0]!.value)).toBe(200);
    expect(endedGrants).toEqual([]);
  });

  it('lets a caller give up waiting for a refresh without failing the others', async () => {
    const tokens = await aliceTokens();
    const tokenVault = vault();
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);
    skew = TOKEN_TTL_MS + 1_000;

    const impatient = new AbortController();
    const givingUp = tokenVault.accessToken('grant-1', impatient.signal);
    const waiting = tokenVault.accessToken('grant-1');
    impatient.abort(new Error('the caller went away'));
    expect(await rejection(givingUp)).toMatchObject({ message: 'the caller went away' });
    const refreshed = await waiting;
    expect(refreshed.value).not.toBe(tokens.accessToken);
    expect(await callApi(refreshed.value)).toBe(200);
  });

  it('ends the sign-in when the upstream refuses the refresh token: tokens deleted, grant ended, sign_in_again', async () => {
    const tokenVault = vault();
    await tokenVault.save('grant-1', await aliceTokens(), GRANT_TTL_SECONDS);
    await upstream.revokeGrants('alice');
    skew = TOKEN_TTL_MS + 1_000;
    const refreshes = upstream.refreshes;

    const error = await rejection(tokenVault.accessToken('grant-1'));
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ code: 'sign_in_again', message: expect.stringMatching(/Test Upstream sign-in has ended.*sign in again/i) });
    expect(upstream.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', error: 'invalid_grant' });
    expect(endedGrants).toEqual(['grant-1']);
    expect(await tokenVault.tokens('grant-1')).toBeUndefined();

    expect(await rejection(vault().accessToken('grant-1'))).toMatchObject({ code: 'sign_in_again' });
    expect(upstream.refreshes).toBe(refreshes + 1);
    expect(endedGrants).toEqual(['grant-1']);
  });

  it('ends the sign-in when the token has expired and there is no refresh token', async () => {
    const { refreshToken: _none, ...tokens } = await aliceTokens();
    const tokenVault = vault();
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);
    const refreshes = upstream.refreshes;

    skew = TOKEN_TTL_MS - REFRESH_BEFORE_MS + 5_000;
    expect((await tokenVault.accessToken('grant-1')).value).toBe(tokens.accessToken);
    skew = TOKEN_TTL_MS + 1_000;
    expect(await rejection(tokenVault.accessToken('grant-1'))).toMatchObject({ code: 'sign_in_again' });
    expect(endedGrants).toEqual(['grant-1']);
    expect(upstream.refreshes).toBe(refreshes);
  });

  it('refreshes a token the upstream refused, and ignores the report of one already replaced', async () => {
    const tokens = await aliceTokens();
    const tokenVault = vault();
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);
    const refreshes = upstream.refreshes;

    await tokenVault.invalidate('grant-1', tokens.accessToken);
    const replacement = await tokenVault.accessToken('grant-1');
    expect(replacement.value).not.toBe(tokens.accessToken);
    expect(upstream.refreshes).toBe(refreshes + 1);

    await tokenVault.invalidate('grant-1', tokens.accessToken);
    expect((await tokenVault.accessToken('grant-1')).value).toBe(replacement.value);
    expect(upstream.refreshes).toBe(refreshes + 1);
  });

  it('keeps serving a token that still works while the upstream cannot refresh it, then says it is unavailable', async () => {
    const tokens = await aliceTokens();
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const tokenVault = vault({ fetch: unreachable });
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);

    skew = TOKEN_TTL_MS - REFRESH_BEFORE_MS + 5_000;
    expect((await tokenVault.accessToken('grant-1')).value).toBe(tokens.accessToken);
    skew = TOKEN_TTL_MS + 1_000;
    expect(await rejection(tokenVault.accessToken('grant-1'))).toMatchObject({ code: 'upstream_unavailable' });
    expect(await tokenVault.tokens('grant-1')).toEqual(tokens);
    expect(endedGrants).toEqual([]);
  });

  it('keeps the tokens of a sign-in that is no longer configured, without ending it', async () => {
    const tokens = await aliceTokens();
    const unconfigured = createUpstreamTokenVault(undefined, { store, logger: captureLogs().logger, onGrantEnded: async (grantId) => void endedGrants.push(grantId), refreshBeforeMs: REFRESH_BEFORE_MS, now });
    await unconfigured.save('grant-1', tokens, GRANT_TTL_SECONDS);

    expect((await unconfigured.accessToken('grant-1')).value).toBe(tokens.accessToken);
    skew = TOKEN_TTL_MS + 1_000;
    expect(await rejection(unconfigured.accessToken('grant-1'))).toMatchObject({ code: 'upstream_unavailable', message: expect.stringMatching(/not configured/) });
    expect(await unconfigured.tokens('grant-1')).toEqual(tokens);
    expect(endedGrants).toEqual([]);
  });

  it('asks for a new sign-in once the tokens are deleted', async () => {
    const tokenVault = vault();
    await tokenVault.save('grant-1', await aliceTokens(), GRANT_TTL_SECONDS);
    await tokenVault.delete('grant-1');
    expect(await rejection(tokenVault.accessToken('grant-1'))).toMatchObject({ code: 'sign_in_again' });
  });

  it('stores no token in plaintext, before or after a refresh', async () => {
    const raw = isolatedStore();
    store = sealedStore(raw, sealingKeyring(testConfig()));
    const tokens = await aliceTokens();
    const tokenVault = vault();
    await tokenVault.save('grant-1', tokens, GRANT_TTL_SECONDS);
    const rawEntry = async () => JSON.stringify(await raw.get(entryKey('grant-1')));

    expect(await rawEntry()).toMatch(/"sealed":1/);
    for (const secret of [tokens.accessToken, tokens.refreshToken!, 'alice@example.com']) expect(await rawEntry()).not.toContain(secret);
    skew = TOKEN_TTL_MS + 1_000;
    const refreshed = await tokenVault.tokens('grant-1').then(() => tokenVault.accessToken('grant-1'));
    const after = await tokenVault.tokens('grant-1');
    for (const secret of [refreshed.value, after!.refreshToken!]) expect(await rawEntry()).not.toContain(secret);
  });
});
