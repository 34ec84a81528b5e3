import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../features/catalog.js';
import { selectUnits, type Selection } from '../features/select.js';
import type { ChosenValues } from '../options/schema.js';
import { markerFile, templateContext } from './context.js';
import { filesDigest } from './files-digest.js';
import { REGISTRIES, REGISTRY_FILE, registryCandidates, renderRegistry } from './registry.js';
import { layerDir, renderProject, sortTree, type FileTree, type TemplateFs } from './render.js';
import { templatesRoot } from './templates-root.js';

export interface PlanInput {
  options: ChosenValues;
  /** The units the options chose; by default selected from the catalog. */
  selection?: Selection;
  /** Where the options' values are defined; by default the CLI's own units. */
  catalog?: Catalog;
  generatorVersion: string;
  fs?: TemplateFs;
  templatesDir?: string;
}

/** The complete file tree for a project: base, the chosen units' layers, and the marker file. */
export async function planProject({
  options,
  catalog,
  selection = selectUnits(options, catalog),
  generatorVersion,
  fs = localTemplates,
  templatesDir = templatesRoot(),
}: PlanInput): Promise<FileTree> {
  const readmeSections = await Promise.all(
    selection.readme.map(async ({ layer, file }) => String(await fs.readFile(join(layerDir(layer, templatesDir), README_FOLDER, file))).trimEnd()),
  );
  const context = templateContext(options, selection, readmeSections, generatorVersion);
  const tree = await renderProject({ fs, templatesDir, layers: selection.layers, context, pathVariables: { shortName: context.shortName } });
  writeRegistries(tree);
  const [markerPath, markerBytes] = markerFile(options, generatorVersion, filesDigest(tree));
  tree.set(markerPath, markerBytes);
  return sortTree(tree);
}

/**
 * The CLI's own templates: a few hundred small files on a local disk, where a synchronous read costs
 * less than the round trips through libuv's thread pool that an asynchronous one makes.
 */
const localTemplates: TemplateFs = {
  readdir: async (path, options) => readdirSync(path, options),
  readFile: async (path) => readFileSync(path),
};

/** Where a layer keeps the README sections it contributes, as Markdown files. */
const README_FOLDER = 'readme';

/**
 * Overlays add their own tools (an upstream's API tools), so each registry is written from the
 * capability files the rendered tree holds, exactly as the project's `tools:sync` would write it.
 */
function writeRegistries(tree: FileTree): void {
  for (const [kind, { dir }] of Object.entries(REGISTRIES) as Array<[keyof typeof REGISTRIES, (typeof REGISTRIES)[keyof typeof REGISTRIES]]>) {
    const prefix = `${dir}/`;
    const names = [...tree.keys()].filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')).map((path) => path.slice(prefix.length));
    tree.set(`${prefix}${REGISTRY_FILE}`, Buffer.from(renderRegistry(kind, registryCandidates(names))));
  }
}
