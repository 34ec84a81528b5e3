import { join } from 'node:path';
import type { Layer } from '../features/unit.js';
import { renderTemplate } from './engine.js';
import { isTemplate, LAYER_FILES, outputPath } from './paths.js';
import { compareFileNames } from './registry.js';

/** A rendered project held in memory: posix path relative to the project root → file bytes. */
export type FileTree = Map<string, Buffer>;

/** The few file-system calls rendering needs; node:fs/promises and memfs both provide them. */
export interface TemplateFs {
  readdir(path: string, options: { withFileTypes: true }): Promise<Array<{ name: string | Buffer; isDirectory(): boolean }>>;
  readFile(path: string): Promise<Buffer | string>;
}

export interface RenderInput {
  fs: TemplateFs;
  /** The templates root of layers that name none. */
  templatesDir: string;
  /** Applied in order; a later layer may replace only the files an earlier one declares as seams. */
  layers: readonly Layer[];
  context: object;
  /** The values of `__name__` path segments (see `outputPath`). */
  pathVariables?: Readonly<Record<string, string>>;
}

/** The folder of a layer's files. */
export function layerDir(layer: Layer, templatesDir: string): string {
  return join(layer.root ?? templatesDir, layer.folder);
}

/**
 * Renders every layer into one in-memory tree. Nothing touches the target directory here, so a
 * template that fails leaves no trace on disk.
 */
export async function renderProject({ fs, templatesDir, layers, context, pathVariables = {} }: RenderInput): Promise<FileTree> {
  const tree: FileTree = new Map();
  const writtenBy = new Map<string, Layer>();
  for (const layer of layers) {
    const filesDir = join(layerDir(layer, templatesDir), LAYER_FILES);
    const templatePaths = await listFiles(fs, filesDir);
    assertSeamsExist(layer, templatePaths.map((templatePath) => outputPath(templatePath, pathVariables)));
    for (const templatePath of templatePaths) {
      const path = outputPath(templatePath, pathVariables);
      const lower = writtenBy.get(path);
      if (lower !== undefined && lower.seams?.[path] === undefined) {
        throw new Error(`${layer.folder} and ${lower.folder} both write ${path}, and ${lower.folder} does not declare it a seam that higher layers may replace.`);
      }
      const raw = await fs.readFile(join(filesDir, templatePath));
      const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const content = isTemplate(templatePath)
        ? Buffer.from(await renderTemplate(bytes.toString('utf8'), context, `${layer.folder}/${LAYER_FILES}/${templatePath}`))
        : bytes;
      tree.set(path, content);
      writtenBy.set(path, layer);
    }
  }
  return sortTree(tree);
}

/** A seam names a file its layer has: a misspelt seam would otherwise silently allow nothing. */
function assertSeamsExist(layer: Layer, paths: readonly string[]): void {
  const missing = Object.keys(layer.seams ?? {}).filter((seam) => !paths.includes(seam));
  if (missing.length > 0) throw new Error(`${layer.folder} declares seams it has no file for: ${missing.join(', ')}`);
}

export function sortTree(tree: FileTree): FileTree {
  return new Map([...tree.entries()].sort(([a], [b]) => compareFileNames(a, b)));
}

/** Every file below `dir`, as posix paths relative to it. */
export async function listFiles(fs: TemplateFs, dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${String(entry.name)}` : String(entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(fs, dir, relative)));
    else files.push(relative);
  }
  return files;
}
