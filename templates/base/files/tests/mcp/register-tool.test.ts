import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';

import { ToolError } from '../../src/errors.js';
import { defineTool } from '../../src/mcp/define-tool.js';
import { TOOL_ERROR_META_KEY } from '../../src/mcp/tool-error-result.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { captureLogs } from '../helpers/logs.js';
import { toolErrorOf } from '../helpers/tool-results.js';

const failing = defineTool({
  name: 'failing',
  description: 'Fails the way a real tool would',
  input: z.object({ expected: z.boolean() }),
  async handler({ expected }) {
    if (expected) throw new ToolError('NOT_FOUND', 'No invoice with id 42. Try list_invoices first.');
    throw new Error('database password rejected at db.internal:5432');
  },
});

/** A tool whose result has a shape: its error results must not break it. */
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

  it('gives the client the code and details of an expected failure in _meta', async () => {
    connection = await connectInProcess('modern', { tools: [lookup] });
    const result = await connection.client.callTool({ name: 'lookup_invoice', arguments: { id: '7' } });
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'Billing is rate limiting requests; try again in 30 s' }] });
    expect(result._meta).toMatchObject({
      'enterprise-mcp/error': { code: 'upstream_rate_limited', message: 'Billing is rate limiting requests; try again in 30 s', upstream: 'Billing', status: 429, retryAfterMs: 30_000 },
    });
  });

  it.each(ERAS)('sends no structured content with the error of a tool that has an output schema (%s client)', async (era) => {
    connection = await connectInProcess(era, { tools: [lookup] });
    const result = await connection.client.callTool({ name: 'lookup_invoice', arguments: { id: '7' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(toolErrorOf(result)).toMatchObject({ code: 'upstream_rate_limited' });
    await expect(connection.client.callTool({ name: 'lookup_invoice', arguments: { id: '42' } })).resolves.toMatchObject({ structuredContent: { id: '42', total: 10 } });
  });

  it('gives the error of a tool without an output schema as structured content too', async () => {
    connection = await connectInProcess('modern', { tools: [failing] });
    const result = await connection.client.callTool({ name: 'failing', arguments: { expected: true } });
    const error = { code: 'NOT_FOUND', message: 'No invoice with id 42. Try list_invoices first.' };
    expect(result.structuredContent).toEqual({ error });
    expect(toolErrorOf(result)).toEqual(error);
  });

  it('keeps the code and message when details name them too', async () => {
    const clashing = defineTool({
      name: 'clashing',
      description: 'Fails with details that name a code and a message of their own',
      input: z.object({}),
      async handler() {
        throw new ToolError('upstream_validation', 'The upstream refused the input', { details: { code: 'E42', message: 'raw upstream text' } });
      },
    });
    connection = await connectInProcess('modern', { tools: [clashing] });
    const result = await connection.client.callTool({ name: 'clashing', arguments: {} });
    expect(toolErrorOf(result)).toEqual({ code: 'upstream_validation', message: 'The upstream refused the input' });
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
    expect(toolErrorOf(result)).toEqual({ code: 'internal_error', message: expect.stringContaining('failed unexpectedly'), requestId: expect.any(String) });
    const crash = logs.entries().find((entry) => entry.msg === 'tool call crashed');
    expect(JSON.stringify(crash)).toContain('db.internal:5432');
  });

  it('keys the error in _meta as the MCP spec asks: under a prefix of its own, not one the protocol reserves', () => {
    const [prefix = '', name = '', ...rest] = TOOL_ERROR_META_KEY.split('/');
    expect(rest).toEqual([]);
    const labels = prefix.split('.');
    for (const label of labels) expect(label).toMatch(/^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/);
    expect(['mcp', 'modelcontextprotocol']).not.toContain(labels[1]);
    expect(name).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/);
  });

  it('refuses tool names that are not snake_case', () => {
    expect(() => defineTool({ name: 'listInvoices', description: 'x', input: z.object({}), handler: async () => 'x' })).toThrow(/snake_case/);
  });
});
