import { randomBytes } from 'node:crypto';
import { dirname, join, sep } from 'node:path';
import type { ProjectFs } from '../project/project-fs.js';

/** One file an existing project gets, replaces or loses. */
export type FileChange = FileWrite | FileRemoval;

export interface FileWrite {
  /** Posix path relative to the project root. */
  path: string;
  content: string | Buffer;
  /** What the file held before; undefined when the change creates it. */
  previous: string | Buffer | undefined;
}

export interface FileRemoval {
  /** Posix path relative to the project root. */
  path: string;
  remove: true;
}

function isRemoval(change: FileChange): change is FileRemoval {
  return 'remove' in change;
}

/**
 * Applies several file changes to an existing project as one unit. Every new content is first
 * written beside its target and every file to remove is first moved aside; then the new contents
 * are renamed over their targets. If anything fails, files already replaced get their previous
 * content back, moved-aside files return, created files and folders are removed, and the error is
 * rethrown. Folders a removal leaves empty go too.
 */
export async function applyChanges(fs: ProjectFs, root: string, changes: readonly FileChange[]): Promise<void> {
  const suffix = `.${randomBytes(4).toString('hex')}.tmp`;
  const writes = changes.filter((change): change is FileWrite => !isRemoval(change));
  const removals = changes.filter(isRemoval);
  const createdDirs: string[] = [];
  const staged: string[] = [];
  const movedAside: string[] = [];
  const applied: FileWrite[] = [];
  try {
    for (const change of writes) {
      const target = join(root, change.path);
      const created = await firstMissingAncestor(fs, dirname(target));
      await fs.mkdir(dirname(target), { recursive: true });
      if (created !== undefined) createdDirs.push(created);
      await fs.writeFile(target + suffix, change.content);
      staged.push(target + suffix);
    }
    for (const removal of removals) {
      const target = join(root, removal.path);
      await fs.rename(target, target + suffix);
      movedAside.push(target);
    }
    for (const change of writes) {
      await fs.rename(join(root, change.path) + suffix, join(root, change.path));
      applied.push(change);
    }
  } catch (error) {
    for (const change of applied.reverse()) {
      const target = join(root, change.path);
      if (change.previous === undefined) await fs.rm(target, { force: true });
      else await fs.writeFile(target, change.previous);
    }
    for (const target of movedAside.reverse()) await fs.rename(target + suffix, target);
    for (const file of staged) await fs.rm(file, { force: true });
    for (const dir of createdDirs.reverse()) await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  for (const target of movedAside) await fs.rm(target + suffix, { force: true });
  await removeEmptyFolders(fs, root, removals.map((removal) => dirname(join(root, removal.path))));
}

/** The folders (and their parents, up to the root) that removals left without any file. */
async function removeEmptyFolders(fs: ProjectFs, root: string, folders: readonly string[]): Promise<void> {
  const byDepth = [...new Set(folders)].sort((a, b) => b.length - a.length);
  for (const folder of byDepth) {
    for (let dir = folder; dir !== root && dir.startsWith(`${root}${sep}`); dir = dirname(dir)) {
      const entries = await fs.readdir(dir).catch(() => undefined);
      if (entries === undefined || entries.length > 0) break;
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The outermost folder a recursive mkdir of `dir` will create, found by looking rather than from
 * mkdir's return value, whose meaning differs between file-system implementations.
 */
async function firstMissingAncestor(fs: ProjectFs, dir: string): Promise<string | undefined> {
  let missing: string | undefined;
  for (let current = dir; ; current = dirname(current)) {
    const exists = await fs.stat(current).then(
      () => true,
      () => false,
    );
    if (exists) return missing;
    missing = current;
    if (dirname(current) === current) return missing;
  }
}
