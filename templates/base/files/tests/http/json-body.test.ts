import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express, { type Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonBody } from '../../src/http/json-body.js';
import { rawRequest } from '../helpers/http.js';

describe('JSON body parser', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    // Echoes what the parser left on the request: the bytes for Authenticator.verifyBody, and the value.
    app.post('/', jsonBody({ maxBytes: 4096, maxDepth: 8 }), (req: Request & { rawBody?: Buffer }, res) => {
      res.json({ rawBody: req.rawBody?.toString('base64'), body: req.body as unknown });
    });
    server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
  });

  it('keeps the exact bytes received beside the parsed value, spacing and escapes included', async () => {
    const sent = '{ "jsonrpc" : "2.0",\n  "id": 7, "method": "tools/list", "params": { "note": "caf\\u00e9 — ☕" } }';
    const response = await rawRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent });
    const echoed = JSON.parse(response.body) as { rawBody: string; body: unknown };
    expect(Buffer.from(echoed.rawBody, 'base64').toString('utf8')).toBe(sent);
    expect(echoed.body).toEqual({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: { note: 'café — ☕' } });
  });
});
