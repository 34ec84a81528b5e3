import { request } from 'node:http';

import { describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { MCP_POST_HEADERS, rawRequest } from '../helpers/http.js';
import { authHeaders, connectHttpClient, startTestServer } from '../helpers/http-server.js';

describe('graceful shutdown', () => {
  it('reports not-ready and refuses new work while in-flight calls finish', async () => {
    const server = await startTestServer({ SHUTDOWN_TIMEOUT_MS: '10000' });
    const client = await connectHttpClient(server, 'modern');

    let signalFirstStep: () => void = () => {};
    const firstStep = new Promise<void>((resolve) => {
      signalFirstStep = resolve;
    });
    const inFlight = client.callTool({ name: 'long_task', arguments: { steps: 5, stepMs: 200 } }, { onprogress: () => signalFirstStep() });
    await firstStep;

    const closed = server.close();
    const readyz = await rawRequest(`${server.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(JSON.parse(readyz.body)).toMatchObject({ status: 'draining' });

    const newWork = await rawRequest(`${server.url}/mcp`, {
      method: 'POST',
      headers: MCP_POST_HEADERS,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(newWork.status).toBe(503);

    await expect(inFlight).resolves.toMatchObject({ structuredContent: { completedSteps: 5 } });
    await closed;
    await client.close();
  });

  it('cuts the connections still busy after SHUTDOWN_TIMEOUT_MS, so shutdown ends', async () => {
    const server = await startTestServer({ SHUTDOWN_TIMEOUT_MS: '200' });
    // About 17 minutes of work: only a cut connection ends the call within the test.
    const call = await streamingToolCall(server, 'long_task', { steps: 1_000, stepMs: 1_000 });

    await server.close();

    await expect(call.outcome).resolves.toBe('connection cut');
  });
});

/**
 * Calls a tool over a raw HTTP request (a 2025-era client, answered as an event stream) and resolves
 * once the first event arrived; `outcome` tells how the stream then ended.
 */
async function streamingToolCall(
  server: RunningHttpServer,
  name: string,
  args: Record<string, unknown>,
): Promise<{ outcome: Promise<'completed' | 'connection cut'> }> {
  const headers = { ...MCP_POST_HEADERS, ...(await authHeaders(server)) };
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args, _meta: { progressToken: 'progress' } } });
  let firstEvent: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    firstEvent = resolve;
  });
  const outcome = new Promise<'completed' | 'connection cut'>((resolve, reject) => {
    const req = request(`${server.url}/mcp`, { method: 'POST', headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`tools/call answered ${res.statusCode}`));
      res.once('data', () => firstEvent());
      res.on('end', () => resolve('completed'));
      res.on('aborted', () => resolve('connection cut'));
    });
    req.on('error', reject);
    req.end(body);
  });
  await Promise.race([started, outcome]);
  return { outcome };
}
