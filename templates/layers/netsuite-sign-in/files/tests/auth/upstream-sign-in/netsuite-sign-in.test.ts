import { afterEach, describe, expect, it } from 'vitest';

import { SignInError } from '../../../src/auth/upstream-sign-in/errors.js';
import { upstreamSignInSettings } from '../../../src/auth/upstream-sign-in/from-config.js';
import { createUpstreamSignIn } from '../../../src/auth/upstream-sign-in/sign-in.js';
import { testConfig } from '../../helpers/config.js';
import { captureLogs } from '../../helpers/logs.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import { isolatedSealedStore } from '../../helpers/test-store.js';
import { TestUpstream, type TestUpstreamOptions } from '../../helpers/upstream-provider.js';
import { CALLBACK } from './fixture.js';

/** Signing in at a test upstream playing a NetSuite account, with the settings the server reads; `requested` lists every URL it asked. */
async function netSuiteSignIn(options: Partial<TestUpstreamOptions> = {}, env: Record<string, string> = {}) {
  const upstream = await TestUpstream.start({ redirectUris: [CALLBACK], ...options });
  const config = testConfig({ ...presetTestIdp.serverEnv(upstream.issuer), SIGN_IN_CLIENT_ID: upstream.client.clientId, SIGN_IN_CLIENT_SECRET: upstream.client.clientSecret, ...env });
  const read = upstreamSignInSettings(config, () => CALLBACK);
  if (!('settings' in read)) throw new Error(`incomplete sign-in settings: ${read.problems.join('; ')}`);
  const requested: string[] = [];
  const fetchAndRecord: typeof fetch = async (input, init) => {
    requested.push(input instanceof Request ? input.url : String(input));
    return fetch(input, init);
  };
  const signIn = createUpstreamSignIn(read.settings, { store: isolatedSealedStore(), logger: captureLogs().logger, fetch: fetchAndRecord });
  return { upstream, signIn, requested };
}

describe('signing users in at NetSuite', () => {
  const started: TestUpstream[] = [];
  const begin = async (...args: Parameters<typeof netSuiteSignIn>) => {
    const bed = await netSuiteSignIn(...args);
    started.push(bed.upstream);
    return bed;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((upstream) => upstream.close()));
  });

  it('sends the user to the account’s sign-in page for the NetSuite scopes, with PKCE and without OpenID Connect', async () => {
    const { upstream, signIn, requested } = await begin();
    const url = await signIn.begin('interaction-1');
    expect(url.origin + url.pathname).toBe(upstream.authorizationEndpoint);
    expect(url.searchParams.get('scope')).toBe('rest_webservices');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.has('nonce')).toBe(false);
    expect(requested).toEqual([]);
  });

  it('completes with the user NetSuite’s access token names, without asking for any metadata', async () => {
    const { upstream, signIn, requested } = await begin();
    const callback = await upstream.authorize(await signIn.begin('interaction-1'), 'alice');
    const { tokens, identityClaims } = await signIn.complete(callback, 'interaction-1');
    expect(tokens).toMatchObject({ subject: 'alice', refreshToken: expect.any(String) });
    expect(identityClaims).toMatchObject({ sub: 'alice' });
    expect(requested).toEqual([upstream.tokenEndpoint]);
  });

  it('refuses a sign-in whose access token names nobody, as an answer it cannot accept', async () => {
    const { upstream, signIn } = await begin({ extraTokenFields: { access_token: 'an-opaque-token' } });
    const callback = await upstream.authorize(await signIn.begin('interaction-1'), 'alice');
    const error = await signIn.complete(callback, 'interaction-1').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', interactionUid: 'interaction-1', message: expect.stringMatching(/answered in a way this server cannot accept/) });
  });

  it('refuses openid in SIGN_IN_SCOPES, which NetSuite’s OAuth 2.0 sign-in does not serve', () => {
    const config = testConfig({ ...presetTestIdp.serverEnv('https://1234567.app.netsuite.com'), SIGN_IN_CLIENT_ID: 'client', SIGN_IN_CLIENT_SECRET: 'secret', SIGN_IN_SCOPES: 'openid' });
    expect(upstreamSignInSettings(config, () => CALLBACK)).toEqual({ problems: [expect.stringMatching(/^SIGN_IN_SCOPES: .*remove openid/)] });
  });
});
