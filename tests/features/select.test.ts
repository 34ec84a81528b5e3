import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, type Catalog } from '../../src/features/catalog.js';
import { selectUnits } from '../../src/features/select.js';
import type { Layer } from '../../src/features/unit.js';
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

  describe('with layers meant for projects whose users do, or do not, sign in at the upstream', () => {
    const signInOnly: Layer = { folder: 'layers/sign-in-only', whenUsersSignIn: true, layers: [{ folder: 'layers/beneath-sign-in-only' }] };
    const otherwiseOnly: Layer = { folder: 'layers/otherwise-only', whenUsersSignIn: false };
    const catalog: Catalog = { ...CATALOG, upstream: CATALOG.upstream.map((unit) => (unit.id === 'generic' ? { ...unit, layers: [...unit.layers, signInOnly, otherwiseOnly] } : unit)) };
    const folders = (auth: 'oauth-proxy' | 'jwt') => selectUnits({ ...allCombinations()[0]!, upstream: 'generic', auth }, catalog).layers.map((layer) => layer.folder);

    it('renders the sign-in layer and what lies beneath it, not the other, where users sign in', () => {
      expect(folders('oauth-proxy')).toEqual(expect.arrayContaining(['layers/sign-in-only', 'layers/beneath-sign-in-only']));
      expect(folders('oauth-proxy')).not.toContain('layers/otherwise-only');
    });

    it('renders only the other where callers bring tokens of their own', () => {
      expect(folders('jwt')).toContain('layers/otherwise-only');
      expect(folders('jwt')).not.toContain('layers/sign-in-only');
      expect(folders('jwt')).not.toContain('layers/beneath-sign-in-only');
    });
  });

  it('documents signing users in at Salesforce only in projects whose users sign in there', () => {
    const readmeOf = (auth: string) => {
      const options = allCombinations().find((candidate) => candidate.upstream === 'salesforce' && candidate.auth === auth)!;
      return selectUnits(options).readme.map((section) => section.file);
    };
    expect(readmeOf('oauth-proxy')).toContain('salesforce-sign-in.md');
    expect(readmeOf('jwt')).not.toContain('salesforce-sign-in.md');
  });

  it("takes an upstream's own example of another unit's setting where that upstream has one", () => {
    const exampleOf = (upstream: string, name: string) => {
      const options = allCombinations().find((candidate) => candidate.upstream === upstream && candidate.auth === 'oauth-proxy')!;
      return selectUnits(options).envVars.find((envVar) => envVar.name === name)?.example;
    };
    expect(exampleOf('netsuite', 'SIGN_IN_SCOPES')).toBe('');
    expect(exampleOf('generic', 'SIGN_IN_SCOPES')).toBe('openid,profile,email,offline_access');
  });

  it('puts the base layer first, beneath every unit', () => {
    expect(selectUnits(allCombinations()[0]!).layers[0]?.folder).toBe('base');
  });
});

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
