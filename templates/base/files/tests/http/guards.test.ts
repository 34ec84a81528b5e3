import { afterEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { MCP_POST_HEADERS, rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/http-server.js';

const listTools = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

describe('Host and Origin allow-lists', () => {
  let server: RunningHttpServer;
  afterEach(async () => {
    await server.close();
  });

  it('refuses a Host header outside the allow-list with 403 (DNS rebinding)', async () => {
    server = await startTestServer();
    const response = await rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...MCP_POST_HEADERS, host: 'evil.example.com' }, body: listTools });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: { message: expect.any(String) } });
  });

  it('accepts the host of PUBLIC_URL and hosts listed in ALLOWED_HOSTS', async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://mcp.example.com', ALLOWED_HOSTS: 'internal.example.com' });
    for (const host of ['mcp.example.com', 'internal.example.com:8443']) {
      const response = await rawRequest(`${server.url}/nowhere`, { headers: { host } });
      expect(response.status, host).toBe(404);
    }
  });

  it('refuses a foreign Origin with 403', async () => {
    server = await startTestServer();
    const response = await rawRequest(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, origin: 'https://evil.example.com' },
      body: listTools,
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('refuses another local port as a foreign origin', async () => {
    server = await startTestServer();
    const response = await rawRequest(`${server.url}/nowhere`, { headers: { origin: 'http://127.0.0.1:1' } });
    expect(response.status).toBe(403);
  });

  it('accepts requests without Origin, from the same origin, and from ALLOWED_ORIGINS', async () => {
    server = await startTestServer({ ALLOWED_ORIGINS: 'https://app.example.com' });
    for (const origin of [undefined, server.url, 'https://app.example.com']) {
      const response = await rawRequest(`${server.url}/nowhere`, { headers: origin === undefined ? {} : { origin } });
      expect(response.status, String(origin)).toBe(404);
    }
  });
});
