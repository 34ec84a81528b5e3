import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { selectUnits } from '../../src/features/select.js';
import { VERSIONS } from '../../src/features/versions.js';
import { templatesRoot } from '../../src/render/templates-root.js';
import { allCombinations, combinationName, expectForEvery } from '../support/combinations.js';

describe('selecting the units of a project', () => {
  it('has a template directory for every layer of every accepted combination', () => {
    expectForEvery(allCombinations(), combinationName, (options) => {
      const missing = selectUnits(options).layers.filter((layer) => !isDirectory(join(templatesRoot(), layer.folder, 'files'))).map((layer) => layer.folder);
      expect(missing, 'layers without a directory under templates/').toEqual([]);
    });
  });

  it('pins every dependency to the exact version in the versions table', () => {
    const features = selectUnits(allCombinations()[0]!);
    for (const dependency of [...features.dependencies, ...features.devDependencies]) {
      expect(dependency.version).toBe(VERSIONS[dependency.name]);
      expect(dependency.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('never lists a runtime dependency again as a dev dependency', () => {
    const features = selectUnits(allCombinations()[0]!);
    const runtime = new Set(features.dependencies.map((d) => d.name));
    expect(features.devDependencies.filter((d) => runtime.has(d.name))).toEqual([]);
  });

  it('lists each environment variable once', () => {
    for (const options of allCombinations()) {
      const names = selectUnits(options).envVars.map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('puts the base layer first, beneath every unit', () => {
    expect(selectUnits(allCombinations()[0]!).layers[0]?.folder).toBe('base');
  });
});

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
