import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { upstreamApiProblems } from '../../src/upstream/index.js';
import { testConfig } from '../helpers/config.js';
import { connectInProcess, type InProcessConnection } from '../helpers/in-process-client.js';
import { outputSchemaViolation, toolErrorOf } from '../helpers/tool-results.js';

/** A freshly generated project has no REST API settings: it serves anyway, and its api_* tools say what to set. */
describe('api_* tools without REST API settings', () => {
  let connection: InProcessConnection;
  beforeEach(async () => {
    connection = await connectInProcess('modern');
  });
  afterEach(async () => {
    await connection.close();
  });

  it('are still listed', async () => {
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['api_get_item', 'api_list_items', 'api_create_item', 'api_update_item', 'api_delete_item']));
  });

  it.each([
    ['api_get_item', { collection: 'orders', id: '1' }],
    ['api_list_items', { collection: 'orders' }],
    ['api_create_item', { collection: 'orders', fields: {} }],
    ['api_update_item', { collection: 'orders', id: '1', changes: {} }],
    ['api_delete_item', { collection: 'orders', id: '1' }],
  ])('%s answers upstream_not_configured, listing the missing settings, within its output schema', async (name, args) => {
    const tool = (await connection.client.listTools()).tools.find((candidate) => candidate.name === name);
    const result = await connection.client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toEqual({ code: 'upstream_not_configured', message: expect.stringContaining('UPSTREAM_API_URL'), problems: upstreamApiProblems(testConfig()) });
    expect(tool?.outputSchema).toBeDefined();
    expect(outputSchemaViolation(tool!, result)).toBeUndefined();
  });
});
