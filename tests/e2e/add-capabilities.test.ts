import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject, removeWhenPassed, type GeneratedProject } from '../support/generated-project.js';
import { startProjectIdentity, type ProjectIdentity } from '../support/identity-driver.js';
import { connectHttp, connectStdio, listToolsAnonymously, startHttpServer, type RunningServer } from '../support/mcp-process.js';

/**
 * The third way people use the CLI: inside a generated project, `add` tools (one requiring a scope,
 * one calling the upstream API), a resource and a prompt, then the project must still type-check,
 * pass its tests and serve the new capabilities. The project verifies tokens (Keycloak's default,
 * jwt), so its own auth tests must hold for the scope the new tool brings.
 */
const GET_INVOICE = ['tool', 'get-invoice', '--description', 'Fetches one "invoice" by its id.', '--scopes', 'invoices:read'];

describe('adding capabilities to a generated project that verifies tokens', () => {
  let project: GeneratedProject;

  beforeAll(async () => {
    project = await generateProject(['--yes', '--upstream', 'keycloak', '--auth', 'jwt', '--deploy', 'none'], { packageManager: 'npm', node: 24 });
    for (const args of [
      GET_INVOICE,
      ['tool', 'read-item', '--description', 'Reads one item of the REST API.', '--upstream-call'],
      ['resource', 'invoice-pdf', '--description', 'One invoice as a document.', '--uri', 'invoice://{id}/pdf'],
      ['resource', 'company-policies', '--description', 'Company travel policies.'],
      ['prompt', 'summarize-invoice', '--description', 'Summarise an invoice for a manager.', '--args', 'invoice_id,tone?'],
    ]) {
      const result = await project.cli('add', ...args);
      if (result.exitCode !== 0) throw new Error(`add ${args.join(' ')} failed:\n${result.all}`);
    }
  });
  removeWhenPassed(() => project);

  it('says nothing changed when the same add runs again', async () => {
    const result = await project.cli('add', ...GET_INVOICE);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Nothing to do');
  });

  it('leaves registries that the project’s own sync script agrees with', async () => {
    const result = await project.run('tools:sync');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).not.toContain('wrote');
  });

  it('still type-checks', async () => {
    const result = await project.run('typecheck');
    expect(result.exitCode, result.all).toBe(0);
  });

  it('passes its whole test suite, including the new tests and its auth tests', async () => {
    const result = await project.run('test');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('tests/auth/jwt.test.ts');
    expect(result.all).toContain('tests/tools/get-invoice.test.ts');
    expect(result.all).toContain('tests/tools/read-item.test.ts');
    expect(result.all).toContain('tests/resources/invoice-pdf.test.ts');
    expect(result.all).toContain('tests/prompts/summarize-invoice.test.ts');
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
  });

  describe('over stdio', () => {
    let client: Client;
    beforeAll(async () => {
      const build = await project.run('build');
      if (build.exitCode !== 0) throw new Error(`build failed:\n${build.all}`);
      client = await connectStdio(project.dir, project.node, ['dist/main.js', '--stdio'], project.env);
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

  describe('over HTTP, to a caller whose token grants the new scope', () => {
    let identity: ProjectIdentity;
    let server: RunningServer;
    let client: Client;
    beforeAll(async () => {
      identity = await startProjectIdentity(project.dir, 'jwt', project.env);
      server = await startHttpServer(project.dir, { command: project.node, args: ['dist/main.js'], env: { ...project.env, ...identity.env } });
      client = await connectHttp(server.url, 'modern', await identity.headersFor(server.url));
    });
    afterAll(async () => {
      await client?.close();
      server?.stop();
      await identity?.close();
    });

    it('calls the new tool', async () => {
      expect(identity.caller?.scopes).toContain('invoices:read');
      const result = await client.callTool({ name: 'get_invoice', arguments: await exampleArguments(client, 'get_invoice') });
      expect(result.isError).toBeFalsy();
    });

    it('names the new scope in the challenge to a caller without a token', async () => {
      const response = await listToolsAnonymously(server.url);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('invoices:read');
    });
  });
});

/** Arguments built from the tool's advertised input schema: a string for every required field. */
async function exampleArguments(client: Client, name: string): Promise<Record<string, string>> {
  const { tools } = await client.listTools();
  const schema = tools.find((tool) => tool.name === name)?.inputSchema as { required?: string[] } | undefined;
  return Object.fromEntries((schema?.required ?? []).map((field) => [field, 'example']));
}
