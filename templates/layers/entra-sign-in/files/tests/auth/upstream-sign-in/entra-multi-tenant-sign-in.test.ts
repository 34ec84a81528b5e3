import { describe, expect, it } from 'vitest';

import { SignInError } from '../../../src/auth/upstream-sign-in/errors.js';
import { upstreamSignInSettings } from '../../../src/auth/upstream-sign-in/from-config.js';
import { refreshTokens } from '../../../src/auth/upstream-sign-in/token-refresh.js';
import { upstreamServer } from '../../../src/auth/upstream-sign-in/upstream-server.js';
import { testConfig } from '../../helpers/config.js';
import { configuredSignIns } from '../../helpers/configured-sign-in.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import type { UpstreamUser } from '../../helpers/upstream-provider.js';
import { CALLBACK } from './fixture.js';

/** Another Entra tenant than the one the test upstream issues tokens for. */
const OTHER_TENANT = '0b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

/** The tenant the test upstream issues tokens as: its issuer is <authority>/<tenant>/v2.0. */
const TENANT = presetTestIdp.serverEnv(`http://127.0.0.1:1${presetTestIdp.mountPath}`).ENTRA_TENANT_ID;

/** A user of that tenant, and one of another tenant whose tokens the test upstream issues all the same. */
const USERS: readonly UpstreamUser[] = [
  { username: 'dana', name: 'Dana Dunn', email: 'dana@contoso.example', tenant: TENANT },
  { username: 'erin', name: 'Erin Evans', email: 'erin@fabrikam.example', tenant: OTHER_TENANT },
];

describe('signing users in at a multi-tenant Entra app (ENTRA_TENANT_ID=organizations)', () => {
  const start = configuredSignIns(CALLBACK);
  /** The test upstream serving Entra's multi-tenant endpoints, and the sign-in there of a server serving both tenants. */
  const begin = async () => {
    const bed = await start(
      { users: USERS, endpointAliases: { '/organizations/oauth2/v2.0/authorize': '/auth', '/organizations/oauth2/v2.0/token': '/token' } },
      { ENTRA_TENANT_ID: 'organizations', AUTH_ALLOWED_TENANTS: `${TENANT},${OTHER_TENANT}` },
    );
    return { ...bed, tenant: TENANT, authority: bed.upstream.origin };
  };

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
