import { join } from 'node:path';
import { renderTemplate } from './engine.js';
import { isTemplate, LAYER_FILES, outputPath } from './paths.js';

/** A rendered project held in memory: posix path relative to the project root → file bytes. */
export type FileTree = Map<string, Buffer>;

/** The few file-system calls rendering needs; node:fs/promises and memfs both provide them. */
export interface TemplateFs {
  readdir(path: string, options: { withFileTypes: true }): Promise<Array<{ name: string | Buffer; isDirectory(): boolean }>>;
  readFile(path: string): Promise<Buffer | string>;
}

export interface RenderInput {
  fs: TemplateFs;
  templatesDir: string;
  /** Layer directories under `templatesDir`, applied in order; a later layer replaces an earlier file. */
  layers: readonly string[];
  context: object;
}

/**
 * Renders every layer into one in-memory tree. Nothing touches the target directory here, so a
 * template that fails leaves no trace on disk.
 */
export async function renderProject({ fs, templatesDir, layers, context }: RenderInput): Promise<FileTree> {
  const tree: FileTree = new Map();
  for (const layer of layers) {
    const layerDir = join(templatesDir, layer, LAYER_FILES);
    for (const templatePath of await listFiles(fs, layerDir)) {
      const raw = await fs.readFile(join(layerDir, templatePath));
      const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const content = isTemplate(templatePath)
        ? Buffer.from(renderTemplate(bytes.toString('utf8'), context, `${layer}/${templatePath}`))
        : bytes;
      tree.set(outputPath(templatePath), content);
    }
  }
  return sortTree(tree);
}

export function sortTree(tree: FileTree): FileTree {
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function listFiles(fs: TemplateFs, dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${String(entry.name)}` : String(entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(fs, dir, relative)));
    else files.push(relative);
  }
  return files;
}
