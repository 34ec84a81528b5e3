import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { MCP_POST_HEADERS, rawRequest, type RawResponse } from '../helpers/http.js';
import { authHeaders, startTestServer } from '../helpers/http-server.js';
import { captureLogs, type CapturedLogs } from '../helpers/logs.js';

/** Pino's numeric level for "info". */
const INFO = 30;

describe('JSON request bodies', () => {
  let server: RunningHttpServer;
  let logs: CapturedLogs;
  beforeEach(async () => {
    logs = captureLogs();
    server = await startTestServer({ MAX_JSON_DEPTH: '16' }, { logger: logs.logger });
  });
  afterEach(async () => {
    await server.close();
  });

  /** POSTs `body` (a JSON text) to /mcp as an allowed caller. */
  async function post(body: string, contentType = 'application/json'): Promise<RawResponse> {
    return rawRequest(`${server.url}/mcp`, { method: 'POST', headers: { ...MCP_POST_HEADERS, 'content-type': contentType, ...(await authHeaders(server)) }, body });
  }

  /** An `echo` call whose arguments carry `levels` arrays inside each other; the message nests 3 levels more. */
  const echoWithNesting = (levels: number) =>
    `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"deep","extra":${'['.repeat(levels)}${']'.repeat(levels)}}}}`;

  it('answers a body nested as deep as MAX_JSON_DEPTH', async () => {
    const response = await post(echoWithNesting(13));
    expect(response.status).toBe(200);
    expect(response.body).toContain('"text":"deep"');
  });

  it('refuses a body nested deeper than MAX_JSON_DEPTH with 400 and a JSON-RPC parse error', async () => {
    const response = await post(echoWithNesting(14));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: JSON nested deeper than 16 levels' }, id: null });
  });

  it('refuses thousands of levels of nesting the same way, logging nothing above info', async () => {
    const startUpLines = logs.entries().length;
    const responses = [await post(echoWithNesting(5_000)), await post('['.repeat(100_000))];
    expect(responses.map((response) => response.status)).toEqual([400, 400]);
    const requestLogs = logs.entries().slice(startUpLines);
    expect(requestLogs.filter((entry) => entry.msg === 'request completed')).toHaveLength(2);
    expect(requestLogs.filter((entry) => Number(entry.level) > INFO)).toEqual([]);
  });

  it('does not count brackets inside strings as nesting', async () => {
    const response = await post(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"${'[{'.repeat(100)}"}}}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain('[{[{');
  });

  it('refuses a body in another charset than UTF-8 with 415', async () => {
    const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), 'application/json; charset=utf-16le');
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
  });
});
