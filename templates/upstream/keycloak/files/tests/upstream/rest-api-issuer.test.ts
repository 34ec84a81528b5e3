import { afterEach, describe, expect, it } from 'vitest';

import { upstreamApiProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';
import { startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../helpers/rest-api-calls.js';

const COMPLETE = { UPSTREAM_API_URL: 'https://api.example.com/v1', UPSTREAM_CLIENT_ID: 'mcp-server', UPSTREAM_CLIENT_SECRET: 's' };

describe('Keycloak REST API tokens', () => {
  let fake: FakeRestApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("uses this server's own token (client credentials) by default", () => {
    expect(testConfig().UPSTREAM_API_AUTH).toBe('client_credentials');
  });

  it("lists what a freshly generated project still needs: the API and this server's client", () => {
    expect(upstreamApiProblems(testConfig()).map((problem) => problem.split(':')[0])).toEqual(['UPSTREAM_API_URL', 'UPSTREAM_CLIENT_ID', 'UPSTREAM_CLIENT_SECRET']);
  });

  it("requests tokens at the realm's token endpoint", async () => {
    fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.seed('orders', [{ id: '1' }]);
    await restApiFor(fake).get('orders', '1', callContext());
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('requests tokens at UPSTREAM_TOKEN_URL when it is set', async () => {
    fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.seed('orders', [{ id: '1' }]);
    const realmElsewhere = { KEYCLOAK_URL: 'https://sso.example.test', UPSTREAM_TOKEN_URL: `${fake.origin}/realms/test-realm/protocol/openid-connect/token` };
    await expect(restApiFor(fake, realmElsewhere).get('orders', '1', callContext())).resolves.toEqual({ id: '1' });
  });

  it('needs the realm to derive the token endpoint', () => {
    const config = testConfig({ ...COMPLETE, KEYCLOAK_URL: '', KEYCLOAK_REALM: '', MCP_TRANSPORT: 'stdio' });
    expect(upstreamApiProblems(config)).toEqual([expect.stringMatching(/^KEYCLOAK_URL and KEYCLOAK_REALM: required to request the REST API's tokens/)]);
  });

  it("needs the REST API's client as audience for token exchange", () => {
    expect(upstreamApiProblems(testConfig({ ...COMPLETE, UPSTREAM_API_AUTH: 'token_exchange' }))).toEqual([
      expect.stringMatching(/^UPSTREAM_AUDIENCE: required when UPSTREAM_API_AUTH is token_exchange/),
    ]);
  });
});
