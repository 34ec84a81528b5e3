import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { REGISTRIES, REGISTRY_KINDS, registryCandidates, renderRegistry } from '../../scripts/registry.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const run = promisify(execFile);

const registryPath = (kind: keyof typeof REGISTRIES) => `${REGISTRIES[kind].dir}/index.ts`;
const shipped = Object.fromEntries(REGISTRY_KINDS.map((kind) => [kind, readFileSync(join(projectRoot, registryPath(kind)), 'utf8')]));

/** Runs `tools:sync` in `root`; resolves with its exit code and output instead of throwing. */
async function toolsSync(root: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsxCli, 'scripts/tools-sync.ts'], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('tools:sync', () => {
  let copy: string;
  const read = (path: string) => readFileSync(join(copy, path), 'utf8');
  const write = (path: string, lines: string[]) => writeFileSync(join(copy, path), `${lines.join('\n')}\n`);
  const expectRegistriesUnchanged = () => {
    for (const kind of REGISTRY_KINDS) expect(read(registryPath(kind)), kind).toBe(shipped[kind]);
  };

  beforeEach(() => {
    // Work on a throwaway copy of the project so the real registries are never touched.
    copy = mkdtempSync(join(tmpdir(), 'tools-sync-'));
    for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.json']) cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  afterEach(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it.each(REGISTRY_KINDS)('renders exactly the %s registry the project ships', (kind) => {
    const files = registryCandidates(readdirSync(join(projectRoot, REGISTRIES[kind].dir)));
    expect(renderRegistry(kind, files)).toBe(shipped[kind]);
  });

  it('suffixes identifiers so a file named like a keyword still imports', () => {
    expect(renderRegistry('tool', ['delete.ts'])).toContain("import deleteTool from './delete.js';\n");
    expect(renderRegistry('prompt', ['new-case.ts'])).toContain("import newCasePrompt from './new-case.js';\n");
  });

  it('leaves up-to-date registries byte-for-byte identical', async () => {
    const result = await toolsSync(copy);
    expect(result.code, result.stderr).toBe(0);
    expectRegistriesUnchanged();
  });

  // File and MCP names below are chosen not to collide with anything a project adds.
  it('adds new tool, resource and prompt files to their registries in file-name order', async () => {
    const before = Object.fromEntries(REGISTRY_KINDS.map((kind) => [kind, registryCandidates(readdirSync(join(copy, REGISTRIES[kind].dir)))]));
    write('src/tools/aaa-sync-check.ts', [
      "import { z } from 'zod';",
      "import { defineTool } from '../mcp/define-tool.js';",
      "export default defineTool({ name: 'aaa_sync_check', description: 'Check', input: z.object({}), handler: async () => 'ok' });",
    ]);
    write('src/resources/aaa-sync-check.ts', [
      "import { defineResource } from '../mcp/define-resource.js';",
      "export default defineResource({ name: 'aaa-sync-check', description: 'Check', uri: 'sync-check://fixed', mimeType: 'text/plain', read: () => 'ok' });",
    ]);
    write('src/prompts/aaa-sync-check.ts', [
      "import { z } from 'zod';",
      "import { definePrompt } from '../mcp/define-prompt.js';",
      "export default definePrompt({ name: 'aaa_sync_check', description: 'Check', args: z.object({}), render: () => 'ok' });",
    ]);
    const result = await toolsSync(copy);
    expect(result.code, result.stderr).toBe(0);
    for (const kind of REGISTRY_KINDS) {
      const registry = read(registryPath(kind));
      expect(registry).toBe(renderRegistry(kind, [...(before[kind] ?? []), 'aaa-sync-check.ts']));
      expect(registry).toContain(`import aaaSyncCheck${REGISTRIES[kind].suffix} from './aaa-sync-check.js';\n`);
    }

    const again = await toolsSync(copy);
    expect(again.stdout).not.toContain('wrote');
  });

  it('writes nothing, naming each file, when files do not default-export the right definition', async () => {
    write('src/tools/aaa-sync-good.ts', [
      "import { z } from 'zod';",
      "import { defineTool } from '../mcp/define-tool.js';",
      "export default defineTool({ name: 'aaa_sync_good', description: 'Good', input: z.object({}), handler: async () => 'ok' });",
    ]);
    write('src/resources/aaa-not-a-resource.ts', ['export default 42;']);
    write('src/prompts/aaa-a-tool.ts', [
      "import { z } from 'zod';",
      "import { defineTool } from '../mcp/define-tool.js';",
      "export default defineTool({ name: 'aaa_misplaced', description: 'x', input: z.object({}), handler: async () => 'x' });",
    ]);
    write('src/prompts/AaaBadName.ts', ['export default 1;']);
    const result = await toolsSync(copy);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('src/resources/aaa-not-a-resource.ts: must `export default defineResource');
    expect(result.stderr).toContain('src/prompts/aaa-a-tool.ts: must `export default definePrompt');
    expect(result.stderr).toContain('src/prompts/AaaBadName.ts: file names must be kebab-case');
    expectRegistriesUnchanged();
  });

  it('refuses duplicate names and resource URIs within a kind', async () => {
    for (const file of ['aaa-sync-first', 'aaa-sync-second']) {
      write(`src/tools/${file}.ts`, [
        "import { z } from 'zod';",
        "import { defineTool } from '../mcp/define-tool.js';",
        "export default defineTool({ name: 'aaa_sync_twice', description: 'Twice', input: z.object({}), handler: async () => 'x' });",
      ]);
      write(`src/resources/${file}.ts`, [
        "import { defineResource } from '../mcp/define-resource.js';",
        `export default defineResource({ name: '${file}', description: 'x', uri: 'sync-check://twice', mimeType: 'text/plain', read: () => 'x' });`,
      ]);
    }
    const result = await toolsSync(copy);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('src/tools/aaa-sync-second.ts: tool name "aaa_sync_twice" is already used by src/tools/aaa-sync-first.ts');
    expect(result.stderr).toContain('src/resources/aaa-sync-second.ts: resource uri "sync-check://twice" is already used by src/resources/aaa-sync-first.ts');
    expectRegistriesUnchanged();
  });
});
