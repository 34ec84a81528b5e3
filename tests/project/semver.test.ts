import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/project/semver.js';

describe('version comparison', () => {
  it.each([
    ['0.2.0', '0.1.9', 1],
    ['1.0.0', '1.0.0', 0],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0-beta.1', '1.0.0', -1],
    ['1.0.0', '1.0.0-beta.1', 1],
    ['1.0.0-beta.2', '1.0.0-beta.1', 1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
