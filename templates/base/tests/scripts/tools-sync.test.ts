import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { renderRegistry, toolFileCandidates } from '../../scripts/tool-registry.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const run = promisify(execFile);

const shippedRegistry = readFileSync(join(projectRoot, 'src/tools/index.ts'), 'utf8');

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
  beforeEach(() => {
    // Work on a throwaway copy of the project so the real registry is never touched.
    copy = mkdtempSync(join(tmpdir(), 'tools-sync-'));
    for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.json']) cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  afterEach(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it('renders exactly the registry the project ships', () => {
    const files = toolFileCandidates(readdirSync(join(projectRoot, 'src/tools')));
    expect(renderRegistry(files)).toBe(shippedRegistry);
  });

  it('leaves an up-to-date registry byte-for-byte identical', async () => {
    const result = await toolsSync(copy);
    expect(result.code).toBe(0);
    expect(readFileSync(join(copy, 'src/tools/index.ts'), 'utf8')).toBe(shippedRegistry);
  });

  it('adds a new tool file to the registry in file-name order', async () => {
    writeFileSync(
      join(copy, 'src/tools/ask-weather.ts'),
      [
        "import { z } from 'zod';",
        "import { defineTool } from '../mcp/define-tool.js';",
        "export default defineTool({ name: 'ask_weather', description: 'Weather', input: z.object({}), handler: async () => 'sunny' });",
        '',
      ].join('\n'),
    );
    const result = await toolsSync(copy);
    expect(result.code).toBe(0);
    const registry = readFileSync(join(copy, 'src/tools/index.ts'), 'utf8');
    expect(registry).toContain("import askWeather from './ask-weather.js';\nimport echo from './echo.js';");
    expect(registry).toContain('  askWeather,\n  echo,');
  });

  it('fails, naming the file, when a file does not default-export a tool', async () => {
    writeFileSync(join(copy, 'src/tools/not-a-tool.ts'), 'export default 42;\n');
    const result = await toolsSync(copy);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('src/tools/not-a-tool.ts');
    expect(readFileSync(join(copy, 'src/tools/index.ts'), 'utf8')).toBe(shippedRegistry);
  });
});
