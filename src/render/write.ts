import { mkdirSync, readdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../errors.js';
import type { FileTree } from './render.js';

/**
 * Why `target` cannot take a new project, or undefined when it can (it is missing or empty): a
 * scaffold never mixes with existing files. Synchronous, so a prompt can check an answer with it.
 */
export function targetProblem(target: string): CliError | undefined {
  let info: Stats;
  try {
    info = statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const shown = displayPath(target);
  if (!info.isDirectory()) {
    return new CliError(`${shown} exists and is not a directory.`, { hint: 'Choose another directory name.' });
  }
  const entries = readdirSync(target);
  if (entries.length > 0) {
    return new CliError(`${shown} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}).`, {
      hint: 'Choose a new directory name, or empty that directory first. Nothing was written.',
    });
  }
  return undefined;
}

/** Refuses anything but a missing or empty directory (see `targetProblem`). */
export async function assertEmptyTarget(target: string): Promise<void> {
  const problem = targetProblem(target);
  if (problem) throw problem;
}

/**
 * Writes the tree into a hidden staging directory beside the target, then renames it into place:
 * the project appears whole or not at all. A failure removes the staging directory and any parent
 * directories this call created.
 */
export async function writeProject(tree: FileTree, target: string): Promise<void> {
  const absolute = resolve(target);
  await assertEmptyTarget(absolute);
  const parent = dirname(absolute);
  const createdParent = await mkdir(parent, { recursive: true });
  let staging: string | undefined;
  try {
    staging = await mkdtemp(join(parent, `.${basename(absolute)}-staging-`));
    await chmod(staging, 0o755);
    writeFiles(staging, tree);
    await moveIntoPlace(staging, absolute);
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true });
    if (createdParent) await rm(createdParent, { recursive: true, force: true });
    throw new CliError(`Could not write ${displayPath(absolute)}: ${(error as Error).message}`, {
      hint: 'Nothing was left behind.',
      cause: error,
    });
  }
}

/**
 * Written synchronously: a project is a few hundred small files, and an asynchronous write costs
 * each of them round trips through libuv's thread pool that take longer than the writes themselves.
 */
function writeFiles(root: string, tree: FileTree): void {
  const files = [...tree].map(([path, content]) => ({ file: join(root, ...path.split('/')), content }));
  for (const folder of new Set(files.map(({ file }) => dirname(file)))) mkdirSync(folder, { recursive: true });
  for (const { file, content } of files) writeFileSync(file, content, { flag: 'wx' });
}

/**
 * POSIX rename replaces an empty directory in one step; Windows refuses, and there the empty
 * target is removed first.
 */
async function moveIntoPlace(staging: string, target: string): Promise<void> {
  try {
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
    await rmdir(target);
    await rename(staging, target);
  }
}

export function displayPath(target: string): string {
  const shown = relative(process.cwd(), resolve(target));
  return shown === '' ? '.' : shown.startsWith('..') ? resolve(target) : shown;
}
