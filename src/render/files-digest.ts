import { createHash } from 'node:crypto';
import type { FileTree } from './render.js';

/**
 * One fingerprint of a rendered project's files (paths and bytes), recorded in its marker. Two
 * builds of the same version number render different files only if their templates differ, and
 * this is how `upgrade` tells whether a generator renders exactly what made the project.
 */
export function filesDigest(tree: FileTree, except: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const path of [...tree.keys()].sort()) {
    if (except.includes(path)) continue;
    const content = tree.get(path)!;
    hash.update(`${path}\0${content.length}\0`);
    hash.update(content);
  }
  return `sha256:${hash.digest('hex')}`;
}
