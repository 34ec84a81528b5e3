import { Volume, createFsFromVolume } from 'memfs';
import { describe, expect, it } from 'vitest';
import type { ProjectFs } from '../../src/project/project-fs.js';
import { applyChanges } from '../../src/render/apply.js';

function project() {
  const volume = Volume.fromJSON({ '/p/src/tools/index.ts': 'old registry', '/p/package.json': '{}', '/p/src/legacy/old.ts': 'old' });
  return { volume, fs: createFsFromVolume(volume).promises as unknown as ProjectFs };
}

/** Fails the n-th rename, as a full disk or a lost permission would. */
function failingRename(fs: ProjectFs, failAt: number): ProjectFs {
  let calls = 0;
  return new Proxy(fs, {
    get(target, key) {
      if (key === 'rename') {
        return async (from: string, to: string) => {
          calls += 1;
          if (calls === failAt) throw Object.assign(new Error('EIO: simulated failure'), { code: 'EIO' });
          return target.rename(from, to);
        };
      }
      return Reflect.get(target, key) as unknown;
    },
  });
}

const changes = [
  { path: 'src/tools/get-invoice.ts', content: 'tool', previous: undefined },
  { path: 'tests/tools/get-invoice.test.ts', content: 'test', previous: undefined },
  { path: 'src/tools/index.ts', content: 'new registry', previous: 'old registry' },
];

describe('applying changes to a project', () => {
  it('writes every change', async () => {
    const { volume, fs } = project();
    await applyChanges(fs, '/p', changes);
    expect(volume.toJSON()).toEqual({
      '/p/package.json': '{}',
      '/p/src/legacy/old.ts': 'old',
      '/p/src/tools/get-invoice.ts': 'tool',
      '/p/src/tools/index.ts': 'new registry',
      '/p/tests/tools/get-invoice.test.ts': 'test',
    });
  });

  it('restores the project exactly when a later step fails', async () => {
    const { volume, fs } = project();
    const before = volume.toJSON();
    await expect(applyChanges(failingRename(fs, 3), '/p', changes)).rejects.toThrow('simulated failure');
    expect(volume.toJSON()).toEqual(before);
  });

  it('removes files, and the folders that leaves empty, with the writes', async () => {
    const { volume, fs } = project();
    await applyChanges(fs, '/p', [...changes, { path: 'src/legacy/old.ts', remove: true }]);
    expect(Object.keys(volume.toJSON())).not.toContain('/p/src/legacy/old.ts');
    expect(volume.existsSync('/p/src/legacy')).toBe(false);
  });

  it('writes binary content byte for byte', async () => {
    const { volume, fs } = project();
    const icon = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    await applyChanges(fs, '/p', [{ path: 'assets/icon.png', content: icon, previous: undefined }]);
    expect(volume.readFileSync('/p/assets/icon.png')).toEqual(icon);
  });

  it('brings a removed file back when a later write fails', async () => {
    const { volume, fs } = project();
    const before = volume.toJSON();
    // Rename 1 moves the removed file aside, renames 2 and 3 place writes; the fourth fails.
    await expect(applyChanges(failingRename(fs, 4), '/p', [...changes, { path: 'src/legacy/old.ts', remove: true }])).rejects.toThrow('simulated failure');
    expect(volume.toJSON()).toEqual(before);
  });
});
