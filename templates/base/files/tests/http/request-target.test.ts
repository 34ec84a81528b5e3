import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { MCP_POST_HEADERS, type RawResponse } from '../helpers/http.js';
import { authHeaders, startTestServer } from '../helpers/http-server.js';

/** Sends `target` as the request target verbatim, the way a client talks to a proxy, to the server's address. */
function requestWithTarget(server: RunningHttpServer, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('request targets', () => {
  let server: RunningHttpServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(['/healthz', '/readyz', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource'])(
    'refuses an absolute URL as the target of GET %s with 400',
    async (path) => {
      const response = await requestWithTarget(server, 'GET', `http://evil.example${path}`);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
    },
  );

  it('refuses an absolute URL as the target of a POST to /mcp with 400, even naming this server', async () => {
    const headers = { ...MCP_POST_HEADERS, ...(await authHeaders(server)) };
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    for (const target of ['http://evil.example/mcp', `${server.url}/mcp`]) {
      const response = await requestWithTarget(server, 'POST', target, headers, body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
    }
  });

  it('refuses the asterisk target of OPTIONS * with 400', async () => {
    const response = await requestWithTarget(server, 'OPTIONS', '*');
    expect(response.status).toBe(400);
  });
});
