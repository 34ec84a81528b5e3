import { afterEach, describe, expect, it } from 'vitest';

import { upstreamApiProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';
import { startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../helpers/rest-api-calls.js';

const COMPLETE = { UPSTREAM_API_URL: 'https://api.example.com/v1', UPSTREAM_CLIENT_ID: 'm2morg_1', UPSTREAM_CLIENT_SECRET: 's' };

describe('Scalekit REST API tokens', () => {
  let fake: FakeRestApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("requests an API client's token at the environment's /oauth/token", async () => {
    fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.seed('orders', [{ id: '1' }]);
    await expect(restApiFor(fake).get('orders', '1', callContext())).resolves.toEqual({ id: '1' });
    expect(fake.tokenRequests[0]?.params).toMatchObject({ grant_type: 'client_credentials', client_id: 'mcp-server-client' });
  });

  it('has nothing to report once the API client is set', () => {
    expect(upstreamApiProblems(testConfig(COMPLETE))).toEqual([]);
  });

  it('needs the environment URL to derive the token endpoint', () => {
    const config = testConfig({ ...COMPLETE, SCALEKIT_ENVIRONMENT_URL: '', MCP_TRANSPORT: 'stdio' });
    expect(upstreamApiProblems(config)).toEqual([expect.stringMatching(/^SCALEKIT_ENVIRONMENT_URL: required to request the REST API's tokens/)]);
  });
});
