import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import type { FileTree } from '../../src/render/render.js';
import { writeProject } from '../../src/render/write.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cem-write-'));
});

const tree: FileTree = new Map([
  ['package.json', Buffer.from('{}')],
  ['src/main.ts', Buffer.from('export {};')],
]);

describe('writing a project', () => {
  it('writes every file of the tree into a new directory', async () => {
    await writeProject(tree, join(root, 'demo'));
    expect(await readFile(join(root, 'demo/src/main.ts'), 'utf8')).toBe('export {};');
    expect(await readdir(root)).toEqual(['demo']);
  });

  it('creates missing parent directories', async () => {
    await writeProject(tree, join(root, 'a/b/demo'));
    expect(await readFile(join(root, 'a/b/demo/package.json'), 'utf8')).toBe('{}');
  });

  it('accepts an existing empty directory', async () => {
    await mkdir(join(root, 'demo'));
    await writeProject(tree, join(root, 'demo'));
    expect((await readdir(join(root, 'demo'))).sort()).toEqual(['package.json', 'src']);
  });

  it('leaves directories readable by others, not private like a temp dir', async () => {
    await writeProject(tree, join(root, 'demo'));
    expect((await stat(join(root, 'demo'))).mode & 0o755).toBe(0o755);
  });

  it('refuses a non-empty directory and leaves its content untouched', async () => {
    await mkdir(join(root, 'demo'));
    await writeFile(join(root, 'demo/notes.txt'), 'mine');
    const error = await writeProject(tree, join(root, 'demo')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain('is not empty');
    expect(await readdir(join(root, 'demo'))).toEqual(['notes.txt']);
    expect(await readFile(join(root, 'demo/notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a path that is a file', async () => {
    await writeFile(join(root, 'demo'), 'x');
    await expect(writeProject(tree, join(root, 'demo'))).rejects.toThrow(/not a directory/);
  });

  it('leaves nothing behind when a write fails halfway', async () => {
    // "a" is a file, so "a/b" cannot be created: the failure comes after "a" was written.
    const broken: FileTree = new Map([
      ['a', Buffer.from('file')],
      ['a/b', Buffer.from('cannot exist')],
    ]);
    await expect(writeProject(broken, join(root, 'new-parent/demo'))).rejects.toThrow(CliError);
    expect(await readdir(root)).toEqual([]);
  });
});
