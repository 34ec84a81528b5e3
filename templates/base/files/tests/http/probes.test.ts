import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/http-server.js';
import { isolatedStore } from '../helpers/test-store.js';

describe('health probes', () => {
  let server: RunningHttpServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('/healthz answers 200 while the process is alive', async () => {
    const response = await rawRequest(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when storage is reachable', async () => {
    const response = await rawRequest(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ready', checks: { storage: true } });
  });

  it('probes answer orchestrators that address the pod by IP, outside the Host allow-list', async () => {
    const response = await rawRequest(`${server.url}/healthz`, { headers: { host: '10.1.2.3:3000' } });
    expect(response.status).toBe(200);
  });

  it('every response carries a request id, reusing the caller’s when it is well-formed', async () => {
    const generated = await rawRequest(`${server.url}/healthz`);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await rawRequest(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const replaced = await rawRequest(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers['x-request-id']).not.toBe('bad id\twith spaces');
  });
});

describe('readiness while the store is unreachable', () => {
  it('/readyz answers 503 and names storage as the failing check', async () => {
    const unreachable = { ...isolatedStore(), ping: async () => Promise.reject(new Error('connection refused')) };
    const server = await startTestServer({}, { store: unreachable });
    try {
      const response = await rawRequest(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(JSON.parse(response.body)).toMatchObject({ status: 'not_ready', checks: { storage: false } });
    } finally {
      await server.close();
    }
  });
});
