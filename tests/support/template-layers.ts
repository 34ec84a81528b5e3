import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { outputPath } from '../../src/render/paths.js';
import { templatesRoot } from '../../src/render/templates-root.js';

/**
 * Where each file of a project comes from, read straight from `templates/`: output path → the
 * template (`base/src/http/guards.ts`, relative to `templates/`) of the last layer that has it,
 * since a later layer replaces an earlier one's file.
 */
export function layerFiles(layers: readonly string[]): Map<string, string> {
  const origins = new Map<string, string>();
  for (const layer of layers) {
    for (const templatePath of filesUnder(join(templatesRoot(), layer))) {
      origins.set(outputPath(templatePath), `${layer}/${templatePath}`);
    }
  }
  return origins;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
  });
}
