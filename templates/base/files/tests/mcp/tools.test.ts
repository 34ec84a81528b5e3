import { afterEach, describe, expect, it } from 'vitest';

import { packageInfo } from '../../src/package-info.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';

describe.each(ERAS)('example tools over the %s protocol era', (era) => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('negotiates the expected era', async () => {
    connection = await connectInProcess(era);
    expect(connection.client.getProtocolEra()).toBe(era);
  });

  it('lists the example tools', async () => {
    connection = await connectInProcess(era);
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['echo', 'long_task', 'server_info', 'whoami']));
  });

  it('echo returns its input text', async () => {
    connection = await connectInProcess(era);
    const result = await connection.client.callTool({ name: 'echo', arguments: { text: 'hello, world' } });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'hello, world' }]);
  });

  it('rejects arguments that do not match the input schema as a tool error', async () => {
    connection = await connectInProcess(era);
    const result = await connection.client.callTool({ name: 'echo', arguments: { text: '' } });
    expect(result.isError).toBe(true);
  });

  it('whoami returns the caller identity (anonymous without authentication)', async () => {
    connection = await connectInProcess(era);
    const result = await connection.client.callTool({ name: 'whoami', arguments: {} });
    expect(result.structuredContent).toEqual({ subject: 'anonymous', scopes: [], roles: [] });
  });

  it('server_info describes the server and the era of the request', async () => {
    connection = await connectInProcess(era);
    const result = await connection.client.callTool({ name: 'server_info', arguments: {} });
    expect(result.structuredContent).toMatchObject({
      name: packageInfo.name,
      version: packageInfo.version,
      upstream: { id: expect.any(String), displayName: expect.any(String) },
      auth: { id: expect.any(String), displayName: expect.any(String) },
      storage: { id: expect.any(String), displayName: expect.any(String) },
      protocolEra: era,
    });
  });
});
