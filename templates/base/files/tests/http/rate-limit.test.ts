import { afterEach, describe, expect, it, vi } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import type { Store } from '../../src/storage/store.js';
import { MCP_POST_HEADERS, rawRequest, toolCallRequest, type RawResponse } from '../helpers/http.js';
import { authHeaders, startTestServer } from '../helpers/http-server.js';
import { isolatedStore } from '../helpers/test-store.js';

/** A JSON-RPC ping: the cheapest request an MCP client sends. */
const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });

describe('rate limits over HTTP', () => {
  const servers: RunningHttpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** A server with `limits`, counting in `store` (one of its own unless given: two servers may share one). */
  async function serverWith(limits: Record<string, string>, store: Store = isolatedStore()): Promise<RunningHttpServer> {
    const server = await startTestServer(limits, { store });
    servers.push(server);
    return server;
  }

  async function ping(server: RunningHttpServer): Promise<RawResponse> {
    const headers = { ...MCP_POST_HEADERS, 'mcp-protocol-version': '2025-11-25', ...(await authHeaders(server)) };
    return rawRequest(`${server.url}/mcp`, { method: 'POST', headers, body: PING });
  }

  async function callTool(server: RunningHttpServer, name: string, id: number): Promise<RawResponse> {
    const request = toolCallRequest('legacy', name, name === 'echo' ? { text: 'hi' } : {}, { id });
    return rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...request.headers, ...(await authHeaders(server)) }, body: request.body });
  }

  it('tells the caller where it stands on every answer', async () => {
    const server = await serverWith({ RATE_LIMIT_REQUESTS: '5' });
    const first = await ping(server);
    const second = await ping(server);
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '4' });
    expect(second.headers['ratelimit-remaining']).toBe('3');
  });

  it('answers a request over the limit with 429, Retry-After, the RateLimit fields and a JSON-RPC error', async () => {
    const server = await serverWith({ RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const startedAt = Date.now();
    await ping(server);
    await ping(server);
    const refused = await ping(server);
    const elapsedSeconds = Math.ceil((Date.now() - startedAt) / 1000);

    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    // The window opened with the first request, so the wait is what is left of its 60 s.
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(retryAfter).toBeGreaterThanOrEqual(60 - elapsedSeconds);
    expect(refused.headers).toMatchObject({ 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': String(retryAfter) });
    expect(JSON.parse(refused.body)).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: `Rate limit reached: at most 2 requests per 60 s for each caller; retry in ${retryAfter} s`,
        data: { code: 'rate_limited', policy: 'requests', limit: 2, windowSeconds: 60, retryAfterMs: expect.any(Number) },
      },
      id: null,
    });
  });

  it('admits the caller again once a new window starts', async () => {
    const server = await serverWith({ RATE_LIMIT_REQUESTS: '1', RATE_LIMIT_WINDOW_SECONDS: '1' });
    expect((await ping(server)).status).toBe(200);
    expect((await ping(server)).status).toBe(429);
    await vi.waitFor(async () => expect((await ping(server)).status).toBe(200), { timeout: 5_000, interval: 100 });
  });

  it('limits the calls of each tool, answering 429 with the id of the refused call', async () => {
    const server = await serverWith({ RATE_LIMIT_TOOL_CALLS: '1' });
    expect((await callTool(server, 'echo', 1)).status).toBe(200);
    const refused = await callTool(server, 'echo', 2);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({
      error: { data: { code: 'rate_limited', policy: 'tool_calls', tool: 'echo', limit: 1 } },
      id: 2,
    });
    // Another tool has an allowance of its own.
    expect((await callTool(server, 'whoami', 3)).status).toBe(200);
  });

  it('holds across two servers on one store, as across replicas on a shared backend', async () => {
    const store = isolatedStore();
    const [first, second] = [await serverWith({ RATE_LIMIT_REQUESTS: '3' }, store), await serverWith({ RATE_LIMIT_REQUESTS: '3' }, store)];
    expect((await ping(first)).status).toBe(200);
    expect((await ping(second)).status).toBe(200);
    expect((await ping(first)).status).toBe(200);
    expect((await ping(second)).status).toBe(429);
  });

  it('counts nothing and adds no fields when the limits are switched off', async () => {
    const server = await serverWith({ RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_TOOL_CALLS: '0' });
    for (let request = 0; request < 3; request++) {
      const answer = await ping(server);
      expect(answer.status).toBe(200);
      expect(answer.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});
