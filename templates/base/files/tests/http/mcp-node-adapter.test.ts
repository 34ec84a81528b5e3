import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { McpHttpHandler } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { identityToAuthInfo } from '../../src/auth/auth-info.js';
import { anonymousIdentity } from '../../src/auth/types.js';
import { createHttpMcpHandler } from '../../src/http/mcp-handler.js';
import { createMcpNodeHandler } from '../../src/http/mcp-node-adapter.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { namespacedStore } from '../../src/storage/store.js';
import { createUpstreamApi } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';
import { toolCallRequest } from '../helpers/http.js';
import { captureLogs } from '../helpers/logs.js';

/** A point a tool or test reaches, and a way to wait for it. */
function milestone<T = void>(): { reached: Promise<T>; reach(value: T): void } {
  let reach: (value: T) => void = () => {};
  const reached = new Promise<T>((resolve) => (reach = resolve));
  return { reached, reach };
}

const echo = defineTool({
  name: 'echo',
  description: 'Answers with its text',
  input: z.object({ text: z.string() }),
  async handler({ text }) {
    return text;
  },
});

/** Reports a first step, then finishes only once the test lets it. */
const mayFinish = milestone();
const stepped = defineTool({
  name: 'stepped',
  description: 'Reports progress, then waits for the test',
  input: z.object({}),
  async handler(_input, ctx) {
    await ctx.reportProgress(1, 2, 'first step');
    await mayFinish.reached;
    return 'done';
  },
});

/** Runs until its call is cancelled, telling the test when it started and when its signal aborted. */
let endlessStarted = milestone();
let endlessCancelled = milestone();
const endless = defineTool({
  name: 'endless',
  description: 'Runs until cancelled',
  input: z.object({}),
  async handler(_input, ctx) {
    endlessStarted.reach();
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    endlessCancelled.reach();
    return 'cancelled';
  },
});

const authInfo = identityToAuthInfo(anonymousIdentity);

interface Served {
  url: string;
  handler: McpHttpHandler;
  /** What the adapter reported through `onerror`. */
  errors: Error[];
  close(): Promise<void>;
}

/** The real MCP handler behind the adapter on a bare node:http server that parses JSON bodies. */
async function serve(): Promise<Served> {
  const config = testConfig();
  const logger = captureLogs().logger;
  const { store, sealed } = await openStorage(config, logger);
  const upstream = createUpstreamApi(config, { logger, store: namespacedStore(sealed, 'upstream') });
  const handler = createHttpMcpHandler({ config, logger, store, upstream }, { capabilities: { tools: [echo, stepped, endless] } });
  const errors: Error[] = [];
  const mcp = createMcpNodeHandler(handler, { onerror: (error) => void errors.push(error) });
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await mcp(req, res, { authInfo, parsedBody: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    handler,
    errors,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await handler.close();
      await store.close();
    },
  };
}

/** Sends a POST; `response` resolves once the answer's headers arrived, its body left to read. */
function post(url: string, call: { headers: Record<string, string>; body: string }) {
  const req = request(url, { method: 'POST', headers: call.headers });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  req.end(call.body);
  return { response, disconnect: () => req.destroy() };
}

async function bodyOf(res: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('the MCP handler served to Node', () => {
  let served: Served;
  afterEach(async () => {
    await served.close();
  });

  it('writes a JSON answer in one piece with its content-length, byte for byte as the handler made it', async () => {
    served = await serve();
    const call = toolCallRequest('modern', 'echo', { text: 'naïve café' });
    const direct = await served.handler.fetch(new Request(served.url, { method: 'POST', ...call }), { authInfo });
    const expected = Buffer.from(await direct.arrayBuffer());

    const res = await post(served.url, call).response;
    const body = await bodyOf(res);

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['content-length']).toBe(String(expected.byteLength));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(body.equals(expected)).toBe(true);
  });

  it('passes an event stream on while the tool still runs', async () => {
    served = await serve();
    const res = await post(served.url, toolCallRequest('modern', 'stepped', {}, { meta: { progressToken: 'steps' } })).response;
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.headers['content-length']).toBeUndefined();
    const events = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

    const first = (await events.next()).value.toString('utf8');
    expect(first).toContain('"method":"notifications/progress"');
    expect(first).not.toContain('"result"');

    mayFinish.reach();
    const rest = (await bodyOf({ [Symbol.asyncIterator]: () => events })).toString('utf8');
    expect(rest).toContain('"result"');
    expect(rest).toContain('"text":"done"');
  });

  it.each(['modern', 'legacy'] as const)("aborts the tool's signal when a %s-era client disconnects before its answer", async (era) => {
    served = await serve();
    endlessStarted = milestone();
    endlessCancelled = milestone();
    const call = post(served.url, toolCallRequest(era, 'endless', {}));
    call.response.catch(() => {});
    await endlessStarted.reached;

    call.disconnect();

    await endlessCancelled.reached;
  });

  it('answers 500 with the request id and reports the error when the handler throws', async () => {
    served = await serve();
    // A closed handler throws on every request, as it does for one that slips in during shutdown.
    await served.handler.close();

    const res = await post(served.url, toolCallRequest('modern', 'echo', { text: 'late' }, { id: 7 })).response;

    expect(res.statusCode).toBe(500);
    expect(JSON.parse((await bodyOf(res)).toString('utf8'))).toEqual({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: 7 });
    expect(served.errors.map((error) => error.message)).toEqual(['This MCP handler has been closed']);
  });
});
