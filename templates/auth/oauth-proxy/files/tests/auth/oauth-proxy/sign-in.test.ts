import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { identityProvider } from '../../../src/upstream/index.js';
import { testConfig } from '../../helpers/config.js';
import { AuthorizationRefused, signIn, TestOAuthClient } from '../../helpers/mcp-oauth-client.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';
import { presetTestIdp } from '../../helpers/preset-claims.js';
import { signedInApi } from '../../helpers/signed-in-api.js';
import { CAROL } from '../../helpers/upstream-provider.js';

describe('signing in through the server', () => {
  let bed: ProxyTestBed;
  beforeEach(async () => {
    bed = await startProxyTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  it('lets a client discover it from a 401, register, and act as the user who signed in at the upstream', async () => {
    const { client, visited } = await signIn(bed.server, bed.upstream, new TestOAuthClient());
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    // An upstream without OpenID Connect names the user, and nothing more about them.
    const shown = signedInApi.oauthOnly === undefined ? { email: 'alice@example.com' } : {};
    expect(result.structuredContent).toMatchObject({ subject: 'alice', upstream: { subject: 'alice', ...shown } });
    expect(visited.some((url) => url.pathname.startsWith('/oauth/interaction/'))).toBe(true);
    await client.close();
  });

  it('calls the upstream API with the signed-in user’s own upstream token', async () => {
    const { client } = await signIn(bed.server, bed.upstream, new TestOAuthClient());
    const id = signedInApi.itemId(42);
    expect(signedInApi.itemOf(await signedInApi.readItem(client, id))).toMatchObject({ id, readAs: 'alice' });
    expect(bed.upstream.apiCalls).toEqual([{ accountId: 'alice' }]);
    await client.close();
  });

  it('gives two users their own upstream identities', async () => {
    const alice = await signIn(bed.server, bed.upstream, new TestOAuthClient(), { username: 'alice' });
    const bob = await signIn(bed.server, bed.upstream, new TestOAuthClient(), { username: 'bob' });
    const read = async (client: typeof alice.client) => signedInApi.itemOf(await signedInApi.readItem(client, signedInApi.itemId(1)));
    expect(await read(alice.client)).toMatchObject({ readAs: 'alice' });
    expect(await read(bob.client)).toMatchObject({ readAs: 'bob' });
    await alice.client.close();
    await bob.client.close();
  });

  it('puts in this server’s tokens the roles and tenant the upstream gave the user, as the preset reads them', async () => {
    const { client } = await signIn(bed.server, bed.upstream, new TestOAuthClient(), { username: CAROL.username });
    const upstreamClaims = presetTestIdp.callerClaims({ roles: CAROL.roles, tenant: CAROL.tenant });
    const expected = identityProvider(testConfig(presetTestIdp.serverEnv(bed.upstream.issuer))).mapClaims({ ...upstreamClaims, sub: CAROL.username });
    const { structuredContent } = await client.callTool({ name: 'whoami', arguments: {} });
    expect(structuredContent).toMatchObject({ subject: CAROL.username, roles: expected.roles, ...(expected.tenant !== undefined && { tenant: expected.tenant }) });
    await client.close();
  });

  it('tells the client access_denied when the user declines at the upstream', async () => {
    const refused = await signIn(bed.server, bed.upstream, new TestOAuthClient(), { upstreamConsent: 'decline' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AuthorizationRefused);
    expect((refused as AuthorizationRefused).error).toBe('access_denied');
  });
});

describe('signing in, where AUTH_ALLOWED_TENANTS names the tenants served', () => {
  /** Carol's tenant as the preset reads it (from her claims, wherever the upstream is), if its upstream gives her one. */
  const carolsTenant = identityProvider(testConfig(presetTestIdp.serverEnv(`http://127.0.0.1:1${presetTestIdp.mountPath}`))).mapClaims({
    ...presetTestIdp.callerClaims({ roles: CAROL.roles, tenant: CAROL.tenant }),
    sub: CAROL.username,
  }).tenant;
  let bed: ProxyTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
  });

  it('tells the client access_denied for a user of another tenant, and keeps nothing of their sign-in', async () => {
    bed = await startProxyTestBed({ AUTH_ALLOWED_TENANTS: 'a-tenant-of-nobody-here' });
    const refused = await signIn(bed.server, bed.upstream, new TestOAuthClient(), { username: CAROL.username }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AuthorizationRefused);
    expect((refused as AuthorizationRefused).error).toBe('access_denied');
  });

  it.skipIf(carolsTenant === undefined)('lets a user of a tenant it names sign in', async () => {
    const tenant = String(carolsTenant);
    bed = await startProxyTestBed({ AUTH_ALLOWED_TENANTS: `another-tenant,${tenant}` });
    const { client } = await signIn(bed.server, bed.upstream, new TestOAuthClient(), { username: CAROL.username });
    expect((await client.callTool({ name: 'whoami', arguments: {} })).structuredContent).toMatchObject({ subject: CAROL.username, tenant });
    await client.close();
  });
});
