import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/features/catalog.js';
import { selectUnits } from '../../src/features/select.js';
import type { Layer } from '../../src/features/unit.js';
import { allCombinations, combinationName, expectForEvery } from '../support/combinations.js';
import { projectPathsOf } from '../support/template-layers.js';

/** A layer's project paths, listed from disk once per folder: every combination asks for the same few folders. */
const listed = new Map<string, readonly string[]>();
function pathsOf(folder: string): readonly string[] {
  let paths = listed.get(folder);
  if (paths === undefined) listed.set(folder, (paths = projectPathsOf(folder)));
  return paths;
}

/** Files a layer writes over a lower layer's file, as `upper → lower: path`. */
function replacements(layers: readonly Layer[]): Array<{ upper: Layer; lower: Layer; path: string }> {
  const writer = new Map<string, Layer>();
  const found: Array<{ upper: Layer; lower: Layer; path: string }> = [];
  for (const layer of layers) {
    for (const path of pathsOf(layer.folder)) {
      const lower = writer.get(path);
      if (lower !== undefined) found.push({ upper: layer, lower, path });
      writer.set(path, layer);
    }
  }
  return found;
}

/** Every accepted combination is selected and walked: seconds of work that grow with each option value. */
const EVERY_COMBINATION_TIMEOUT_MS = 60_000;

describe('seams between layers', () => {
  it('lets no layer of any accepted combination replace a file the layer beneath does not declare as a seam', () => {
    expectForEvery(allCombinations(), combinationName, (options) => {
      const undeclared = replacements(selectUnits(options).layers).filter(({ lower, path }) => lower.seams?.[path] === undefined);
      expect(undeclared.map(({ upper, lower, path }) => `${upper.folder} replaces ${lower.folder}/${path}`)).toEqual([]);
    });
  }, EVERY_COMBINATION_TIMEOUT_MS);

  it('declares no seam that no accepted combination replaces', () => {
    const replaced = new Set(allCombinations().flatMap((options) => replacements(selectUnits(options).layers).map(({ lower, path }) => `${lower.folder}/${path}`)));
    const units: readonly Layer[] = [...CATALOG.upstream, ...CATALOG.auth, ...CATALOG.storage, ...CATALOG.deploy];
    const layers = [CATALOG.base, ...units.flatMap((unit) => [...(unit.layers ?? []), unit])];
    const declared = new Set(layers.flatMap((layer) => Object.keys(layer.seams ?? {}).map((path) => `${layer.folder}/${path}`)));
    expect([...declared].filter((seam) => !replaced.has(seam))).toEqual([]);
  }, EVERY_COMBINATION_TIMEOUT_MS);
});
