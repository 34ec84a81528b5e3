import { compareFileNames } from '../render/registry.js';
import type { FileTree } from '../render/render.js';
import { mergeText, sameText, usesCrlf, type MergeLabels } from './merge-text.js';

/**
 * What upgrading does to one file of the project, decided from three trees: `base` (what the
 * generator that made the project renders for it), `target` (what this generator renders) and
 * `working` (the project on disk).
 */
export type FileChange =
  /** The template added it and the project has no such file. */
  | { action: 'create'; path: string; content: Buffer; renamedFrom?: string }
  /** The user never touched it: the template's new version replaces it. */
  | { action: 'update'; path: string; content: Buffer; renamedFrom?: string }
  /** Both changed it, in different places: the merge keeps both. */
  | { action: 'merge'; path: string; content: Buffer; renamedFrom?: string }
  /**
   * Both changed the same lines: merged with conflict markers around each of them, or, for a binary
   * file, left as the user has it (`conflicts` is then 0).
   */
  | { action: 'conflict'; path: string; content: Buffer; conflicts: number; binary: boolean; renamedFrom?: string }
  /** The template dropped it (or moved it) and the user never touched it. */
  | { action: 'delete'; path: string }
  /** The user deleted a file the template changed since: it stays deleted. */
  | { action: 'keep-deleted'; path: string }
  /** The template dropped a file the user changed: it stays, theirs now. */
  | { action: 'keep-modified'; path: string };

export type UpgradeAction = FileChange['action'];

/**
 * Every file upgrading changes or reports, by path; a file it leaves as it is appears nowhere. A file
 * the template moved (its old content, unchanged, at a new path) follows the template to the new
 * path with the user's edits.
 */
export function planUpgrade(trees: { base: FileTree; target: FileTree; working: FileTree }, labels: MergeLabels): FileChange[] {
  const { base, target, working } = trees;
  const renames = templateRenames(base, target);
  const changes: FileChange[] = [];

  for (const [path, next] of target) {
    const from = renames.get(path);
    const moving = from === undefined || working.has(path) ? undefined : working.get(from);
    if (from !== undefined && moving !== undefined) {
      // The old content is the new content, so the user's copy, edits and all, is the merge.
      const edited = !sameContent(moving, base.get(from)!);
      changes.push({ action: edited ? 'merge' : 'create', path, content: moving, renamedFrom: from }, { action: 'delete', path: from });
      continue;
    }
    const change = changeOf(path, base.get(from ?? path), next, working.get(path), labels);
    if (change !== undefined) changes.push(change);
  }

  const moved = new Set(renames.values());
  for (const [path, previous] of base) {
    if (target.has(path) || moved.has(path)) continue;
    const current = working.get(path);
    if (current === undefined) continue;
    changes.push(current.equals(previous) || sameText(current.toString('utf8'), previous.toString('utf8')) ? { action: 'delete', path } : { action: 'keep-modified', path });
  }
  return changes.sort((a, b) => compareFileNames(a.path, b.path));
}

/** One file the target has: what it was (`previous`), what it becomes (`next`), what is on disk (`current`). */
function changeOf(path: string, previous: Buffer | undefined, next: Buffer, current: Buffer | undefined, labels: MergeLabels): FileChange | undefined {
  if (current === undefined) {
    if (previous === undefined) return { action: 'create', path, content: next };
    // Deleted by the user: only worth a word if the template changed it since.
    return sameContent(previous, next) ? undefined : { action: 'keep-deleted', path };
  }
  if (sameContent(current, next)) return undefined;
  // A file the user made where the template now adds one: merged as if both started empty.
  const ancestor = previous ?? Buffer.alloc(0);
  if (sameContent(current, ancestor)) return { action: 'update', path, content: withLineEndingsOf(current, next) };
  if (sameContent(ancestor, next)) return undefined;
  if (isBinary(current) || isBinary(next) || isBinary(ancestor)) return { action: 'conflict', path, content: current, conflicts: 0, binary: true };
  const merged = mergeText(ancestor.toString('utf8'), current.toString('utf8'), next.toString('utf8'), labels);
  const content = Buffer.from(merged.text);
  return merged.conflicts > 0 ? { action: 'conflict', path, content, conflicts: merged.conflicts, binary: false } : { action: 'merge', path, content };
}

/**
 * Files the template moved: a path only the base has whose content is, byte for byte, that of one
 * path only the target has (and of no other). New path → old path.
 */
function templateRenames(base: FileTree, target: FileTree): Map<string, string> {
  const dropped = [...base].filter(([path]) => !target.has(path));
  const added = [...target].filter(([path]) => !base.has(path));
  const renames = new Map<string, string>();
  for (const [oldPath, content] of dropped) {
    const matches = added.filter(([, next]) => next.equals(content));
    const sources = dropped.filter(([, other]) => other.equals(content));
    if (matches.length === 1 && sources.length === 1 && content.length > 0) renames.set(matches[0]![0], oldPath);
  }
  return renames;
}

function sameContent(a: Buffer, b: Buffer): boolean {
  return a.equals(b) || (!isBinary(a) && !isBinary(b) && sameText(a.toString('utf8'), b.toString('utf8')));
}

/** The template's text with the line endings the user's copy has (CRLF on a Windows checkout). */
function withLineEndingsOf(current: Buffer, next: Buffer): Buffer {
  if (isBinary(next)) return next;
  const text = next.toString('utf8').replace(/\r\n/g, '\n');
  return Buffer.from(usesCrlf(current.toString('utf8')) ? text.replace(/\n/g, '\r\n') : text);
}

/** A NUL byte in the first 8000 bytes: binary, as git decides it. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
