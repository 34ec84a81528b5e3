import { connect, type Socket } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { createLimitedServer } from '../../src/http/server-limits.js';
import { testConfig } from '../helpers/config.js';
import { authHeaders, connectHttpClient, startTestServer } from '../helpers/http-server.js';
import { captureLogs } from '../helpers/logs.js';

/** A raw connection to the server, recording what it receives until the server closes it. */
interface RawConnection {
  socket: Socket;
  /** Resolves with everything received once the server has closed the connection. */
  closed: Promise<string>;
  /** Resolves once `text` has been received. */
  received(text: string): Promise<void>;
}

function openConnection(server: RunningHttpServer): Promise<RawConnection> {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  let data = '';
  const listeners: Array<() => void> = [];
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    data += chunk;
    for (const listener of listeners) listener();
  });
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(data)));
  const received = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (data.includes(text)) resolve();
      };
      listeners.push(check);
      check();
    });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, closed, received }));
    socket.once('error', reject);
  });
}

describe('HTTP connection limits', () => {
  let server: RunningHttpServer;
  afterEach(async () => {
    await server.close();
  });

  it('answers 408 and disconnects a client that sends its headers slower than HTTP_HEADERS_TIMEOUT_MS', async () => {
    server = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '60000' });
    const connection = await openConnection(server);

    connection.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n`);

    expect(await connection.closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and disconnects a client that sends its body slower than HTTP_REQUEST_TIMEOUT_MS', async () => {
    server = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '600' });
    const headers = Object.entries({
      host: new URL(server.url).host,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': '1000',
      ...(await authHeaders(server)),
    });
    const connection = await openConnection(server);

    connection.socket.write(`POST /mcp HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n{"jsonrpc":`);

    expect(await connection.closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('lets a tool call answer for longer than HTTP_REQUEST_TIMEOUT_MS, which only bounds receiving the request', async () => {
    server = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '200', HTTP_REQUEST_TIMEOUT_MS: '200' });
    const client = await connectHttpClient(server, 'modern');
    try {
      const result = await client.callTool({ name: 'long_task', arguments: { steps: 4, stepMs: 250 } });
      expect(result.structuredContent).toEqual({ completedSteps: 4 });
    } finally {
      await client.close();
    }
  });

  it('closes connections beyond HTTP_MAX_CONNECTIONS as they open, and logs each one', async () => {
    const logs = captureLogs();
    server = await startTestServer({ HTTP_MAX_CONNECTIONS: '1' }, { logger: logs.logger });
    const request = `GET /healthz HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n\r\n`;
    const first = await openConnection(server);
    first.socket.write(request);
    await first.received('"status":"ok"');

    const second = await openConnection(server);
    second.socket.write(request);

    expect(await second.closed).toBe('');
    expect(logs.entries().map((entry) => entry.msg)).toContain('refused a connection: HTTP_MAX_CONNECTIONS reached');
    first.socket.destroy();
  });
});

describe('HTTP server settings', () => {
  it('keeps idle keep-alive connections open for HTTP_KEEP_ALIVE_TIMEOUT_MS', () => {
    const config = testConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '620000' });
    const server = createLimitedServer(config, captureLogs().logger, () => {});
    expect(server.keepAliveTimeout).toBe(620_000);
  });
});
