import { describe, expect, it } from 'vitest';

import { identityProvider, identityProviderProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';

describe('Keycloak identity provider', () => {
  const idp = identityProvider(testConfig({ KEYCLOAK_URL: 'https://sso.example.com/', KEYCLOAK_REALM: 'acme', KEYCLOAK_CLIENT_ID: 'mcp-server' }));

  it('derives the realm issuer and its discovery document', () => {
    expect(idp.issuer).toBe('https://sso.example.com/realms/acme');
    expect(idp.discoveryUrl).toBe('https://sso.example.com/realms/acme/.well-known/openid-configuration');
  });

  it('joins realm roles and this client’s roles, ignoring other clients’ roles', () => {
    const identity = idp.mapClaims({
      sub: 'u1',
      azp: 'claude',
      scope: 'openid reports:read',
      realm_access: { roles: ['offline_access', 'auditor'] },
      resource_access: { 'mcp-server': { roles: ['admin', 'auditor'] }, account: { roles: ['manage-account'] } },
    });
    expect(identity).toEqual({ subject: 'u1', clientId: 'claude', scopes: ['openid', 'reports:read'], roles: ['offline_access', 'auditor', 'admin'] });
  });

  it('takes the tenant from a single organisation, as a list or as an object', () => {
    expect(idp.mapClaims({ sub: 'u1', organization: ['acme'] }).tenant).toBe('acme');
    expect(idp.mapClaims({ sub: 'u1', organization: { acme: { id: '1' } } }).tenant).toBe('acme');
    expect(idp.mapClaims({ sub: 'u1', organization: ['acme', 'globex'] }).tenant).toBeUndefined();
  });

  it('reports each missing Keycloak setting to token-verifying strategies', () => {
    const config = testConfig({ MCP_TRANSPORT: 'stdio', KEYCLOAK_URL: '', KEYCLOAK_REALM: '', KEYCLOAK_CLIENT_ID: '' });
    expect(identityProviderProblems(config, { allowedTenants: [] }).map((problem) => problem.split(':')[0])).toEqual(['KEYCLOAK_URL', 'KEYCLOAK_REALM', 'KEYCLOAK_CLIENT_ID']);
  });
});
