import { request } from 'node:http';

import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import echo from '../../src/tools/echo.js';
import longTask from '../../src/tools/long-task.js';
import { rawRequest, toolCallRequest } from '../helpers/http.js';
import { authHeaders, startTestServer } from '../helpers/http-server.js';

/** A tool that runs until its call is cancelled, telling the test when it started and when it stopped. */
function untilCancelled() {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  let cancelled = false;
  const tool = defineTool({
    name: 'until_cancelled',
    description: 'Waits until the call is cancelled',
    input: z.object({}),
    async handler(_input, ctx) {
      started();
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
      cancelled = true;
      return 'cancelled';
    },
  });
  return { tool, running, wasCancelled: () => cancelled };
}

describe('answers to 2025-era clients', () => {
  const waiting = untilCancelled();
  let server: RunningHttpServer;
  beforeEach(async () => {
    server = await startTestServer({}, { capabilities: { tools: [echo, longTask, waiting.tool] } });
  });
  afterEach(async () => {
    await server.close();
  });

  async function post(call: { headers: Record<string, string>; body: string }) {
    return rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...call.headers, ...(await authHeaders(server)) }, body: call.body });
  }

  it('answers a call that asks for no progress as one JSON message', async () => {
    const response = await post(toolCallRequest('legacy', 'echo', { text: 'plain' }, { id: 7 }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toEqual({ jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'plain' }] } });
  });

  it('streams a call that asks for progress, with its progress notifications', async () => {
    const response = await post(toolCallRequest('legacy', 'long_task', { steps: 2, stepMs: 1 }, { meta: { progressToken: 'p' } }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.body.match(/notifications\/progress/g)).toHaveLength(2);
  });

  it('answers a batch of calls as one JSON array', async () => {
    const calls = [1, 2].map((id) => JSON.parse(toolCallRequest('legacy', 'echo', { text: `call ${id}` }, { id }).body) as unknown);
    const response = await post({ headers: toolCallRequest('legacy', 'echo', {}).headers, body: JSON.stringify(calls) });
    expect(response.status).toBe(200);
    const answers = JSON.parse(response.body) as Array<{ id: number; result: { content: unknown } }>;
    expect(answers.map(({ id, result }) => [id, result.content])).toEqual([
      [1, [{ type: 'text', text: 'call 1' }]],
      [2, [{ type: 'text', text: 'call 2' }]],
    ]);
  });

  it('cancels the tool of a JSON-answered call when the client hangs up', async () => {
    const call = toolCallRequest('legacy', 'until_cancelled', {});
    const req = request(`${server.url}/mcp`, { method: 'POST', headers: { ...call.headers, ...(await authHeaders(server)) } });
    req.on('error', () => {});
    req.end(call.body);
    await waiting.running;

    req.destroy();

    await vi.waitFor(() => expect(waiting.wasCancelled()).toBe(true), { timeout: 5_000 });
  });
});
