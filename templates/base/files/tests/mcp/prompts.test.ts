import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';

import { definePrompt } from '../../src/mcp/define-prompt.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { captureLogs } from '../helpers/logs.js';

const summarize = definePrompt({
  name: 'summarize_invoice',
  title: 'Summarize an invoice',
  description: 'Asks for a short summary of one invoice',
  args: z.object({
    invoice_id: z.string().describe('Invoice to summarize'),
    tone: z.string().optional().describe('Tone of the summary'),
  }),
  render: ({ invoice_id, tone }) => `Summarize invoice ${invoice_id}${tone === undefined ? '' : ` in a ${tone} tone`}.`,
});

const explain = definePrompt({
  name: 'explain_error',
  description: 'Seeds the start of the reply',
  args: z.object({ error: z.string() }),
  render: ({ error }) => [
    { role: 'user', content: { type: 'text', text: `Explain: ${error}` } },
    { role: 'assistant', content: { type: 'text', text: 'The cause:' } },
  ],
});

const refusing = definePrompt({
  name: 'refusing',
  description: 'Fails on purpose or by accident',
  args: z.object({ on_purpose: z.string() }),
  render({ on_purpose }) {
    if (on_purpose === 'yes') throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Unknown customer C-9');
    throw new Error('database password rejected at db.internal:5432');
  },
});

const prompts = [summarize, explain, refusing];

describe.each(ERAS)('prompts over the %s protocol era', (era) => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('lists prompts with their arguments, descriptions and required flags', async () => {
    connection = await connectInProcess(era, { prompts });
    const listed = await connection.client.listPrompts();
    expect(listed.prompts.find((prompt) => prompt.name === 'summarize_invoice')).toMatchObject({
      title: 'Summarize an invoice',
      description: 'Asks for a short summary of one invoice',
      arguments: [
        { name: 'invoice_id', description: 'Invoice to summarize', required: true },
        { name: 'tone', description: 'Tone of the summary', required: false },
      ],
    });
  });

  it('renders a string as one user message', async () => {
    connection = await connectInProcess(era, { prompts });
    const result = await connection.client.getPrompt({ name: 'summarize_invoice', arguments: { invoice_id: 'INV-7', tone: 'friendly' } });
    expect(result.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Summarize invoice INV-7 in a friendly tone.' } }]);
  });

  it('passes messages through unchanged', async () => {
    connection = await connectInProcess(era, { prompts });
    const result = await connection.client.getPrompt({ name: 'explain_error', arguments: { error: 'TS2307' } });
    expect(result.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('refuses missing required arguments before rendering', async () => {
    connection = await connectInProcess(era, { prompts });
    await expect(connection.client.getPrompt({ name: 'summarize_invoice', arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });
});

describe('prompt error policy', () => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('passes a deliberate protocol error through', async () => {
    connection = await connectInProcess('modern', { prompts });
    await expect(connection.client.getPrompt({ name: 'refusing', arguments: { on_purpose: 'yes' } })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('Unknown customer C-9'),
    });
  });

  it('hides the details of an unexpected failure from the client and logs its stack', async () => {
    const logs = captureLogs();
    connection = await connectInProcess('modern', { prompts, logger: logs.logger });
    const failure = (await connection.client.getPrompt({ name: 'refusing', arguments: { on_purpose: 'no' } }).catch((error: unknown) => error)) as Error & {
      code: number;
    };
    expect(failure.code).toBe(-32603);
    expect(failure.message).not.toContain('db.internal');
    expect(JSON.stringify(logs.entries().find((entry) => entry.msg === 'prompt render crashed'))).toContain('db.internal:5432');
  });

  it('refuses prompt names that are not snake_case', () => {
    expect(() => definePrompt({ name: 'summarize-invoice', description: 'x', args: z.object({}), render: () => 'x' })).toThrow(/snake_case/);
  });
});
