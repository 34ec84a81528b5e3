import { describe, expect, it } from 'vitest';
import type { FileTree } from '../../src/render/render.js';
import { planUpgrade } from '../../src/upgrade/plan-upgrade.js';

const LABELS = { ours: 'yours', base: 'generator 0.1.0', theirs: 'generator 0.2.0' };
const tree = (files: Record<string, string | Buffer>): FileTree => new Map(Object.entries(files).map(([path, content]) => [path, Buffer.isBuffer(content) ? content : Buffer.from(content)]));
const plan = (base: Record<string, string | Buffer>, target: Record<string, string | Buffer>, working: Record<string, string | Buffer>) =>
  planUpgrade({ base: tree(base), target: tree(target), working: tree(working) }, LABELS);
const text = (content: Buffer | undefined) => content?.toString('utf8');

describe('upgrading a project, file by file', () => {
  it('replaces a file the user never touched with the template\'s new version', () => {
    const [change] = plan({ 'src/a.ts': 'old\n' }, { 'src/a.ts': 'new\n' }, { 'src/a.ts': 'old\n' });
    expect(change).toMatchObject({ action: 'update', path: 'src/a.ts' });
    expect(text(change && 'content' in change ? change.content : undefined)).toBe('new\n');
  });

  it('leaves alone a file the template did not change, however the user changed it', () => {
    expect(plan({ 'src/a.ts': 'same\n' }, { 'src/a.ts': 'same\n' }, { 'src/a.ts': 'edited\n' })).toEqual([]);
  });

  it('leaves alone a file already as the template now has it', () => {
    expect(plan({ 'src/a.ts': 'old\n' }, { 'src/a.ts': 'new\n' }, { 'src/a.ts': 'new\n' })).toEqual([]);
  });

  it('merges a file both changed in different places', () => {
    const [change] = plan({ 'src/a.ts': '1\n2\n3\n4\n5\n' }, { 'src/a.ts': '1\n2\n3\n4\nfive\n' }, { 'src/a.ts': 'one\n2\n3\n4\n5\n' });
    expect(change).toMatchObject({ action: 'merge', path: 'src/a.ts' });
    expect(text(change && 'content' in change ? change.content : undefined)).toBe('one\n2\n3\n4\nfive\n');
  });

  it('marks the lines both changed differently as a conflict and counts them', () => {
    const [change] = plan({ 'src/a.ts': 'a\nb\nc\n' }, { 'src/a.ts': 'a\ntheirs\nc\n' }, { 'src/a.ts': 'a\nmine\nc\n' });
    expect(change).toMatchObject({ action: 'conflict', path: 'src/a.ts', conflicts: 1, binary: false });
    expect(text(change && 'content' in change ? change.content : undefined)).toContain('<<<<<<< yours\nmine\n');
  });

  it('creates a file the template added', () => {
    expect(plan({}, { 'src/new.ts': 'x\n' }, {})).toMatchObject([{ action: 'create', path: 'src/new.ts' }]);
  });

  it('merges a file the template added with one the user had already made at that path, as if both started empty', () => {
    expect(plan({}, { 'src/new.ts': 'theirs\n' }, { 'src/new.ts': 'mine\n' })).toMatchObject([{ action: 'conflict', path: 'src/new.ts', conflicts: 1 }]);
  });

  it('keeps deleted a file the user deleted, and says so where the template changed it', () => {
    expect(plan({ 'src/a.ts': 'old\n' }, { 'src/a.ts': 'new\n' }, {})).toEqual([{ action: 'keep-deleted', path: 'src/a.ts' }]);
    expect(plan({ 'src/a.ts': 'same\n' }, { 'src/a.ts': 'same\n' }, {})).toEqual([]);
  });

  it('deletes a file the template dropped when the user never touched it', () => {
    expect(plan({ 'src/gone.ts': 'old\n' }, {}, { 'src/gone.ts': 'old\n' })).toEqual([{ action: 'delete', path: 'src/gone.ts' }]);
  });

  it('keeps a file the template dropped when the user changed it', () => {
    expect(plan({ 'src/gone.ts': 'old\n' }, {}, { 'src/gone.ts': 'edited\n' })).toEqual([{ action: 'keep-modified', path: 'src/gone.ts' }]);
  });

  it('moves a file the template moved, with the user\'s edits', () => {
    const changes = plan({ 'src/old.ts': 'body\n' }, { 'src/new.ts': 'body\n' }, { 'src/old.ts': 'body\nedited\n' });
    expect(changes).toMatchObject([
      { action: 'merge', path: 'src/new.ts', renamedFrom: 'src/old.ts' },
      { action: 'delete', path: 'src/old.ts' },
    ]);
    expect(text(changes[0] && 'content' in changes[0] ? changes[0].content : undefined)).toBe('body\nedited\n');
  });

  it('moves an untouched file the template moved', () => {
    expect(plan({ 'src/old.ts': 'body\n' }, { 'src/new.ts': 'body\n' }, { 'src/old.ts': 'body\n' })).toMatchObject([
      { action: 'create', path: 'src/new.ts', renamedFrom: 'src/old.ts' },
      { action: 'delete', path: 'src/old.ts' },
    ]);
  });

  it('leaves a binary file both changed as the user has it, reported as a conflict', () => {
    const base = Buffer.from([0, 1, 2]);
    const [change] = plan({ 'logo.png': base }, { 'logo.png': Buffer.from([0, 1, 3]) }, { 'logo.png': Buffer.from([0, 1, 4]) });
    expect(change).toMatchObject({ action: 'conflict', path: 'logo.png', conflicts: 0, binary: true });
    expect(change && 'content' in change ? [...change.content] : []).toEqual([0, 1, 4]);
  });

  it('replaces an untouched binary file', () => {
    expect(plan({ 'logo.png': Buffer.from([0, 1]) }, { 'logo.png': Buffer.from([0, 2]) }, { 'logo.png': Buffer.from([0, 1]) })).toMatchObject([{ action: 'update', path: 'logo.png' }]);
  });

  it('counts a CRLF copy of an untouched file as untouched, and writes the new version with CRLF', () => {
    const [change] = plan({ 'src/a.ts': 'old\nline\n' }, { 'src/a.ts': 'new\nline\n' }, { 'src/a.ts': 'old\r\nline\r\n' });
    expect(change).toMatchObject({ action: 'update' });
    expect(text(change && 'content' in change ? change.content : undefined)).toBe('new\r\nline\r\n');
  });

  it('lists its changes in path order', () => {
    const changes = plan({ 'b.ts': 'old\n', 'a.ts': 'old\n' }, { 'b.ts': 'new\n', 'a.ts': 'new\n' }, { 'b.ts': 'old\n', 'a.ts': 'old\n' });
    expect(changes.map((change) => change.path)).toEqual(['a.ts', 'b.ts']);
  });
});
