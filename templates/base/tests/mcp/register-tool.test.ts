import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';

import { ToolError } from '../../src/errors.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import { connectInProcess, type InProcessConnection } from '../helpers/in-process-client.js';
import { captureLogs } from '../helpers/logs.js';

const failing = defineTool({
  name: 'failing',
  description: 'Fails the way a real tool would',
  input: z.object({ expected: z.boolean() }),
  async handler({ expected }) {
    if (expected) throw new ToolError('NOT_FOUND', 'No invoice with id 42. Try list_invoices first.');
    throw new Error('database password rejected at db.internal:5432');
  },
});

describe('tool error policy', () => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('shows the message of an expected failure (ToolError) to the client', async () => {
    connection = await connectInProcess('modern', { tools: [failing] });
    const result = await connection.client.callTool({ name: 'failing', arguments: { expected: true } });
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'No invoice with id 42. Try list_invoices first.' }] });
  });

  it('hides the details of an unexpected failure from the client and logs its stack', async () => {
    const logs = captureLogs();
    connection = await connectInProcess('modern', { tools: [failing], logger: logs.logger });
    const result = await connection.client.callTool({ name: 'failing', arguments: { expected: false } });

    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toContain('failed unexpectedly');
    expect(text).not.toContain('db.internal');
    expect(text).not.toContain(' at ');
    const crash = logs.entries().find((entry) => entry.msg === 'tool call crashed');
    expect(JSON.stringify(crash)).toContain('db.internal:5432');
  });

  it('refuses tool names that are not snake_case', () => {
    expect(() => defineTool({ name: 'listInvoices', description: 'x', input: z.object({}), handler: async () => 'x' })).toThrow(/snake_case/);
  });
});
