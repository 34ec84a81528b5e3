import { describe, expect, it } from 'vitest';
import { mergeText } from '../../src/upgrade/merge-text.js';

const LABELS = { ours: 'yours', base: 'generator 0.1.0', theirs: 'generator 0.2.0' };

describe('merging a file both sides changed', () => {
  it('takes a change made on one side only', () => {
    const merged = mergeText('a\nb\nc\nd\ne\n', 'a\nB\nc\nd\ne\n', 'a\nb\nc\nd\nE\n', LABELS);
    expect(merged).toEqual({ text: 'a\nB\nc\nd\nE\n', conflicts: 0 });
  });

  it('takes the same change made on both sides once', () => {
    expect(mergeText('a\nb\nc\n', 'a\nX\nc\n', 'a\nX\nc\n', LABELS)).toEqual({ text: 'a\nX\nc\n', conflicts: 0 });
  });

  it('keeps different changes to the same lines between conflict markers naming both sides and the base', () => {
    const merged = mergeText('a\nb\nc\n', 'a\nmine\nc\n', 'a\ntheirs\nc\n', LABELS);
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe('a\n<<<<<<< yours\nmine\n||||||| generator 0.1.0\nb\n=======\ntheirs\n>>>>>>> generator 0.2.0\nc\n');
  });

  it('counts each conflicting region', () => {
    const merged = mergeText('1\n2\n3\n4\n5\n6\n7\n', 'x\n2\n3\n4\n5\n6\nx\n', 'y\n2\n3\n4\n5\n6\ny\n', LABELS);
    expect(merged.conflicts).toBe(2);
  });

  it('compares CRLF and LF lines as equal and writes the result with the line endings of the file on disk', () => {
    const merged = mergeText('a\nb\nc\nd\n', 'a\r\nB\r\nc\r\nd\r\n', 'a\nb\nc\nD\n', LABELS);
    expect(merged).toEqual({ text: 'a\r\nB\r\nc\r\nD\r\n', conflicts: 0 });
  });
});
