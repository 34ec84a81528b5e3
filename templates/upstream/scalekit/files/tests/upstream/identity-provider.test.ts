import { describe, expect, it } from 'vitest';

import { identityProvider, identityProviderProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';

describe('Scalekit identity provider', () => {
  const idp = identityProvider(testConfig({ SCALEKIT_ENVIRONMENT_URL: 'https://acme.scalekit.com/', SCALEKIT_RESOURCE_ID: 'res_123' }));

  it('trusts the environment as issuer, its keys directly, and the resource as authorization server', () => {
    expect(idp.issuer).toBe('https://acme.scalekit.com');
    expect(idp.jwksUri).toBe('https://acme.scalekit.com/keys');
    expect(idp.discoveryUrl).toBe('https://acme.scalekit.com/.well-known/oauth-authorization-server/resources/res_123');
    expect(idp.authorizationServer).toBe('https://acme.scalekit.com/resources/res_123');
    expect(idp.audience).toBe('res_123');
  });

  it('takes the signing keys from SCALEKIT_JWKS_URL when set', () => {
    const custom = identityProvider(
      testConfig({ SCALEKIT_ENVIRONMENT_URL: 'https://auth.acme.com', SCALEKIT_RESOURCE_ID: 'res_123', SCALEKIT_JWKS_URL: 'https://keys.acme.com/keys' }),
    );
    expect(custom.jwksUri).toBe('https://keys.acme.com/keys');
  });

  it('maps subject, client, scopes, roles and the organization as tenant', () => {
    const identity = idp.mapClaims({ sub: 'usr_1', client_id: 'skc_claude', oid: 'org_42', scope: 'notes:read notes:write', roles: ['admin'] });
    expect(identity).toEqual({ subject: 'usr_1', clientId: 'skc_claude', tenant: 'org_42', scopes: ['notes:read', 'notes:write'], roles: ['admin'] });
  });

  it('accepts scopes as a list, and tokens without roles or organization', () => {
    expect(idp.mapClaims({ sub: 'm2m', azp: 'skc_daemon', scope: ['notes:read'] })).toEqual({ subject: 'm2m', clientId: 'skc_daemon', scopes: ['notes:read'], roles: [] });
    expect(idp.mapClaims({ scope: 'a' }).subject).toBe('');
  });

  it('refuses a resource ID that is not one', () => {
    expect(() => testConfig({ SCALEKIT_RESOURCE_ID: 'res 1/2' })).toThrow(/SCALEKIT_RESOURCE_ID/);
  });

  it('reports each missing Scalekit setting to token-verifying strategies', () => {
    const config = testConfig({ MCP_TRANSPORT: 'stdio', SCALEKIT_ENVIRONMENT_URL: '', SCALEKIT_RESOURCE_ID: '' });
    expect(identityProviderProblems(config, { allowedTenants: [] }).map((problem) => problem.split(':')[0])).toEqual(['SCALEKIT_ENVIRONMENT_URL', 'SCALEKIT_RESOURCE_ID']);
  });
});
