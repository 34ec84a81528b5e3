import { describe, expect, it } from 'vitest';
import { pairwise } from './pairwise.js';

const product = (a: string[], b: string[], c: string[]) => a.flatMap((x) => b.flatMap((y) => c.map((z) => ({ x, y, z }))));

describe('pairwise selection', () => {
  it('covers every pair of values across dimensions', () => {
    const all = product(['a', 'b', 'c'], ['1', '2', '3'], ['p', 'q']);
    const chosen = pairwise(all);
    for (const { x, y, z } of all) {
      expect(chosen.some((c) => c.x === x && c.y === y)).toBe(true);
      expect(chosen.some((c) => c.x === x && c.z === z)).toBe(true);
      expect(chosen.some((c) => c.y === y && c.z === z)).toBe(true);
    }
  });

  it('needs far fewer cases than the full product', () => {
    const all = product(['a', 'b', 'c', 'd'], ['1', '2', '3', '4'], ['p', 'q', 'r']);
    expect(pairwise(all).length).toBeLessThan(all.length / 2);
  });

  it('only chooses valid candidates', () => {
    const valid = product(['a', 'b'], ['1', '2'], ['p']).filter((c) => !(c.x === 'b' && c.y === '2'));
    expect(pairwise(valid).every((c) => valid.includes(c))).toBe(true);
  });
});
