import { describe, expect, it } from 'vitest';

import { identityProvider, identityProviderProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';

describe('generic OIDC identity provider', () => {
  const idp = identityProvider(testConfig({ OIDC_ISSUER: 'https://idp.example.com/tenant-a', OIDC_ROLES_CLAIM: 'app.roles', OIDC_TENANT_CLAIM: 'tid' }));

  it('reads discovery from <issuer>/.well-known/openid-configuration', () => {
    expect(idp.issuer).toBe('https://idp.example.com/tenant-a');
    expect(idp.discoveryUrl).toBe('https://idp.example.com/tenant-a/.well-known/openid-configuration');
  });

  it('maps subject, client, tenant, space-separated scopes and roles at a dotted path', () => {
    expect(idp.mapClaims({ sub: 'u1', client_id: 'c1', tid: 't1', scope: 'a b', app: { roles: ['admin'] } })).toEqual({
      subject: 'u1',
      clientId: 'c1',
      tenant: 't1',
      scopes: ['a', 'b'],
      roles: ['admin'],
    });
  });

  it('falls back to azp for the client and reads scp as a string or an array', () => {
    expect(idp.mapClaims({ sub: 'u1', azp: 'c2', scp: 'x y' })).toMatchObject({ clientId: 'c2', scopes: ['x', 'y'] });
    expect(idp.mapClaims({ sub: 'u1', scp: ['x', 'y'] })).toMatchObject({ scopes: ['x', 'y'], roles: [] });
  });

  it('names no subject when the token has none', () => {
    expect(idp.mapClaims({ scope: 'a' }).subject).toBe('');
  });

  it('reports a missing OIDC_ISSUER to token-verifying strategies', () => {
    const config = testConfig({ MCP_TRANSPORT: 'stdio', OIDC_ISSUER: '' });
    expect(identityProviderProblems(config, { allowedTenants: [] })).toEqual([expect.stringContaining('OIDC_ISSUER')]);
  });
});
