import { afterEach, describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { upstreamApiProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';
import { startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { callContext, restApiFor } from '../helpers/rest-api-calls.js';

const API = { UPSTREAM_API_URL: 'https://api.example.com/v1' };

describe('generic REST API tokens', () => {
  let fake: FakeRestApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('reaches the API without credentials until told otherwise', () => {
    expect(testConfig(API).UPSTREAM_API_AUTH).toBe('none');
    expect(upstreamApiProblems(testConfig(API))).toEqual([]);
  });

  it('needs the token endpoint named for client_credentials', () => {
    const config = testConfig({ ...API, UPSTREAM_API_AUTH: 'client_credentials', UPSTREAM_CLIENT_ID: 'mcp', UPSTREAM_CLIENT_SECRET: 's' });
    expect(upstreamApiProblems(config)).toEqual([expect.stringMatching(/^UPSTREAM_TOKEN_URL: required when UPSTREAM_API_AUTH is client_credentials/)]);
  });

  it('asks for the scope and audience configured', async () => {
    fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.seed('orders', [{ id: '1' }]);
    await restApiFor(fake, { UPSTREAM_SCOPE: 'orders.read orders.write', UPSTREAM_AUDIENCE: 'https://api.example.com' }).get('orders', '1', callContext());
    expect(fake.tokenRequests[0]?.params).toMatchObject({ grant_type: 'client_credentials', scope: 'orders.read orders.write', audience: 'https://api.example.com' });
  });

  it('sends the client secret in the body when UPSTREAM_CLIENT_AUTH_METHOD says so', async () => {
    fake = await startFakeRestApi({ auth: 'client_credentials' });
    fake.respondToTokenRequestsNext({ status: 200, body: { access_token: 'service-token-x', expires_in: 60 } });
    await restApiFor(fake, { UPSTREAM_CLIENT_AUTH_METHOD: 'client_secret_post' }).get('orders', '1', callContext()).catch(() => undefined);
    expect(fake.tokenRequests[0]?.params).toMatchObject({ client_id: 'mcp-server-client', client_secret: 'client-secret-for-tests' });
    expect(fake.tokenRequests[0]?.headers.authorization).toBeUndefined();
  });

  it('offers no token exchange', () => {
    expect(() => testConfig({ ...API, UPSTREAM_API_AUTH: 'token_exchange' })).toThrow(ConfigError);
  });
});
