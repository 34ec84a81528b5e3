import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { ProjectFs } from '../project/project-fs.js';

export interface FileChange {
  /** Posix path relative to the project root. */
  path: string;
  content: string;
  /** What the file held before; undefined when the change creates it. */
  previous: string | undefined;
}

/**
 * Applies several file changes to an existing project as one unit. Every new content is first
 * written beside its target, then renamed over it; if anything fails, files already replaced get
 * their previous content back, created files and folders are removed, and the error is rethrown.
 */
export async function applyChanges(fs: ProjectFs, root: string, changes: readonly FileChange[]): Promise<void> {
  const suffix = `.${randomBytes(4).toString('hex')}.tmp`;
  const createdDirs: string[] = [];
  const staged: string[] = [];
  const applied: FileChange[] = [];
  try {
    for (const change of changes) {
      const target = join(root, change.path);
      const created = await firstMissingAncestor(fs, dirname(target));
      await fs.mkdir(dirname(target), { recursive: true });
      if (created !== undefined) createdDirs.push(created);
      await fs.writeFile(target + suffix, change.content);
      staged.push(target + suffix);
    }
    for (const change of changes) {
      await fs.rename(join(root, change.path) + suffix, join(root, change.path));
      applied.push(change);
    }
  } catch (error) {
    for (const change of applied.reverse()) {
      const target = join(root, change.path);
      if (change.previous === undefined) await fs.rm(target, { force: true });
      else await fs.writeFile(target, change.previous);
    }
    for (const file of staged) await fs.rm(file, { force: true });
    for (const dir of createdDirs.reverse()) await fs.rm(dir, { recursive: true, force: true });
    throw error;
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
