import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import echo from '../../src/tools/echo.js';
import { MCP_POST_HEADERS, rawRequest } from '../helpers/http.js';
import { authHeaders, startTestServer } from '../helpers/http-server.js';
import { captureLogs, type CapturedLogs } from '../helpers/logs.js';

/** A tool that writes a log line of its own. */
const noting = defineTool({
  name: 'noting',
  description: 'Logs a note',
  input: z.object({ note: z.string() }),
  async handler({ note }, ctx) {
    ctx.logger.info({ note }, 'noted');
    return note;
  },
});

describe('access log', () => {
  let server: RunningHttpServer;
  let logs: CapturedLogs;
  beforeEach(async () => {
    logs = captureLogs();
    server = await startTestServer({}, { logger: logs.logger, capabilities: { tools: [echo, noting] } });
  });
  afterEach(async () => {
    await server.close();
  });

  async function callTool(name: string, args: Record<string, unknown>, requestId: string): Promise<number> {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
    const headers = { ...MCP_POST_HEADERS, ...(await authHeaders(server)), 'x-request-id': requestId };
    return (await rawRequest(`${server.url}/mcp`, { method: 'POST', headers, body })).status;
  }

  it('writes one line per request with its request id, method, path, status and duration', async () => {
    expect(await callTool('echo', { text: 'hello' }, 'access-1')).toBe(200);
    const lines = logs.entries().filter((entry) => entry.msg === 'request completed');
    expect(lines).toEqual([expect.objectContaining({ requestId: 'access-1', method: 'POST', path: '/mcp', status: 200, durationMs: expect.any(Number) })]);
  });

  it('tags what a tool logs with the request id of its HTTP request', async () => {
    expect(await callTool('noting', { note: 'remember' }, 'access-2')).toBe(200);
    const toolLines = logs.entries().filter((entry) => entry.msg === 'noted');
    expect(toolLines).toEqual([expect.objectContaining({ requestId: 'access-2', tool: 'noting', note: 'remember' })]);
  });
});
