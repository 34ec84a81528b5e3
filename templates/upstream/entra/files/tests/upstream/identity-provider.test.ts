import { describe, expect, it } from 'vitest';

import { identityProvider, identityProviderProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('Microsoft Entra ID identity provider', () => {
  const idp = identityProvider(testConfig({ ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.com/', ENTRA_TENANT_ID: TENANT.toUpperCase(), ENTRA_CLIENT_ID: CLIENT }));

  it('derives the v2 issuer of the tenant and its discovery document', () => {
    expect(idp.issuer).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0`);
    expect(idp.discoveryUrl).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(idp.jwksUri).toBeUndefined();
  });

  it('expects the tenant issuer of every token and the client ID as audience', () => {
    expect(idp.issuerFor({ tid: OTHER_TENANT })).toBe(idp.issuer);
    expect(idp.audience).toBe(CLIENT);
    expect(idp.applicationIdUri).toBe(`api://${CLIENT}`);
  });

  it('maps a delegated token: oid as subject, azp as client, scp as scopes, app roles, tid as tenant', () => {
    const identity = idp.mapClaims({
      sub: 'pairwise-subject',
      oid: 'object-id-of-the-user',
      azp: 'client-app-id',
      tid: TENANT,
      scp: 'tools.read tools.write',
      roles: ['Reports.Admin'],
      ver: '2.0',
    });
    expect(identity).toEqual({ subject: 'object-id-of-the-user', clientId: 'client-app-id', tenant: TENANT, scopes: ['tools.read', 'tools.write'], roles: ['Reports.Admin'] });
  });

  it('maps an app-only token: no scp, application permissions in roles, appid for v1-shaped tokens', () => {
    const identity = idp.mapClaims({ sub: 'sp-object-id', oid: 'sp-object-id', appid: 'daemon-app-id', tid: TENANT, roles: ['Tools.ReadWrite.All'] });
    expect(identity).toEqual({ subject: 'sp-object-id', clientId: 'daemon-app-id', tenant: TENANT, scopes: [], roles: ['Tools.ReadWrite.All'] });
  });

  it('falls back to sub without oid, and to RFC 9068 scope without scp', () => {
    expect(idp.mapClaims({ sub: 'u1', scope: 'a b' })).toEqual({ subject: 'u1', scopes: ['a', 'b'], roles: [] });
    expect(idp.mapClaims({ scp: 'a' }).subject).toBe('');
  });

  it('checks a multi-tenant token against the issuer of its own tenant, with keys shared by all tenants', () => {
    const multi = identityProvider(
      testConfig({ ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.com', ENTRA_TENANT_ID: 'Organizations', ENTRA_CLIENT_ID: CLIENT, AUTH_ALLOWED_TENANTS: OTHER_TENANT }),
    );
    expect(multi.issuer).toBe('https://login.microsoftonline.com/organizations/v2.0');
    expect(multi.jwksUri).toBe('https://login.microsoftonline.com/organizations/discovery/v2.0/keys');
    expect(multi.issuerFor({ tid: OTHER_TENANT })).toBe(`https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`);
    expect(multi.issuerFor({})).toBeUndefined();
    expect(multi.issuerFor({ tid: '../evil' })).toBeUndefined();
  });

  it('refuses a multi-tenant app that does not name the tenants it serves', () => {
    const config = testConfig({ MCP_TRANSPORT: 'stdio', ENTRA_TENANT_ID: 'common', ENTRA_CLIENT_ID: CLIENT });
    expect(identityProviderProblems(config, { allowedTenants: [] })).toEqual([expect.stringMatching(/^AUTH_ALLOWED_TENANTS: required when ENTRA_TENANT_ID is common/)]);
    expect(identityProviderProblems(config, { allowedTenants: [OTHER_TENANT] })).toEqual([]);
  });

  it('advertises scopes prefixed with the Application ID URI, leaving already-qualified ones alone', () => {
    expect(idp.requestableScope('reports.read')).toBe(`api://${CLIENT}/reports.read`);
    expect(idp.requestableScope(`api://${CLIENT}/reports.read`)).toBe(`api://${CLIENT}/reports.read`);
  });

  it('uses the configured Application ID URI and national-cloud host', () => {
    const custom = identityProvider(testConfig({ ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us', ENTRA_TENANT_ID: TENANT, ENTRA_CLIENT_ID: CLIENT, ENTRA_APP_ID_URI: 'https://mcp.example.com/' }));
    expect(custom.applicationIdUri).toBe('https://mcp.example.com');
    expect(custom.requestableScope('reports.read')).toBe('https://mcp.example.com/reports.read');
    expect(custom.issuer).toBe(`https://login.microsoftonline.us/${TENANT}/v2.0`);
  });

  it('refuses tenant and client values that are not IDs', () => {
    expect(() => testConfig({ ENTRA_TENANT_ID: 'contoso.onmicrosoft.com' })).toThrow(/ENTRA_TENANT_ID/);
    expect(() => testConfig({ ENTRA_CLIENT_ID: 'my-app' })).toThrow(/ENTRA_CLIENT_ID/);
  });

  it('reports each missing Entra setting to token-verifying strategies', () => {
    const config = testConfig({ MCP_TRANSPORT: 'stdio', ENTRA_TENANT_ID: '', ENTRA_CLIENT_ID: '' });
    expect(identityProviderProblems(config, { allowedTenants: [] }).map((problem) => problem.split(':')[0])).toEqual(['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID']);
  });

  describe('for signing users in through this server', () => {
    const signingIn = { allowedTenants: [], signsUsersIn: true };

    it('signs users of a multi-tenant app in only once the tenants served are named', () => {
      const config = testConfig({ ENTRA_TENANT_ID: 'organizations', ENTRA_CLIENT_ID: CLIENT, MCP_TRANSPORT: 'stdio' });
      expect(identityProviderProblems(config, signingIn)).toEqual([expect.stringMatching(/^AUTH_ALLOWED_TENANTS: required when ENTRA_TENANT_ID is organizations/)]);
      expect(identityProviderProblems(config, { ...signingIn, allowedTenants: [TENANT] })).toEqual([]);
    });

    it('sends users of a multi-tenant app to the endpoints of organizations, the single tenant to discovery', () => {
      const multiTenant = identityProvider(testConfig({ ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.com', ENTRA_TENANT_ID: 'organizations', ENTRA_CLIENT_ID: CLIENT, MCP_TRANSPORT: 'stdio' }));
      expect(multiTenant.signInEndpoints).toEqual({
        authorizationEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
        tokenEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
      });
      expect(idp.signInEndpoints).toBeUndefined();
    });

    it('says what the tenant and client IDs are for', () => {
      const problems = identityProviderProblems(testConfig({ ENTRA_TENANT_ID: '', ENTRA_CLIENT_ID: '', MCP_TRANSPORT: 'stdio' }), signingIn);
      expect(problems).toEqual([expect.stringMatching(/^ENTRA_TENANT_ID: required to sign users in/), expect.stringMatching(/^ENTRA_CLIENT_ID: required to read who signed in/)]);
    });
  });
});
