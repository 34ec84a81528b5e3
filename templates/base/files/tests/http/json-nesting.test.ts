import { describe, expect, it } from 'vitest';

import { exceedsJsonDepth } from '../../src/http/json-nesting.js';

const exceeds = (json: string, maxDepth: number) => exceedsJsonDepth(Buffer.from(json, 'utf8'), maxDepth);

describe('JSON nesting depth', () => {
  it('counts arrays and objects opened inside each other', () => {
    const threeLevels = '{"a":[{"b":1}],"c":[]}';
    expect(exceeds(threeLevels, 3)).toBe(false);
    expect(exceeds(threeLevels, 2)).toBe(true);
  });

  it('counts siblings once, not one level each', () => {
    expect(exceeds(`[${'[],'.repeat(1_000)}[]]`, 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(exceeds(String.raw`{"text":"[[[{{{ \" [[[ \\", "more":"\\\"{{{"}`, 1)).toBe(false);
  });

  it('treats brackets after a string that ends in an escaped backslash as structure again', () => {
    expect(exceeds(String.raw`["\\",[[]]]`, 2)).toBe(true);
  });

  it('refuses nesting that is never closed once it passes the limit', () => {
    expect(exceeds('['.repeat(100_000), 64)).toBe(true);
  });

  it('leaves non-ASCII text alone', () => {
    expect(exceeds('{"name":"Zoë 日本 🙂 [{"}', 1)).toBe(false);
  });
});
