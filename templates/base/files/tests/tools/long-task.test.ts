import { request } from 'node:http';

import { afterEach, describe, expect, it, vi } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { toolCallRequest } from '../helpers/http.js';
import { authHeaders, startTestServer } from '../helpers/http-server.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { captureLogs, type CapturedLogs } from '../helpers/logs.js';

describe.each(ERAS)('long_task over the %s protocol era', (era) => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('sends one progress notification per step, then the result', async () => {
    connection = await connectInProcess(era);
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = await connection.client.callTool(
      { name: 'long_task', arguments: { steps: 3, stepMs: 1 } },
      { onprogress: ({ progress: done, total }) => void progress.push({ progress: done, ...(total !== undefined && { total }) }) },
    );
    expect(result.structuredContent).toEqual({ completedSteps: 3 });
    expect(progress).toEqual([
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
      { progress: 3, total: 3 },
    ]);
  });
});

/**
 * Cancellation over HTTP is a 2026-07-28 feature: the client closes the call's response stream.
 * 2025-era clients cancel with a separate `notifications/cancelled` POST, which a stateless server
 * cannot tie to the running call; over stdio both eras cancel (see tests/stdio.test.ts).
 */
describe('long_task cancellation over HTTP (modern era)', () => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('stops working when the client cancels the call', async () => {
    const logs = captureLogs();
    connection = await connectInProcess('modern', { logger: logs.logger });
    const controller = new AbortController();
    const call = connection.client.callTool(
      { name: 'long_task', arguments: { steps: 1_000, stepMs: 20 } },
      { signal: controller.signal, onprogress: () => controller.abort('user clicked stop') },
    );

    await expect(call).rejects.toThrow();
    expect((await stopLine(logs)).completedSteps).toBeLessThan(1_000);
  });
});

describe.each(ERAS)('long_task behind the HTTP server (%s era)', (era) => {
  let server: RunningHttpServer;
  afterEach(async () => {
    await server.close();
  });

  it('stops working when the client disconnects', async () => {
    const logs = captureLogs();
    server = await startTestServer({}, { logger: logs.logger });
    const call = toolCallRequest(era, 'long_task', { steps: 1_000, stepMs: 20 }, { meta: { progressToken: 'steps' } });
    const req = request(`${server.url}/mcp`, { method: 'POST', headers: { ...call.headers, ...(await authHeaders(server)) } });
    req.on('error', () => {});
    const firstEvent = new Promise((resolve) => req.on('response', (res) => res.once('data', resolve)));
    req.end(call.body);
    await firstEvent;

    req.destroy();

    expect((await stopLine(logs)).completedSteps).toBeLessThan(1_000);
  });
});

/** Waits for the line long_task logs when it stops on cancellation. */
function stopLine(logs: CapturedLogs): Promise<Record<string, unknown>> {
  return vi.waitFor(
    () => {
      const entry = logs.entries().find((line) => line.msg === 'long_task stopped on cancellation');
      if (entry === undefined) throw new Error('long_task has not stopped yet');
      return entry;
    },
    { timeout: 5_000 },
  );
}
