import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layer } from '../../src/features/unit.js';
import { LAYER_FILES, outputPath } from '../../src/render/paths.js';
import { templatesRoot } from '../../src/render/templates-root.js';

/**
 * Where each file of a project comes from, read straight from `templates/`: output path → the
 * template (`base/files/src/http/guards.ts`, relative to `templates/`) of the last layer that has it,
 * since a later layer replaces an earlier one's file.
 */
export function layerFiles(layers: readonly Layer[], pathVariables: Readonly<Record<string, string>> = {}): Map<string, string> {
  const origins = new Map<string, string>();
  for (const layer of layers) {
    for (const templatePath of filesOfLayer(layer.folder)) origins.set(outputPath(templatePath, pathVariables), `${layer.folder}/${LAYER_FILES}/${templatePath}`);
  }
  return origins;
}

/** The project paths the files of a layer (a folder under `templates/`) become. */
export function projectPathsOf(folder: string): string[] {
  return filesOfLayer(folder).map((templatePath) => outputPath(templatePath));
}

/** The bytes of a template (a path relative to `templates/`), read once per test file. */
export function templateBytes(template: string): Buffer {
  let bytes = readTemplates.get(template);
  if (bytes === undefined) readTemplates.set(template, (bytes = readFileSync(join(templatesRoot(), template))));
  return bytes;
}

const readTemplates = new Map<string, Buffer>();
const layerListings = new Map<string, string[]>();

function filesOfLayer(layer: string): string[] {
  let files = layerListings.get(layer);
  if (files === undefined) layerListings.set(layer, (files = filesUnder(join(templatesRoot(), layer, LAYER_FILES))));
  return files;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
  });
}
