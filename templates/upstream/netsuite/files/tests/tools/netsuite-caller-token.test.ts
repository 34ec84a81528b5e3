import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { startFakeNetSuite, type FakeNetSuite } from '../helpers/fake-netsuite.js';
import { authHeaders, connectHttpClient, startTestServer } from '../helpers/http-server.js';
import { ERAS } from '../helpers/in-process-client.js';

/**
 * NetSuite is called with this server's own credentials. Whatever the MCP caller presented to this
 * server (its access token, or any Authorization header where nothing is checked) stays here.
 */
describe.each(ERAS)("the MCP caller's token, over the %s protocol era", (era) => {
  let fake: FakeNetSuite;
  let server: RunningHttpServer;
  let client: Client;
  let callerAuthorization: string;

  beforeEach(async () => {
    fake = await startFakeNetSuite();
    server = await startTestServer(fake.serverEnv);
    callerAuthorization = (await authHeaders(server)).authorization ?? 'Bearer mcp-caller-token-that-must-stay-here';
    const withCallerToken: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (!headers.has('authorization')) headers.set('authorization', callerAuthorization);
      return fetch(input, { ...init, headers });
    };
    client = await connectHttpClient(server, era, withCallerToken);
  });

  afterEach(async () => {
    await client.close();
    await server.close();
    await fake.close();
  });

  it('never reaches NetSuite: every NetSuite request carries a token NetSuite issued', async () => {
    await client.callTool({ name: 'netsuite_get_record', arguments: { record_type: 'customer', id: '101' } });
    await client.callTool({ name: 'netsuite_suiteql', arguments: { query: 'SELECT id FROM customer' } });
    await client.callTool({ name: 'netsuite_create_record', arguments: { record_type: 'customer', values: { companyName: 'Acme Ltd' } } });

    const callerToken = callerAuthorization.replace(/^Bearer /, '');
    expect(fake.apiRequests()).toHaveLength(3);
    for (const request of fake.requests) {
      expect(JSON.stringify(request)).not.toContain(callerToken);
    }
    for (const request of fake.apiRequests()) {
      expect(fake.issuedTokens.map((token) => `Bearer ${token}`)).toContain(request.headers.authorization);
    }
  });
});
