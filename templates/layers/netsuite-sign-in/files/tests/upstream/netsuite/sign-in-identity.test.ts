import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import { identityProvider, identityProviderProblems } from '../../../src/upstream/index.js';
import { testConfig } from '../../helpers/config.js';

/** An access token as NetSuite issues one: a JWT whose subject is the role and entity of the user. */
async function netSuiteAccessToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('not-netsuite-s-key-but-long-enough'));
}

describe('NetSuite as the authorization server users sign in at', () => {
  const idp = identityProvider(testConfig({ NETSUITE_ACCOUNT_ID: '1234567_SB1' }));
  it('signs users in at the account’s own hosts, without OpenID Connect discovery', () => {
    expect(idp.signInEndpoints).toEqual({
      authorizationEndpoint: 'https://1234567-sb1.app.netsuite.com/app/login/oauth2/authorize.nl',
      tokenEndpoint: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
    });
  });

  it('sends users to NETSUITE_APP_URL and asks tokens of NETSUITE_REST_URL when they are set', () => {
    const moved = identityProvider(testConfig({ NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_APP_URL: 'http://127.0.0.1:8080/', NETSUITE_REST_URL: 'http://127.0.0.1:8081' }));
    expect(moved.signInEndpoints).toEqual({
      authorizationEndpoint: 'http://127.0.0.1:8080/app/login/oauth2/authorize.nl',
      tokenEndpoint: 'http://127.0.0.1:8081/services/rest/auth/oauth2/v1/token',
    });
  });

  it('asks every sign-in for the scopes of the NetSuite tools', () => {
    expect(idp.signInScopes).toEqual(['rest_webservices']);
    expect(identityProvider(testConfig({ NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_SCOPES: 'rest_webservices,restlets' })).signInScopes).toEqual(['rest_webservices', 'restlets']);
  });

  it('reads who signed in from the access token NetSuite issued', async () => {
    const accessToken = await netSuiteAccessToken({ sub: '3;101', aud: ['app-id;1234567_SB1', 'client-id'], iss: 'https://system.netsuite.com' });
    expect(idp.signedInUserClaims?.({ access_token: accessToken })).toMatchObject({ sub: '3;101' });
  });

  it('reads no one from an access token that is not a JWT', () => {
    expect(idp.signedInUserClaims?.({ access_token: 'opaque-token' })).toBeUndefined();
  });

  it('names the user by the role and entity they signed in with, the account being their tenant, with no roles', () => {
    expect(idp.mapClaims({ sub: '3;101' })).toEqual({ subject: '3;101', tenant: '1234567_SB1', scopes: [], roles: [] });
  });

  it('needs the account, unless both of its URLs are given', () => {
    expect(identityProviderProblems({}, { allowedTenants: [] })).toEqual([expect.stringMatching(/^NETSUITE_ACCOUNT_ID: required to sign users in/)]);
    expect(identityProviderProblems({ NETSUITE_APP_URL: 'http://127.0.0.1:8080', NETSUITE_REST_URL: 'http://127.0.0.1:8080' }, { allowedTenants: [] })).toEqual([]);
  });
});
