import { promises as nodeFs } from 'node:fs';
import type { ProjectOptions } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import type { FileTree, TemplateFs } from '../../src/render/render.js';
import { allCombinations, combinationName } from './combinations.js';

export interface RenderedCombination {
  name: string;
  options: ProjectOptions;
  tree: FileTree;
}

export const TEST_GENERATOR_VERSION = '0.0.0-test';

/**
 * Every accepted combination rendered once, for the property tests that check all of them. The
 * templates are read from disk once and shared: 176 renders re-reading the same files cost
 * several times the rendering itself.
 */
export async function renderEveryCombination(): Promise<RenderedCombination[]> {
  const fs = readOnceTemplateFs();
  const rendered: RenderedCombination[] = [];
  for (const options of allCombinations()) {
    const name = combinationName(options);
    const tree = await planProject({ options, generatorVersion: TEST_GENERATOR_VERSION, fs }).catch((error: unknown) => {
      throw new Error(`Rendering ${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    rendered.push({ name, options, tree });
  }
  return rendered;
}

/** node:fs, with each directory listing and file read once and then answered from memory. */
function readOnceTemplateFs(): TemplateFs {
  const listings = new Map<string, ReturnType<TemplateFs['readdir']>>();
  const files = new Map<string, Promise<Buffer>>();
  return {
    readdir(path, options) {
      const listing = listings.get(path) ?? nodeFs.readdir(path, options);
      listings.set(path, listing);
      return listing;
    },
    readFile(path) {
      const content = files.get(path) ?? nodeFs.readFile(path);
      files.set(path, content);
      return content;
    },
  };
}
