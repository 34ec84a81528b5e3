import { afterEach, describe, expect, it } from 'vitest';

import { SignInError } from '../../../src/auth/upstream-sign-in/errors.js';
import { upstreamSignInSettings } from '../../../src/auth/upstream-sign-in/from-config.js';
import { createUpstreamSignIn } from '../../../src/auth/upstream-sign-in/sign-in.js';
import { refreshTokens } from '../../../src/auth/upstream-sign-in/token-refresh.js';
import { upstreamServer } from '../../../src/auth/upstream-sign-in/upstream-server.js';
import { testConfig } from '../../helpers/config.js';
import { captureLogs } from '../../helpers/logs.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import { isolatedSealedStore } from '../../helpers/test-store.js';
import { TestUpstream, type UpstreamUser } from '../../helpers/upstream-provider.js';
import { CALLBACK } from './fixture.js';

/** Another Entra tenant than the one the test upstream issues tokens for. */
const OTHER_TENANT = '0b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

/**
 * Signing in with ENTRA_TENANT_ID=organizations at a test upstream playing Entra: it serves the
 * multi-tenant endpoints and issues ID tokens as the tenant it stands for; `requested` lists every
 * URL the sign-in asked.
 */
async function multiTenantSignIn(env: Record<string, string> = {}) {
  const probe = presetTestIdp.serverEnv(`http://127.0.0.1:1${presetTestIdp.mountPath}`);
  const tenant = probe.ENTRA_TENANT_ID;
  const users: UpstreamUser[] = [
    { username: 'dana', name: 'Dana Dunn', email: 'dana@contoso.example', tenant },
    { username: 'erin', name: 'Erin Evans', email: 'erin@fabrikam.example', tenant: OTHER_TENANT },
  ];
  const upstream = await TestUpstream.start({
    redirectUris: [CALLBACK],
    users,
    endpointAliases: { '/organizations/oauth2/v2.0/authorize': '/auth', '/organizations/oauth2/v2.0/token': '/token' },
  });
  const config = testConfig({
    ...presetTestIdp.serverEnv(upstream.issuer),
    ENTRA_TENANT_ID: 'organizations',
    AUTH_ALLOWED_TENANTS: `${tenant},${OTHER_TENANT}`,
    SIGN_IN_CLIENT_ID: upstream.client.clientId,
    SIGN_IN_CLIENT_SECRET: upstream.client.clientSecret,
    ...env,
  });
  const read = upstreamSignInSettings(config, () => CALLBACK);
  if (!('settings' in read)) throw new Error(`incomplete sign-in settings: ${read.problems.join('; ')}`);
  const requested: string[] = [];
  const fetchAndRecord: typeof fetch = async (input, init) => {
    requested.push(input instanceof Request ? input.url : String(input));
    return fetch(input, init);
  };
  const signIn = createUpstreamSignIn(read.settings, { store: isolatedSealedStore(), logger: captureLogs().logger, fetch: fetchAndRecord });
  return { upstream, settings: read.settings, signIn, requested, tenant, authority: upstream.origin };
}

describe('signing users in at a multi-tenant Entra app (ENTRA_TENANT_ID=organizations)', () => {
  const started: TestUpstream[] = [];
  const begin = async (env: Record<string, string> = {}) => {
    const bed = await multiTenantSignIn(env);
    started.push(bed.upstream);
    return bed;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((upstream) => upstream.close()));
  });

  it('sends users to the organizations endpoints without discovery, whose document names only an issuer template', async () => {
    const { signIn, requested, authority } = await begin();
    const url = await signIn.begin('interaction-1');
    expect(url.origin + url.pathname).toBe(`${authority}/organizations/oauth2/v2.0/authorize`);
    expect(url.searchParams.get('scope')?.split(' ')).toContain('openid');
    expect(requested).toEqual([]);
  });

  it('signs a user in, the ID token checked against the issuer of the tenant it names', async () => {
    const { upstream, signIn, requested, tenant, authority } = await begin();
    const callback = await upstream.authorize(await signIn.begin('interaction-1'), 'dana');
    const { tokens, identityClaims } = await signIn.complete(callback, 'interaction-1');
    expect(tokens).toMatchObject({ subject: 'dana' });
    expect(identityClaims).toMatchObject({ tid: tenant, iss: `${authority}/${tenant}/v2.0` });
    expect(requested).toEqual([`${authority}/organizations/oauth2/v2.0/token`]);
  });

  it('refuses an ID token whose issuer is not that of the tenant it names', async () => {
    const { upstream, signIn } = await begin();
    const callback = await upstream.authorize(await signIn.begin('interaction-1'), 'erin');
    const error = await signIn.complete(callback, 'interaction-1').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', interactionUid: 'interaction-1', message: expect.stringMatching(/cannot accept/) });
  });

  it('refreshes a signed-in user’s tokens, the new ID token checked the same way', async () => {
    const { upstream, signIn, settings } = await begin();
    const callback = await upstream.authorize(await signIn.begin('interaction-1'), 'dana');
    const { tokens } = await signIn.complete(callback, 'interaction-1');
    if (tokens.refreshToken === undefined) throw new Error('no refresh token was issued');
    const refreshed = await refreshTokens(upstreamServer(settings), { ...tokens, refreshToken: tokens.refreshToken }, 'Microsoft Entra ID', Date.now());
    expect(refreshed).toMatchObject({ subject: 'dana' });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
  });

  it.each(['organizations', 'common'])('needs AUTH_ALLOWED_TENANTS to sign users in with ENTRA_TENANT_ID=%s', (tenantId) => {
    const config = testConfig({ ...presetTestIdp.serverEnv(`https://login.example.test${presetTestIdp.mountPath}`), ENTRA_TENANT_ID: tenantId, SIGN_IN_CLIENT_ID: 'client', SIGN_IN_CLIENT_SECRET: 'secret' });
    expect(upstreamSignInSettings(config, () => CALLBACK)).toEqual({ problems: [expect.stringMatching(/^AUTH_ALLOWED_TENANTS: required when ENTRA_TENANT_ID is /)] });
  });
});
