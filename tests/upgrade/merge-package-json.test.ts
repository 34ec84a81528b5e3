import { describe, expect, it } from 'vitest';
import { mergePackageJson } from '../../src/upgrade/merge-package-json.js';

/** A package.json as npm writes it: two-space indent and a final newline. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The merged text, failing the test if the merge gave up. */
function merged(base: string, working: string, target: string): string {
  const result = mergePackageJson(base, working, target);
  if (result.kind !== 'merged') throw new Error('expected the package.json to merge');
  return result.text;
}

describe('merging package.json key by key', () => {
  it("keeps the user's added dependency while taking the template's bump of another", () => {
    const base = json({ dependencies: { '@modelcontextprotocol/sdk': '^1.0.0', zod: '^3.23.0' } });
    const working = json({ dependencies: { '@modelcontextprotocol/sdk': '^1.0.0', axios: '^1.7.0', zod: '^3.23.0' } });
    const target = json({ dependencies: { '@modelcontextprotocol/sdk': '^1.2.0', zod: '^3.23.0' } });
    expect(merged(base, working, target)).toBe(json({ dependencies: { '@modelcontextprotocol/sdk': '^1.2.0', axios: '^1.7.0', zod: '^3.23.0' } }));
  });

  it("adds the template's new dependency in sorted position where the user's dependencies are sorted", () => {
    const base = json({ dependencies: { '@modelcontextprotocol/sdk': '^1.0.0', zod: '^3.23.0' } });
    const working = json({ dependencies: { '@modelcontextprotocol/sdk': '^1.0.0', express: '^5.0.0', zod: '^3.23.0' } });
    const target = json({ dependencies: { '@modelcontextprotocol/sdk': '^1.0.0', zod: '^3.23.0', dotenv: '^16.4.0' } });
    const text = merged(base, working, target);
    expect(Object.keys((JSON.parse(text) as { dependencies: object }).dependencies)).toEqual(['@modelcontextprotocol/sdk', 'dotenv', 'express', 'zod']);
  });

  it('removes a dependency the template dropped and the user never touched', () => {
    const base = json({ dependencies: { dotenv: '^16.4.0', express: '^5.0.0', zod: '^3.23.0' } });
    const working = json({ dependencies: { axios: '^1.7.0', dotenv: '^16.4.0', express: '^5.0.0', zod: '^3.23.0' } });
    const target = json({ dependencies: { express: '^5.0.0', zod: '^3.23.0' } });
    expect(merged(base, working, target)).toBe(json({ dependencies: { axios: '^1.7.0', express: '^5.0.0', zod: '^3.23.0' } }));
  });

  it('keeps a dependency the user removed removed when the template did not change it', () => {
    const base = json({ dependencies: { dotenv: '^16.4.0', express: '^5.0.0', zod: '^3.23.0' } });
    const working = json({ dependencies: { express: '^5.0.0', zod: '^3.23.0' } });
    const target = json({ dependencies: { dotenv: '^16.4.0', express: '^5.1.0', zod: '^3.23.0' } });
    expect(merged(base, working, target)).toBe(json({ dependencies: { express: '^5.1.0', zod: '^3.23.0' } }));
  });

  it("keeps a script the user edited while adding the template's new script after the one it follows", () => {
    const base = json({ scripts: { dev: 'tsx watch src/index.ts', build: 'tsc', start: 'node dist/index.js' } });
    const working = json({ scripts: { dev: 'tsx watch src/index.ts', build: 'tsc -p tsconfig.build.json', start: 'node dist/index.js' } });
    const target = json({ scripts: { dev: 'tsx watch src/index.ts', build: 'tsc', test: 'vitest run', start: 'node dist/index.js' } });
    expect(merged(base, working, target)).toBe(
      json({ scripts: { dev: 'tsx watch src/index.ts', build: 'tsc -p tsconfig.build.json', test: 'vitest run', start: 'node dist/index.js' } }),
    );
  });

  it('is not mergeable when both sides change the same key differently', () => {
    const base = json({ dependencies: { zod: '^3.23.0' } });
    const working = json({ dependencies: { zod: '^3.24.0' } });
    const target = json({ dependencies: { zod: '^4.0.0' } });
    expect(mergePackageJson(base, working, target)).toEqual({ kind: 'not-mergeable' });
  });

  it('is not mergeable when one side removes a key the other side changes', () => {
    const base = json({ scripts: { build: 'tsc', start: 'node dist/index.js' } });
    const working = json({ scripts: { build: 'tsc' } });
    const target = json({ scripts: { build: 'tsc', start: 'node --enable-source-maps dist/index.js' } });
    expect(mergePackageJson(base, working, target)).toEqual({ kind: 'not-mergeable' });
  });

  it('takes the same change made on both sides once', () => {
    const base = json({ dependencies: { zod: '^3.23.0' } });
    const both = json({ dependencies: { zod: '^4.0.0' } });
    expect(merged(base, both, both)).toBe(both);
  });

  it('merges a nested object both sides changed key by key', () => {
    const base = json({ name: 'server', engines: { node: '>=20' } });
    const working = json({ name: 'server', engines: { node: '>=20', npm: '>=10' } });
    const target = json({ name: 'server', engines: { node: '>=22' } });
    expect(merged(base, working, target)).toBe(json({ name: 'server', engines: { node: '>=22', npm: '>=10' } }));
  });

  it('merges an object both sides added, key by key', () => {
    const base = json({ name: 'server' });
    const working = json({ name: 'server', allowScripts: { esbuild: true } });
    const target = json({ name: 'server', allowScripts: { esbuild: true, 'better-sqlite3': true } });
    expect(merged(base, working, target)).toBe(json({ name: 'server', allowScripts: { esbuild: true, 'better-sqlite3': true } }));
  });

  it("writes the result with the user's four-space indentation", () => {
    const base = json({ name: 'server', version: '1.0.0', dependencies: { zod: '^3.23.0' } });
    const working = `${JSON.stringify({ name: 'server', version: '1.0.0', dependencies: { zod: '^3.23.0' } }, null, 4)}\n`;
    const target = json({ name: 'server', version: '1.0.0', dependencies: { zod: '^4.0.0' } });
    expect(merged(base, working, target)).toBe('{\n    "name": "server",\n    "version": "1.0.0",\n    "dependencies": {\n        "zod": "^4.0.0"\n    }\n}\n');
  });

  it("writes the result with the user's tab indentation", () => {
    const base = json({ name: 'server', version: '1.0.0', dependencies: { zod: '^3.23.0' } });
    const working = `${JSON.stringify({ name: 'server', version: '1.0.0', dependencies: { zod: '^3.23.0' } }, null, '\t')}\n`;
    const target = json({ name: 'server', version: '1.0.0', dependencies: { zod: '^4.0.0' } });
    expect(merged(base, working, target)).toBe('{\n\t"name": "server",\n\t"version": "1.0.0",\n\t"dependencies": {\n\t\t"zod": "^4.0.0"\n\t}\n}\n');
  });

  it("writes the result with the user's CRLF line endings", () => {
    const base = json({ name: 'server', version: '1.0.0' });
    const working = json({ name: 'server', version: '1.0.0' }).replace(/\n/g, '\r\n');
    const target = json({ name: 'server', version: '1.1.0' });
    expect(merged(base, working, target)).toBe('{\r\n  "name": "server",\r\n  "version": "1.1.0"\r\n}\r\n');
  });

  it('ends the result with a newline only where the user\'s file ends with one', () => {
    const base = json({ name: 'server', version: '1.0.0' });
    const target = json({ name: 'server', version: '1.1.0' });
    const expected = JSON.stringify({ name: 'server', version: '1.1.0' }, null, 2);
    expect(merged(base, json({ name: 'server', version: '1.0.0' }), target)).toBe(`${expected}\n`);
    expect(merged(base, JSON.stringify({ name: 'server', version: '1.0.0' }, null, 2), target)).toBe(expected);
  });

  it.each([
    ['base', ['{ "name": ', json({ name: 'server' }), json({ name: 'server' })]],
    ['working', [json({ name: 'server' }), '{ "name": "server", }', json({ name: 'server' })]],
    ['target', [json({ name: 'server' }), json({ name: 'server' }), '']],
  ] as const)('is not mergeable when the %s is not valid JSON', (_side, [base, working, target]) => {
    expect(mergePackageJson(base, working, target)).toEqual({ kind: 'not-mergeable' });
  });

  it('is not mergeable when a root is not an object', () => {
    expect(mergePackageJson(json({ name: 'server' }), '["server"]\n', json({ name: 'server' }))).toEqual({ kind: 'not-mergeable' });
  });

  it("keeps the user's order of unsorted top-level keys and puts a new top-level key after the key it follows in the template", () => {
    const base = json({ name: 'server', version: '1.0.0', type: 'module', scripts: {} });
    const working = json({ version: '1.0.0', name: 'server', scripts: {}, type: 'module' });
    const target = json({ name: 'server', version: '1.0.0', description: 'An MCP server', type: 'module', scripts: {} });
    expect(Object.keys(JSON.parse(merged(base, working, target)) as object)).toEqual(['version', 'description', 'name', 'scripts', 'type']);
  });

  it('keeps a key named __proto__ as an ordinary key', () => {
    const base = '{\n  "name": "server"\n}\n';
    const working = '{\n  "name": "server",\n  "__proto__": { "polluted": true }\n}\n';
    const target = '{\n  "name": "server",\n  "private": true\n}\n';
    const text = merged(base, working, target);
    expect(text).toBe('{\n  "name": "server",\n  "private": true,\n  "__proto__": {\n    "polluted": true\n  }\n}\n');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
