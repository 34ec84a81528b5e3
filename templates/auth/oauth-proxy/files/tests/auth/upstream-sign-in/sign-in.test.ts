import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SignInError } from '../../../src/auth/upstream-sign-in/errors.js';
import { createUpstreamSignIn } from '../../../src/auth/upstream-sign-in/sign-in.js';
import type { UpstreamSignInSettings } from '../../../src/auth/upstream-sign-in/settings.js';
import { configuredSignIns } from '../../helpers/configured-sign-in.js';
import { captureLogs } from '../../helpers/logs.js';
import { isolatedSealedStore } from '../../helpers/test-store.js';
import { TestUpstream } from '../../helpers/upstream-provider.js';
import { CALLBACK, signInSettings } from './fixture.js';

let upstream: TestUpstream;
beforeAll(async () => {
  upstream = await TestUpstream.start({ redirectUris: [CALLBACK], extraTokenFields: { instance_url: 'https://eu42.example.com' } });
});
afterAll(async () => {
  await upstream.close();
});

function signIn(overrides: Partial<UpstreamSignInSettings> = {}, deps: { fetch?: typeof fetch } = {}) {
  return createUpstreamSignIn(signInSettings(upstream, overrides), { store: isolatedSealedStore(), logger: captureLogs().logger, ...deps });
}

/** What the test expects complete() to reject with. */
async function refusal(promise: Promise<unknown>): Promise<SignInError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SignInError);
  return error as SignInError;
}

/** Token requests for an authorization code so far. */
const codeExchanges = () => upstream.tokenRequests.filter((request) => request.grantType === 'authorization_code').length;

describe('upstream sign-in', () => {
  it('begins at the upstream authorization endpoint with an S256 challenge, a state and a nonce', async () => {
    const url = await signIn().begin('interaction-1');
    expect(url.origin + url.pathname).toBe(upstream.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: upstream.client.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid profile email offline_access',
      state: expect.stringMatching(/^[\w-]{32,}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
      nonce: expect.stringMatching(/^[\w-]{32,}$/),
    });
  });

  it('gives every sign-in a state of its own', async () => {
    const flow = signIn();
    const [first, second] = await Promise.all([flow.begin('interaction-1'), flow.begin('interaction-1')]);
    expect(first.searchParams.get('state')).not.toBe(second.searchParams.get('state'));
    expect(first.searchParams.get('code_challenge')).not.toBe(second.searchParams.get('code_challenge'));
  });

  it('adds the configured authorization parameters, but never in place of the flow own', async () => {
    const url = await signIn({ authorizationParams: { prompt: 'consent', access_type: 'offline', state: 'fixed', code_challenge_method: 'plain' } }).begin('interaction-1');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('state')).not.toBe('fixed');
    expect(url.searchParams.getAll('code_challenge_method')).toEqual(['S256']);
  });

  it('completes with the signed-in user tokens, subject and claims, for the interaction that began it', async () => {
    const flow = signIn();
    const startedAt = Date.now();
    const callback = await upstream.authorize(await flow.begin('interaction-7'), 'alice');
    const { interactionUid, tokens } = await flow.complete(callback, 'interaction-7');

    expect(interactionUid).toBe('interaction-7');
    expect(tokens).toMatchObject({
      subject: 'alice',
      claims: { name: 'Alice Adams', email: 'alice@example.com', preferred_username: 'alice', email_verified: true },
      refreshToken: expect.any(String),
      scope: expect.stringContaining('openid'),
    });
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(startedAt + 3_600_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    const me = await fetch(upstream.apiUrl, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(await me.json()).toMatchObject({ sub: 'alice' });
  });

  it('keeps the token response extra fields, such as an API instance URL', async () => {
    const flow = signIn();
    const { tokens } = await flow.complete(await upstream.authorize(await flow.begin('interaction-1'), 'bob'), 'interaction-1');
    expect(tokens.subject).toBe('bob');
    expect(tokens.extras).toEqual({ instance_url: 'https://eu42.example.com' });
  });

  it('refuses a replayed callback: a state is used once', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-1'), 'alice');
    await flow.complete(callback, 'interaction-1');
    const exchanges = codeExchanges();

    const error = await refusal(flow.complete(callback, 'interaction-1'));
    expect(error.code).toBe('sign_in_expired');
    expect(codeExchanges()).toBe(exchanges);
  });

  it('refuses a callback whose state was never issued, and one without a state, leaving the real one usable', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-1'), 'alice');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const stateless = new URL(callback);
    stateless.searchParams.delete('state');
    const exchanges = codeExchanges();

    expect((await refusal(flow.complete(forged, 'interaction-1'))).code).toBe('sign_in_expired');
    expect((await refusal(flow.complete(stateless, 'interaction-1'))).code).toBe('sign_in_expired');
    expect(codeExchanges()).toBe(exchanges);
    expect((await flow.complete(callback, 'interaction-1')).tokens.subject).toBe('alice');
  });

  it('refuses a callback naming another issuer (RFC 9207), for the interaction it answers', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-3'), 'alice');
    expect(callback.searchParams.get('iss')).toBe(upstream.issuer);
    callback.searchParams.set('iss', 'https://attacker.example.com');

    const error = await refusal(flow.complete(callback, 'interaction-3'));
    expect(error).toMatchObject({ code: 'invalid_callback', interactionUid: 'interaction-3' });
    // Nothing the upstream sent rides along in the cause chain, to end up in a log line.
    expect(inspect(error, { depth: Infinity })).not.toContain(callback.searchParams.get('code'));
  });

  it('turns a declined consent into a SignInError for the interaction, without a token request', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-4'), 'alice', { consent: 'decline' });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const exchanges = codeExchanges();

    const error = await refusal(flow.complete(callback, 'interaction-4'));
    expect(error).toMatchObject({ code: 'sign_in_refused', upstreamError: 'access_denied', interactionUid: 'interaction-4' });
    expect(error.message).toMatch(/declined/);
    expect(codeExchanges()).toBe(exchanges);
  });

  it('refuses a code the upstream does not accept', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-5'), 'alice');
    callback.searchParams.set('code', 'not-a-code');

    const error = await refusal(flow.complete(callback, 'interaction-5'));
    expect(error).toMatchObject({ code: 'code_exchange_refused', upstreamError: 'invalid_grant', interactionUid: 'interaction-5' });
  });

  it('refuses, before any code exchange, a callback brought by another browser than the one that began the sign-in', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-6'), 'alice');
    const exchanges = codeExchanges();

    expect((await refusal(flow.complete(callback, 'interaction-of-another-browser'))).code).toBe('invalid_callback');
    expect((await refusal(flow.complete(callback, undefined))).code).toBe('sign_in_expired');
    expect(codeExchanges()).toBe(exchanges);
  });

  it('refuses a callback that is not this server callback', async () => {
    const flow = signIn();
    const callback = await upstream.authorize(await flow.begin('interaction-1'), 'alice');
    const elsewhere = new URL(callback.search, 'https://mcp.example.com/other/path');
    expect((await refusal(flow.complete(elsewhere, 'interaction-1'))).code).toBe('invalid_callback');
  });

  it('talks plain http to an issuer on this machine only', async () => {
    const requested: string[] = [];
    const recording: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response('{}', { status: 500 });
    };
    const error = await refusal(signIn({ issuer: 'http://upstream.example.com' }, { fetch: recording }).begin('interaction-1'));
    expect(error.code).toBe('upstream_unavailable');
    expect(requested).toEqual([]);
  });
});

describe('upstream sign-in as the server configures it', () => {
  const begin = configuredSignIns(CALLBACK);

  it('signs a user in at the preset’s identity provider with this server’s client there', async () => {
    const { upstream, signIn, requested } = await begin();
    const callback = await upstream.authorize(await signIn.begin('interaction-1'), 'alice');
    expect((await signIn.complete(callback, 'interaction-1')).tokens).toMatchObject({ subject: 'alice', accessToken: expect.any(String) });
    expect(requested).toContain(upstream.tokenEndpoint);
  });
});
