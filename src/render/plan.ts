import { promises as nodeFs } from 'node:fs';
import { selectFeatures } from '../features/index.js';
import type { ProjectOptions } from '../options/schema.js';
import { markerFile, templateContext } from './context.js';
import { renderProject, sortTree, type FileTree, type TemplateFs } from './render.js';
import { templatesRoot } from './templates-root.js';

export interface PlanInput {
  options: ProjectOptions;
  generatorVersion: string;
  fs?: TemplateFs;
  templatesDir?: string;
}

/** The complete file tree for a project: base, the chosen overlays, and the marker file. */
export async function planProject({
  options,
  generatorVersion,
  fs = nodeFs,
  templatesDir = templatesRoot(),
}: PlanInput): Promise<FileTree> {
  const features = selectFeatures(options);
  const tree = await renderProject({
    fs,
    templatesDir,
    layers: features.overlays,
    context: templateContext(options, features, generatorVersion),
  });
  const [markerPath, markerBytes] = markerFile(options, generatorVersion);
  tree.set(markerPath, markerBytes);
  return sortTree(tree);
}
