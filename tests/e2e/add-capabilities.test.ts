import type { Client } from '@modelcontextprotocol/client';
import { execa } from 'execa';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from '../support/mcp-process.js';

/**
 * The third way people use the CLI: inside a generated project, `add` tools (one calling the
 * upstream API), a resource and a prompt, then the project must still type-check, pass its tests and serve the new capabilities.
 */
const BIN = resolve('bin/create-enterprise-mcp.js');
const quiet = { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

describe('adding capabilities to a generated project', () => {
  let project: string;
  const add = (...args: string[]) => execa('node', [BIN, 'add', ...args], { cwd: project, stdin: 'ignore', env: quiet, reject: false });
  const run = (script: string) => execa('npm', ['run', script], { cwd: project, all: true, env: quiet });

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cem-add-'));
    project = join(parent, 'demo');
    await execa('node', [BIN, 'demo', '--yes', '--no-git'], { cwd: parent, stdin: 'ignore', env: { ...quiet, npm_config_prefer_offline: 'true' } });
    for (const args of [
      ['tool', 'get-invoice', '--description', 'Fetches one "invoice" by its id.', '--scopes', 'invoices:read'],
      ['tool', 'read-item', '--description', 'Reads one item of the REST API.', '--upstream-call'],
      ['resource', 'invoice-pdf', '--description', 'One invoice as a document.', '--uri', 'invoice://{id}/pdf'],
      ['resource', 'company-policies', '--description', 'Company travel policies.'],
      ['prompt', 'summarize-invoice', '--description', 'Summarise an invoice for a manager.', '--args', 'invoice_id,tone?'],
    ]) {
      const result = await add(...args);
      if (result.exitCode !== 0) throw new Error(`add ${args.join(' ')} failed:\n${String(result.stderr)}`);
    }
  });

  it('says nothing changed when the same add runs again', async () => {
    const result = await add('tool', 'get-invoice', '--description', 'Fetches one "invoice" by its id.', '--scopes', 'invoices:read');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Nothing to do');
  });

  it('leaves registries that the project’s own sync script agrees with', async () => {
    const result = await run('tools:sync');
    expect(result.all).not.toContain('wrote');
  });

  it('still type-checks', async () => {
    expect((await run('typecheck')).exitCode).toBe(0);
  });

  it('passes its own tests, including the new ones', async () => {
    const result = await run('test');
    expect(result.all).toContain('tests/tools/get-invoice.test.ts');
    expect(result.all).toContain('tests/tools/read-item.test.ts');
    expect(result.all).toContain('tests/resources/invoice-pdf.test.ts');
    expect(result.all).toContain('tests/prompts/summarize-invoice.test.ts');
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
  });

  describe('over stdio', () => {
    let client: Client;
    beforeAll(async () => {
      await run('build');
      client = await connectStdio(project, ['dist/main.js', '--stdio']);
    });
    afterAll(async () => client?.close());

    it('calls the new tool', async () => {
      const result = await client.callTool({ name: 'get_invoice', arguments: await exampleArguments(client, 'get_invoice') });
      expect(result.isError).toBeFalsy();
    });

    it('lists the new resource template and resource', async () => {
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((template) => template.uriTemplate)).toContain('invoice://{id}/pdf');
      const { resources } = await client.listResources();
      expect(resources.map((resource) => resource.uri)).toContain('resource://company-policies');
    });

    it('renders the new prompt with its arguments', async () => {
      const prompt = await client.getPrompt({ name: 'summarize_invoice', arguments: { invoice_id: 'INV-42' } });
      expect(JSON.stringify(prompt.messages)).toContain('INV-42');
    });
  });
});

/** Arguments built from the tool's advertised input schema: a string for every required field. */
async function exampleArguments(client: Client, name: string): Promise<Record<string, string>> {
  const { tools } = await client.listTools();
  const schema = tools.find((tool) => tool.name === name)?.inputSchema as { required?: string[] } | undefined;
  return Object.fromEntries((schema?.required ?? []).map((field) => [field, 'example']));
}
