import { afterEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { MCP_POST_HEADERS, rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/http-server.js';
import { isolatedStore } from '../helpers/test-store.js';

const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });

/**
 * Without authentication every caller is anonymous, so rate limits count client addresses: the TCP
 * peer's, or, behind proxies named in TRUST_PROXY, the one they forward.
 */
describe('rate limits of anonymous callers', () => {
  let server: RunningHttpServer;
  afterEach(async () => {
    await server.close();
  });

  const pingFrom = (forwardedFor: string) =>
    rawRequest(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': '2025-11-25', 'x-forwarded-for': forwardedFor },
      body: PING,
    });

  it('count each forwarded client address on its own behind a trusted proxy', async () => {
    server = await startTestServer({ RATE_LIMIT_REQUESTS: '1', TRUST_PROXY: 'loopback' }, { store: isolatedStore() });
    expect((await pingFrom('203.0.113.1')).status).toBe(200);
    expect((await pingFrom('203.0.113.2')).status).toBe(200);
    expect((await pingFrom('203.0.113.1')).status).toBe(429);
  });

  it('ignore X-Forwarded-For from a peer nobody said to trust: a client cannot pick its own address', async () => {
    server = await startTestServer({ RATE_LIMIT_REQUESTS: '1' }, { store: isolatedStore() });
    expect((await pingFrom('203.0.113.1')).status).toBe(200);
    expect((await pingFrom('203.0.113.2')).status).toBe(429);
  });
});
