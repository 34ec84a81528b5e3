import { promises as nodeFs } from 'node:fs';
import { selectFeatures } from '../features/index.js';
import type { ProjectOptions } from '../options/schema.js';
import { markerFile, templateContext } from './context.js';
import { capabilityFiles, REGISTRIES, REGISTRY_FILE, renderRegistry } from './registry.js';
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
  writeRegistries(tree);
  const [markerPath, markerBytes] = markerFile(options, generatorVersion);
  tree.set(markerPath, markerBytes);
  return sortTree(tree);
}

/**
 * Overlays add their own tools (an upstream's API tools), so each registry is written from the
 * capability files the rendered tree holds, exactly as the project's `tools:sync` would write it.
 */
function writeRegistries(tree: FileTree): void {
  for (const [kind, { dir }] of Object.entries(REGISTRIES) as Array<[keyof typeof REGISTRIES, (typeof REGISTRIES)[keyof typeof REGISTRIES]]>) {
    const prefix = `${dir}/`;
    const names = [...tree.keys()].filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')).map((path) => path.slice(prefix.length));
    tree.set(`${prefix}${REGISTRY_FILE}`, Buffer.from(renderRegistry(kind, capabilityFiles(names))));
  }
}
