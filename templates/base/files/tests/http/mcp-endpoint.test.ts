import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { MCP_POST_HEADERS, rawRequest } from '../helpers/http.js';
import { authHeaders, connectHttpClient, startTestServer } from '../helpers/http-server.js';

describe('MCP over Streamable HTTP', () => {
  let server: RunningHttpServer;
  const clients: Client[] = [];
  beforeEach(async () => {
    server = await startTestServer({ MAX_BODY_BYTES: '4096' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server.close();
  });

  describe.each(['modern', 'legacy'] as const)('with a %s-era client', (era) => {
    it('lists and calls tools', async () => {
      const client = await connectHttpClient(server, era);
      clients.push(client);
      expect(client.getProtocolEra()).toBe(era);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('echo');
      const result = await client.callTool({ name: 'echo', arguments: { text: 'over the wire' } });
      expect(result.content).toEqual([{ type: 'text', text: 'over the wire' }]);
    });

    it('delivers progress notifications while a tool runs', async () => {
      const client = await connectHttpClient(server, era);
      clients.push(client);
      const progress: number[] = [];
      const result = await client.callTool(
        { name: 'long_task', arguments: { steps: 3, stepMs: 1 } },
        { onprogress: ({ progress: done }) => void progress.push(done) },
      );
      expect(progress).toEqual([1, 2, 3]);
      expect(result.structuredContent).toEqual({ completedSteps: 3 });
    });
  });

  it('answers concurrent clients that reuse the same JSON-RPC ids with their own results', async () => {
    const callIds: unknown[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string; id?: unknown }) : undefined;
      if (body?.method === 'tools/call') callIds.push(body.id);
      return fetch(input, init);
    };
    const [first, second] = await Promise.all([connectHttpClient(server, 'modern', recordingFetch), connectHttpClient(server, 'modern', recordingFetch)]);
    clients.push(first, second);

    const [a, b] = await Promise.all([
      first.callTool({ name: 'echo', arguments: { text: 'from first' } }),
      second.callTool({ name: 'echo', arguments: { text: 'from second' } }),
    ]);

    expect(callIds).toHaveLength(2);
    expect(callIds[0]).toEqual(callIds[1]);
    expect(a.content).toEqual([{ type: 'text', text: 'from first' }]);
    expect(b.content).toEqual([{ type: 'text', text: 'from second' }]);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413', async () => {
    const response = await rawRequest(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, ...(await authHeaders(server)) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { padding: 'x'.repeat(8192) } }),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('answers malformed JSON with 400 and a JSON-RPC parse error', async () => {
    const response = await rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...(await authHeaders(server)) }, body: '{"jsonrpc": "2.0", "id": 1,' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 }, id: null });
  });

  it('answers valid JSON that is not a JSON-RPC message with an invalid-request error', async () => {
    const response = await rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...(await authHeaders(server)) }, body: JSON.stringify({ hello: 'world' }) });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
  });
});
