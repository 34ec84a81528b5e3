import { afterEach, describe, expect, it } from 'vitest';

import { upstreamApiProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';
import { startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../helpers/rest-api-calls.js';

const COMPLETE = {
  UPSTREAM_API_URL: 'https://api.example.com/v1',
  UPSTREAM_CLIENT_ID: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
  UPSTREAM_CLIENT_SECRET: 's',
  UPSTREAM_SCOPE: 'api://orders-api/.default',
};

describe('Entra ID REST API tokens', () => {
  let fake: FakeRestApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("requests an app-only token at the tenant's v2.0 token endpoint, for the API's .default scope", async () => {
    fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.seed('orders', [{ id: '1' }]);
    await expect(restApiFor(fake).get('orders', '1', callContext())).resolves.toEqual({ id: '1' });
    expect(fake.tokenRequests[0]?.params).toMatchObject({ grant_type: 'client_credentials', scope: 'api://orders-api/.default' });
  });

  it('has nothing to report once client, secret and scope are set', () => {
    expect(upstreamApiProblems(testConfig(COMPLETE))).toEqual([]);
  });

  it('needs the scope of the REST API', () => {
    expect(upstreamApiProblems(testConfig({ ...COMPLETE, UPSTREAM_SCOPE: '' }))).toEqual([
      expect.stringMatching(/^UPSTREAM_SCOPE: required when UPSTREAM_API_AUTH is client_credentials; .*\/\.default/),
    ]);
  });

  it('explains that app-only tokens need the .default scope', () => {
    expect(upstreamApiProblems(testConfig({ ...COMPLETE, UPSTREAM_SCOPE: 'api://orders-api/Orders.Read' }))).toEqual([
      expect.stringMatching(/^UPSTREAM_SCOPE: Entra issues app-only tokens only for <Application ID URI>\/\.default/),
    ]);
  });

  it('needs a concrete tenant: organizations issues no app-only tokens', () => {
    const config = testConfig({ ...COMPLETE, ENTRA_TENANT_ID: 'organizations', AUTH_ALLOWED_TENANTS: '72f988bf-86f1-41af-91ab-2d7cd011db47', MCP_TRANSPORT: 'stdio' });
    expect(upstreamApiProblems(config)).toEqual([expect.stringMatching(/^UPSTREAM_TOKEN_URL: required while ENTRA_TENANT_ID is organizations/)]);
  });

  it('accepts a multi-tenant app once UPSTREAM_TOKEN_URL names the tenant', () => {
    const config = testConfig({
      ...COMPLETE,
      ENTRA_TENANT_ID: 'organizations',
      AUTH_ALLOWED_TENANTS: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      MCP_TRANSPORT: 'stdio',
      UPSTREAM_TOKEN_URL: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
    });
    expect(upstreamApiProblems(config)).toEqual([]);
  });
});
