import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOnPath } from '../../src/options/executable.js';

async function dirWith(file: string, mode: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cem-path-'));
  await writeFile(join(dir, file), '#!/bin/sh\n');
  await chmod(join(dir, file), mode);
  return dir;
}

describe.skipIf(process.platform === 'win32')('finding a command on PATH', () => {
  it('finds an executable file in any PATH directory', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cem-path-'));
    const tools = await dirWith('pnpm', 0o755);
    expect(isOnPath('pnpm', { PATH: [empty, tools].join(delimiter) })).toBe(true);
  });

  it('does not find a command that is in no PATH directory', async () => {
    const tools = await dirWith('npm', 0o755);
    expect(isOnPath('pnpm', { PATH: tools })).toBe(false);
  });

  it('does not count a file that cannot be executed', async () => {
    const tools = await dirWith('pnpm', 0o644);
    expect(isOnPath('pnpm', { PATH: tools })).toBe(false);
  });

  it('finds nothing without a PATH', () => {
    expect(isOnPath('node', {})).toBe(false);
  });
});
