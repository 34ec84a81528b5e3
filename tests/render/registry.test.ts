import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityFiles, renderRegistry } from '../../src/render/registry.js';
import { templatesRoot } from '../../src/render/templates-root.js';

describe('capability registries', () => {
  it('renders exactly the tool registry the project template ships', async () => {
    const shipped = await readFile(join(templatesRoot(), 'base/files/src/tools/index.ts'), 'utf8');
    expect(renderRegistry('tool', ['echo.ts', 'long-task.ts', 'server-info.ts', 'whoami.ts'])).toBe(shipped);
  });

  it.each([
    ['resource', 'resources'],
    ['prompt', 'prompts'],
  ] as const)('renders exactly the empty %s registry the project template ships', async (kind, dir) => {
    const shipped = await readFile(join(templatesRoot(), `base/files/src/${dir}/index.ts`), 'utf8');
    expect(renderRegistry(kind, [])).toBe(shipped);
  });

  it('suffixes identifiers so a file named like a keyword still imports', () => {
    expect(renderRegistry('tool', ['delete.ts'])).toContain("import deleteTool from './delete.js';");
  });

  it('ignores the registry itself, tests and declaration files', () => {
    expect(capabilityFiles(['index.ts', 'a.test.ts', 'b.d.ts', 'notes.md', 'c.ts'])).toEqual(['c.ts']);
  });
});
