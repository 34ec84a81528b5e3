import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/import-graph.js';
import { renderEveryCombination } from '../support/rendered-combinations.js';

const rendered = await renderEveryCombination();

// A cycle ties together modules that should change apart, even when it is made of type-only imports;
// one of value imports also lets a module run before the other is initialised.
describe(`the imports between the TypeScript files of every accepted combination (${rendered.length})`, () => {
  it.each(rendered.map(({ name, tree }) => [name, tree] as const))('form no cycle in %s', (_name, tree) => {
    expect(importCycles(importGraph(tree)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
