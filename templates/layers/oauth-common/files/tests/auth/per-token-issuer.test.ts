import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSigningKeys, type SigningKeys } from '../../src/auth/signing-keys.js';
import { createAccessTokenVerifier, InvalidToken, verifyAccessToken, type TokenRules } from '../../src/auth/verify-token.js';
import { captureLogs } from '../helpers/logs.js';
import { TestIdentityProvider } from '../helpers/oidc-provider.js';

const RESOURCE = 'http://127.0.0.1:9/mcp';

/**
 * Providers whose issuer depends on the token (Entra multi-tenant apps: <authority>/<tid>/v2.0) are
 * checked per token, after the signature proves the claims the issuer is derived from.
 */
describe('per-token issuer', () => {
  let idp: TestIdentityProvider;
  let keys: SigningKeys;
  let rules: TokenRules;
  const issuerOf = (tenant: string) => `https://login.example.test/${tenant}/v2.0`;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start({ scopes: [], clients: [] });
    const provider = { issuer: issuerOf('organizations'), issuerFor: (claims: Record<string, unknown>) => (typeof claims.tid === 'string' ? issuerOf(claims.tid) : undefined) };
    keys = createSigningKeys({ ...provider, discoveryUrl: `${idp.issuer}/.well-known/openid-configuration`, jwksUri: `${idp.issuer}/jwks`, mapClaims: () => ({ subject: '', scopes: [], roles: [] }) }, {
      cooldownSeconds: 0,
      cacheMaxAgeSeconds: 600,
      logger: captureLogs().logger,
    });
    rules = { idp: provider, audience: idp.audienceFor(RESOURCE), algorithms: ['RS256'], clockSkewSeconds: 0 };
  });

  afterAll(async () => {
    await idp.close();
  });

  it("accepts a token whose issuer is its own tenant's", async () => {
    const token = await idp.mint(RESOURCE, { iss: issuerOf('tenant-a'), tid: 'tenant-a' });
    await expect(verifyAccessToken(token, keys, rules)).resolves.toMatchObject({ tid: 'tenant-a' });
  });

  it("refuses a token whose issuer is another tenant's", async () => {
    const token = await idp.mint(RESOURCE, { iss: issuerOf('tenant-b'), tid: 'tenant-a' });
    await expect(verifyAccessToken(token, keys, rules)).rejects.toThrow(new InvalidToken('The access token comes from an issuer this server does not trust'));
  });

  it("holds every presentation of a token to its own tenant's issuer when verifications are reused", async () => {
    const verify = createAccessTokenVerifier(keys, { ...rules, audience: () => rules.audience }, { cacheSeconds: 60 });
    const own = await idp.mint(RESOURCE, { iss: issuerOf('tenant-a'), tid: 'tenant-a' });
    const foreign = await idp.mint(RESOURCE, { iss: issuerOf('tenant-b'), tid: 'tenant-a' });
    for (let presentation = 0; presentation < 2; presentation++) {
      await expect(verify(own)).resolves.toMatchObject({ tid: 'tenant-a' });
      await expect(verify(foreign)).rejects.toThrow(new InvalidToken('The access token comes from an issuer this server does not trust'));
    }
  });

  it('refuses a token the provider cannot derive an issuer for', async () => {
    const token = await idp.mint(RESOURCE, { iss: issuerOf('tenant-a') });
    await expect(verifyAccessToken(token, keys, rules)).rejects.toBeInstanceOf(InvalidToken);
  });
});
