import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, moduleSpecifiers } from './import-graph.js';

const tree = (files: Record<string, string>) => new Map(Object.entries(files).map(([path, source]) => [path, Buffer.from(source)]));

describe('module specifiers', () => {
  it('include type-only imports and re-exports, spread over several lines or not', () => {
    const source = [
      "import type { Config } from './config.js';",
      'import {',
      '  defineTool,',
      '  type ToolContext,',
      "} from './define-tool.js';",
      "export * from './errors.js';",
      "export type { Logger } from './logger.js';",
      "import './side-effect.js';",
    ].join('\n');
    expect(moduleSpecifiers(source)).toEqual(['./config.js', './define-tool.js', './errors.js', './logger.js', './side-effect.js']);
  });

  it('include modules loaded at run time or named in a type with import()', () => {
    const source = "const main = await import('./main.js');\ntype Server = typeof import('./server.js');";
    expect(moduleSpecifiers(source)).toEqual(['./main.js', './server.js']);
  });

  it('leave out a commented-out import', () => {
    expect(moduleSpecifiers("// import { old } from './old.js';\nimport { z } from 'zod';")).toEqual(['zod']);
  });
});

describe('the import graph of a tree', () => {
  it('resolves a .js specifier to the .ts file it is compiled from, a folder index included', () => {
    const graph = importGraph(
      tree({
        'src/main.ts': "import { tools } from './tools/index.js';\nimport { loadConfig } from './load-config.js';",
        'src/load-config.ts': '',
        'src/tools/index.ts': "import type { Config } from '../load-config.js';",
      }),
    );
    expect(Object.fromEntries(graph)).toEqual({
      'src/load-config.ts': [],
      'src/main.ts': ['src/load-config.ts', 'src/tools/index.ts'],
      'src/tools/index.ts': ['src/load-config.ts'],
    });
  });

  it('has no edge for packages or for files that are not TypeScript sources of the tree', () => {
    const graph = importGraph(
      tree({ 'src/main.ts': "import { z } from 'zod';\nimport pkg from '../package.json' with { type: 'json' };\nimport './gone.js';", 'package.json': '{}' }),
    );
    expect(graph.get('src/main.ts')).toEqual([]);
  });
});

describe('import cycles', () => {
  it('are reported as the chain of modules leading back to the first', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('include a module importing itself', () => {
    expect(importCycles(new Map([['a.ts', ['a.ts']]]))).toEqual([['a.ts', 'a.ts']]);
  });

  it('are absent where two paths meet without leading back', () => {
    const graph = new Map([
      ['main.ts', ['config.ts', 'server.ts']],
      ['server.ts', ['config.ts']],
      ['config.ts', []],
    ]);
    expect(importCycles(graph)).toEqual([]);
  });
});
