import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCommand } from '../../src/commands/add.js';
import { CliError } from '../../src/errors.js';
import { renderRegistry } from '../../src/render/registry.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';
import { captureStdout, memfsProject, PROJECT_ROOT } from '../support/memfs-project.js';
import { scriptedPrompter } from '../support/scripted-prompter.js';

let stdout: ReturnType<typeof captureStdout>;
beforeEach(() => {
  stdout = captureStdout();
});
afterEach(() => stdout.restore());

const tool = { description: 'Fetches one invoice by its id.' };

describe('add tool', () => {
  /** The REST API tools the default (generic) project ships. */
  const API_TOOL_FILES = ['api-create-item.ts', 'api-delete-item.ts', 'api-get-item.ts', 'api-list-items.ts', 'api-update-item.ts'];

  it('creates the tool, its test and a registry that lists it', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', tool, project.deps());
    expect(await project.read('src/tools/get-invoice.ts')).toContain("name: 'get_invoice'");
    expect(await project.read('tests/tools/get-invoice.test.ts')).toContain('get_invoice');
    expect(await project.read('src/tools/index.ts')).toBe(
      renderRegistry('tool', [...API_TOOL_FILES, 'echo.ts', 'get-invoice.ts', 'long-task.ts', 'server-info.ts', 'whoami.ts']),
    );
  });

  it('prints a CREATE or UPDATE line for every file it writes', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', tool, project.deps());
    expect(stdout.text()).toMatch(/CREATE\s+src\/tools\/get-invoice\.ts/);
    expect(stdout.text()).toMatch(/CREATE\s+tests\/tools\/get-invoice\.test\.ts/);
    expect(stdout.text()).toMatch(/UPDATE\s+src\/tools\/index\.ts/);
  });

  it('changes nothing the second time and says so', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', tool, project.deps());
    const before = project.snapshot();
    const plan = await addCommand('tool', 'get-invoice', tool, project.deps());
    expect(plan.changes).toEqual([]);
    expect(project.snapshot()).toEqual(before);
    expect(stdout.text()).toContain('Nothing to do');
  });

  it('writes nothing with --dry-run but prints the same plan', async () => {
    const project = await memfsProject();
    const before = project.snapshot();
    const plan = await addCommand('tool', 'get-invoice', { ...tool, dryRun: true }, project.deps());
    expect(plan.changes.map((change) => change.path)).toEqual([
      'src/tools/get-invoice.ts',
      'tests/tools/get-invoice.test.ts',
      'src/tools/index.ts',
    ]);
    expect(project.snapshot()).toEqual(before);
  });

  it('refuses to overwrite an edited file and leaves the project as it was', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', tool, project.deps());
    await project.fs.writeFile(`${PROJECT_ROOT}/src/tools/get-invoice.ts`, '// my edits\n');
    const before = project.snapshot();
    const error = await addCommand('tool', 'get-invoice', { description: 'Another text.' }, project.deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain('src/tools/get-invoice.ts');
    expect((error as CliError).hint).toContain('--force');
    expect(project.snapshot()).toEqual(before);
  });

  it('replaces an edited file with --force', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', tool, project.deps());
    await project.fs.writeFile(`${PROJECT_ROOT}/src/tools/get-invoice.ts`, '// my edits\n');
    await addCommand('tool', 'get-invoice', { ...tool, force: true }, project.deps());
    expect(await project.read('src/tools/get-invoice.ts')).toContain("name: 'get_invoice'");
    expect(stdout.text()).toMatch(/UPDATE\s+src\/tools\/get-invoice\.ts/);
  });

  it('refuses an MCP name another tool file already declares', async () => {
    const project = await memfsProject();
    const before = project.snapshot();
    await expect(addCommand('tool', 'echo-again', { ...tool, mcpName: 'echo' }, project.deps())).rejects.toThrow(
      /src\/tools\/echo\.ts already declares a tool named "echo"/,
    );
    expect(project.snapshot()).toEqual(before);
  });

  it('keeps the registry sorted by file name whatever the order of adds', async () => {
    const first = await memfsProject();
    await addCommand('tool', 'zeta', tool, first.deps());
    await addCommand('tool', 'alpha', tool, first.deps());
    const second = await memfsProject();
    await addCommand('tool', 'alpha', tool, second.deps());
    await addCommand('tool', 'zeta', tool, second.deps());
    expect(await first.read('src/tools/index.ts')).toBe(await second.read('src/tools/index.ts'));
    expect(await first.read('src/tools/index.ts')).toMatch(/alphaTool,\n  apiCreateItemTool,\n  apiDeleteItemTool,\n  apiGetItemTool,\n  apiListItemsTool,\n  apiUpdateItemTool,\n  echoTool,\n  longTaskTool,\n  serverInfoTool,\n  whoamiTool,\n  zetaTool,/);
  });

  it('picks up a hand-written tool file in the registry', async () => {
    const project = await memfsProject();
    await project.fs.writeFile(`${PROJECT_ROOT}/src/tools/hand-made.ts`, "export default defineTool({ name: 'hand_made' });\n");
    await addCommand('tool', 'get-invoice', tool, project.deps());
    expect(await project.read('src/tools/index.ts')).toContain("import handMadeTool from './hand-made.js';");
  });

  it('writes the same registry in a project created before it shipped scripts/registry.ts', async () => {
    const current = await memfsProject();
    const older = await memfsProject();
    older.volume.unlinkSync(`${PROJECT_ROOT}/scripts/registry.ts`);
    await addCommand('tool', 'get-invoice', tool, current.deps());
    await addCommand('tool', 'get-invoice', tool, older.deps());
    expect(await older.read('src/tools/index.ts')).toBe(await current.read('src/tools/index.ts'));
  });

  it.each([
    ['GetInvoice', 'get-invoice'],
    ['get_invoice', 'get-invoice'],
    ['get invoice', 'get-invoice'],
  ])('refuses the name %s and suggests %s', async (name, suggestion) => {
    const project = await memfsProject();
    await expect(addCommand('tool', name, tool, project.deps())).rejects.toThrow(`Try "${suggestion}"`);
  });

  it('refuses a --mcp-name that is not snake_case', async () => {
    const project = await memfsProject();
    await expect(addCommand('tool', 'get-invoice', { ...tool, mcpName: 'Get-Invoice' }, project.deps())).rejects.toThrow(/snake_case/);
  });

  it('records scopes and roles in the tool definition', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', { ...tool, scopes: ['invoices:read'], roles: ['finance'] }, project.deps());
    const source = await project.read('src/tools/get-invoice.ts');
    expect(source).toContain("'invoices:read'");
    expect(source).toContain("'finance'");
  });

  it('keeps quotes in a description from breaking the code', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', { description: `Reads the "latest" invoice's total \\ tax` }, project.deps());
    expect(await project.read('src/tools/get-invoice.ts')).toContain(JSON.stringify(`Reads the "latest" invoice's total \\ tax`));
  });

  it('asks for the description at a terminal', async () => {
    const project = await memfsProject();
    const prompter = scriptedPrompter({ 'What does this tool do': 'Asked description.' });
    await addCommand('tool', 'get-invoice', {}, project.deps({ interactive: true, prompter }));
    expect(await project.read('src/tools/get-invoice.ts')).toContain('Asked description.');
  });

  it('requires --description without a terminal', async () => {
    const project = await memfsProject();
    await expect(addCommand('tool', 'get-invoice', {}, project.deps())).rejects.toThrow(/Missing --description/);
  });

  it('finds the project from a sub-directory', async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-invoice', tool, project.deps({ cwd: `${PROJECT_ROOT}/src/tools` }));
    expect(await project.read('src/tools/get-invoice.ts')).toContain('get_invoice');
  });
});

describe('add resource', () => {
  it('creates a fixed-URI resource under the default URI', async () => {
    const project = await memfsProject();
    await addCommand('resource', 'company-policies', { description: 'Company travel policies.' }, project.deps());
    expect(await project.read('src/resources/company-policies.ts')).toContain('resource://company-policies');
    expect(await project.read('src/resources/index.ts')).toBe(renderRegistry('resource', ['company-policies.ts']));
  });

  it('creates a URI-template resource when the URI has variables', async () => {
    const project = await memfsProject();
    await addCommand('resource', 'invoice-pdf', { description: 'One invoice as PDF.', uri: 'invoice://{id}/pdf' }, project.deps());
    expect(await project.read('src/resources/invoice-pdf.ts')).toContain('invoice://{id}/pdf');
  });

  it.each(['no-scheme/{id}', 'invoice://{id', 'invoice://{in-valid}', 'invoice://{id}/{id}'])('refuses the URI %s', async (uri) => {
    const project = await memfsProject();
    const before = project.snapshot();
    await expect(addCommand('resource', 'invoice-pdf', { description: 'x', uri }, project.deps())).rejects.toThrow(/--uri/);
    expect(project.snapshot()).toEqual(before);
  });
});

describe('add prompt', () => {
  it('creates a prompt with required and optional arguments', async () => {
    const project = await memfsProject();
    await addCommand('prompt', 'summarize-invoice', { description: 'Summarise an invoice.', args: ['invoice_id', 'tone?'] }, project.deps());
    const source = await project.read('src/prompts/summarize-invoice.ts');
    expect(source).toContain("name: 'summarize_invoice'");
    expect(source).toContain('invoice_id');
    expect(source).toContain('tone');
    expect(await project.read('src/prompts/index.ts')).toBe(renderRegistry('prompt', ['summarize-invoice.ts']));
  });

  it('refuses an argument name that is not snake_case', async () => {
    const project = await memfsProject();
    await expect(
      addCommand('prompt', 'summarize-invoice', { description: 'x', args: ['invoiceId'] }, project.deps()),
    ).rejects.toThrow(/argument "invoiceId" must be snake_case/);
  });
});

describe('add outside a project', () => {
  it('names the marker file it looked for', async () => {
    const project = await memfsProject();
    await expect(addCommand('tool', 'get-invoice', tool, project.deps({ cwd: '/elsewhere' }))).rejects.toThrow(
      /No enterprise-mcp\.json found in \/elsewhere/,
    );
  });

  it('refuses a project made by a newer generator and writes nothing', async () => {
    const project = await memfsProject();
    const before = project.snapshot();
    await expect(addCommand('tool', 'get-invoice', tool, project.deps({ cliVersion: '0.0.9' }))).rejects.toThrow(
      /written by create-enterprise-mcp 0\.1\.0, newer than this CLI \(0\.0\.9\)/,
    );
    expect(project.snapshot()).toEqual(before);
  });
});

describe('add tool scopes and roles', () => {
  it.each([["it's"], ['a b'], ['back\\slash'], ['"quoted"']])('refuses the scope %s, which could not be a scope token', async (scope) => {
    const project = await memfsProject();
    const before = project.snapshot();
    await expect(addCommand('tool', 'get-invoice', { ...tool, scopes: [scope] }, project.deps())).rejects.toThrow(/--scopes value/);
    expect(project.snapshot()).toEqual(before);
  });
});

describe('add resource MIME type', () => {
  it('refuses a MIME type that is not type/subtype', async () => {
    const project = await memfsProject();
    await expect(
      addCommand('resource', 'company-policies', { description: 'x', mimeType: "text/plain'; drop" }, project.deps()),
    ).rejects.toThrow(/--mime-type/);
  });

  it('records the MIME type it was given', async () => {
    const project = await memfsProject();
    await addCommand('resource', 'company-policies', { description: 'x', mimeType: 'text/markdown' }, project.deps());
    expect(await project.read('src/resources/company-policies.ts')).toContain("mimeType: 'text/markdown'");
  });
});

describe('add tool --upstream-call', () => {
  it("renders the preset's example call in the handler", async () => {
    const project = await memfsProject({ ...DEFAULT_DEMO_OPTIONS, upstream: 'netsuite', netsuite: {} });
    await addCommand('tool', 'get-customer', { ...tool, upstreamCall: true }, project.deps());
    const source = await project.read('src/tools/get-customer.ts');
    expect(source).toContain("const customer = await ctx.upstream.records.get('customer', id, ctx);");
    expect(source).toContain('async handler({ id }, ctx)');
  });

  it('takes the call of the shared REST API layer for a preset built on it', async () => {
    const project = await memfsProject({ ...DEFAULT_DEMO_OPTIONS, upstream: 'keycloak', auth: 'jwt' });
    await addCommand('tool', 'get-item', { ...tool, upstreamCall: true }, project.deps());
    expect(await project.read('src/tools/get-item.ts')).toContain("await ctx.upstream.rest.get('items', id, ctx);");
  });

  it("tests the tool against the preset's fake upstream", async () => {
    const project = await memfsProject();
    await addCommand('tool', 'get-item', { ...tool, upstreamCall: true }, project.deps());
    const test = await project.read('tests/tools/get-item.test.ts');
    expect(test).toContain("import { startUpstreamSample } from '../helpers/upstream-sample.js';");
    expect(test).toContain("code: 'upstream_not_found'");
  });

  it('is refused, writing nothing, in a project without a fake upstream to test against', async () => {
    const project = await memfsProject();
    await project.fs.rm(`${PROJECT_ROOT}/tests/helpers/upstream-sample.ts`, { force: true });
    const before = project.snapshot();
    await expect(addCommand('tool', 'get-item', { ...tool, upstreamCall: true }, project.deps())).rejects.toThrow(/--upstream-call needs tests\/helpers\/upstream-sample\.ts/);
    expect(project.snapshot()).toEqual(before);
  });
});
