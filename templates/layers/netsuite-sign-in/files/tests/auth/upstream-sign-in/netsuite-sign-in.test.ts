import { describe, expect, it } from 'vitest';

import { SignInError } from '../../../src/auth/upstream-sign-in/errors.js';
import { upstreamSignInSettings } from '../../../src/auth/upstream-sign-in/from-config.js';
import { testConfig } from '../../helpers/config.js';
import { configuredSignIns } from '../../helpers/configured-sign-in.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import { CALLBACK } from './fixture.js';

describe('signing users in at NetSuite', () => {
  const begin = configuredSignIns(CALLBACK);

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
