import { Volume, createFsFromVolume } from 'memfs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { readTemplateFile, type AddDependencies } from '../../src/commands/add.js';
import type { ProjectOptions } from '../../src/options/schema.js';
import type { ProjectFs } from '../../src/project/project-fs.js';
import { planProject } from '../../src/render/plan.js';
import { templatesRoot } from '../../src/render/templates-root.js';
import { DEFAULT_DEMO_OPTIONS } from './defaults.js';
import { scriptedPrompter } from './scripted-prompter.js';

export const PROJECT_ROOT = '/work/demo';

/** A freshly rendered project (default options unless given), held in memory. */
export async function memfsProject(options: ProjectOptions = DEFAULT_DEMO_OPTIONS) {
  const tree = await planProject({ options, generatorVersion: '0.1.0' });
  const volume = Volume.fromJSON(
    Object.fromEntries([...tree].map(([path, content]) => [join(PROJECT_ROOT, path), content.toString('utf8')])),
  );
  const fs = createFsFromVolume(volume).promises as unknown as ProjectFs;
  return {
    fs,
    volume,
    /** Every file of the project, for before/after comparisons. */
    snapshot: () => volume.toJSON(),
    read: async (path: string) => String(await fs.readFile(join(PROJECT_ROOT, path))),
    deps: (overrides: Partial<AddDependencies> = {}): AddDependencies => ({
      fs,
      cwd: PROJECT_ROOT,
      interactive: false,
      prompter: scriptedPrompter({}),
      readTemplate: (path) => readTemplateFile(join(templatesRoot(), path)),
      cliVersion: '0.1.0',
      ...overrides,
    }),
  };
}

/** `add` prints CREATE/UPDATE lines; tests read them from here instead of the terminal. */
export function captureStdout() {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  return { text: () => lines.join(''), restore: () => spy.mockRestore() };
}
