import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { testAuth } from '../helpers/auth-client.js';
import { startFakeRestApi, type FakeRestApi } from '../helpers/fake-rest-api.js';
import { startTestServer } from '../helpers/http-server.js';
import { restApiTestIdp } from '../helpers/rest-api-test-idp.js';

const auth = await testAuth();
const { accessToken } = auth;

/**
 * Token exchange end to end: a caller sends its access token over HTTP to the real server, the
 * project's auth strategy verifies it, and api_get_item has the realm exchange exactly that token for
 * one of the REST API. The identity provider that issued the token verifies it; the fake REST API's
 * token endpoint plays the realm's token exchange.
 */
describe('api_get_item over HTTP with Keycloak token exchange', () => {
  let fake: FakeRestApi;
  let server: RunningHttpServer;
  let client: Client | undefined;

  beforeEach(async () => {
    fake = await startFakeRestApi({ auth: 'token_exchange' });
    fake.seed('orders', [{ id: '1', status: 'open' }]);
    // Callers' tokens come from the auth strategy's provider; the exchange happens at the fake.
    server = await startTestServer({ ...fake.serverEnv, ...auth.env, UPSTREAM_TOKEN_URL: `${fake.origin}${restApiTestIdp.tokenPath}` });
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await server.close();
    await fake.close();
  });

  const connect = async (headers: Record<string, string>): Promise<Client> => {
    client = new Client({ name: 'token-exchange-test', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
    return client;
  };
  const getOrder = (connected: Client) => connected.callTool({ name: 'api_get_item', arguments: { collection: 'orders', id: '1' } });
  const exchanges = () => fake.tokenRequests.filter((request) => request.params.grant_type === 'urn:ietf:params:oauth:grant-type:token-exchange');

  if (accessToken !== undefined) {
    it('exchanges exactly the access token the caller presented, and calls the API with the result', async () => {
      const token = await accessToken(`${server.url}/mcp`);
      fake.acceptCallerToken(token, 'the-caller');

      const result = await getOrder(await connect({ authorization: `Bearer ${token}` }));

      expect(result.structuredContent).toEqual({ collection: 'orders', id: '1', item: { id: '1', status: 'open' } });
      expect(exchanges().map((request) => request.params.subject_token)).toEqual([token]);
      expect(fake.requests.map((request) => request.tokenSubject)).toEqual(['the-caller']);
    });
  } else {
    it('exchanges nothing and leaves the API alone: callers of this server present no access token', async () => {
      const result = await getOrder(await connect(await auth.headers(`${server.url}/mcp`)));

      expect(result.isError).toBe(true);
      expect(fake.tokenRequests).toEqual([]);
      expect(fake.requests).toEqual([]);
    });
  }
});
