import { describe, expect, it } from 'vitest';

import { MCP_POST_HEADERS, rawRequest } from '../helpers/http.js';
import { connectHttpClient, startTestServer } from '../helpers/http-server.js';

describe('graceful shutdown', () => {
  it('reports not-ready and refuses new work while in-flight calls finish', async () => {
    const server = await startTestServer({ SHUTDOWN_TIMEOUT_MS: '10000' });
    const client = await connectHttpClient(server, 'modern');

    let signalFirstStep: () => void = () => {};
    const firstStep = new Promise<void>((resolve) => {
      signalFirstStep = resolve;
    });
    const inFlight = client.callTool({ name: 'long_task', arguments: { steps: 5, stepMs: 20 } }, { onprogress: () => signalFirstStep() });
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
});
