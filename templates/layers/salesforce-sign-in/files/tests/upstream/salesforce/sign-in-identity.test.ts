import { describe, expect, it } from 'vitest';

import { identityProvider, identityProviderProblems } from '../../../src/upstream/index.js';
import { testConfig } from '../../helpers/config.js';

describe('Salesforce as the identity provider users sign in at', () => {
  const idp = identityProvider(testConfig({ SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com' }));

  it('is the org’s login host, with discovery below it', () => {
    expect(idp.issuer).toBe('https://acme.my.salesforce.com');
    expect(idp.discoveryUrl).toBe('https://acme.my.salesforce.com/.well-known/openid-configuration');
  });

  it('asks every sign-in for the api scope the Salesforce tools need', () => {
    expect(idp.signInScopes).toEqual(['api']);
  });

  it('names the user by their identity URL, with the org in it as the tenant and no roles', () => {
    const sub = 'https://acme.my.salesforce.com/id/00D5g000004ABCDEAA/0055g00000XYZ12AAA';
    expect(idp.mapClaims({ sub, email: 'alice@acme.com' })).toEqual({ subject: sub, tenant: '00D5g000004ABCDEAA', scopes: [], roles: [] });
  });

  it('gives a subject that is not an identity URL no tenant', () => {
    expect(idp.mapClaims({ sub: 'alice' })).toEqual({ subject: 'alice', scopes: [], roles: [] });
    expect(idp.mapClaims({ sub: 'https://acme.my.salesforce.com/id/not-an-org/0055g00000XYZ12AAA' })).not.toHaveProperty('tenant');
  });

  it('needs no settings beyond the login URL, which always has a value', () => {
    expect(identityProviderProblems(testConfig({}), { allowedTenants: [] })).toEqual([]);
  });
});
