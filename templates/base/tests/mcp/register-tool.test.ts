import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';

import { ToolError } from '../../src/errors.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
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

/** A tool whose result has a shape: its error results are still free to carry the error's own structure. */
const lookup = defineTool({
  name: 'lookup_invoice',
  description: 'Looks an invoice up the way a real tool would',
  input: z.object({ id: z.string() }),
  output: z.object({ id: z.string(), total: z.number() }),
  async handler({ id }) {
    if (id === '42') return { id, total: 10 };
    throw new ToolError('upstream_rate_limited', 'Billing is rate limiting requests; try again in 30 s', {
      details: { upstream: 'Billing', status: 429, retryAfterMs: 30_000 },
    });
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

  it('gives the client the code and details of an expected failure as structured content', async () => {
    connection = await connectInProcess('modern', { tools: [lookup] });
    const result = await connection.client.callTool({ name: 'lookup_invoice', arguments: { id: '7' } });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'Billing is rate limiting requests; try again in 30 s' }],
      structuredContent: {
        error: { code: 'upstream_rate_limited', message: 'Billing is rate limiting requests; try again in 30 s', upstream: 'Billing', status: 429, retryAfterMs: 30_000 },
      },
    });
  });

  it.each(ERAS)('sends error results past the output schema of the tool (%s client)', async (era) => {
    connection = await connectInProcess(era, { tools: [lookup] });
    const result = await connection.client.callTool({ name: 'lookup_invoice', arguments: { id: '7' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: 'upstream_rate_limited' } });
    await expect(connection.client.callTool({ name: 'lookup_invoice', arguments: { id: '42' } })).resolves.toMatchObject({ structuredContent: { id: '42', total: 10 } });
  });

  it('gives a failure without details its code and message as structured content', async () => {
    connection = await connectInProcess('modern', { tools: [failing] });
    const result = await connection.client.callTool({ name: 'failing', arguments: { expected: true } });
    expect(result.structuredContent).toEqual({ error: { code: 'NOT_FOUND', message: 'No invoice with id 42. Try list_invoices first.' } });
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
    expect(result.structuredContent).toBeUndefined();
    const crash = logs.entries().find((entry) => entry.msg === 'tool call crashed');
    expect(JSON.stringify(crash)).toContain('db.internal:5432');
  });

  it('refuses tool names that are not snake_case', () => {
    expect(() => defineTool({ name: 'listInvoices', description: 'x', input: z.object({}), handler: async () => 'x' })).toThrow(/snake_case/);
  });
});
