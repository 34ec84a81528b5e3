import { posix } from 'node:path';
import type { FileTree } from '../../src/render/render.js';

/**
 * Every module specifier a TypeScript source names: `import … from`, `import type … from`,
 * `export … from`, a bare `import 'x'`, and `import('x')` whether loaded at run time or named in a
 * type. Statements count only at the start of a line, so a commented-out import is not one.
 */
export function moduleSpecifiers(source: string): string[] {
  const statements = [
    /^\s*(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import … from 'x', export … from 'x'
    /^\s*import\s*['"]([^'"]+)['"]/gm, // import 'x'
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('x'), typeof import('x')
  ];
  return [...new Set(statements.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!)))];
}

/** A project's TypeScript modules, each with the modules of the same tree it imports, sorted. */
export type ImportGraph = Map<string, string[]>;

/**
 * The imports between the TypeScript files of a rendered tree. A relative specifier is resolved the
 * way Node resolves the compiled output: `./x.js` is `x.ts` beside the importer, `./dir/index.js`
 * is `dir/index.ts`. Imports of packages, and of files that are not TypeScript sources of the tree
 * (`../package.json`), are not edges.
 */
export function importGraph(tree: FileTree): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const [path, content] of tree) {
    if (!path.endsWith('.ts')) continue;
    const imported = specifiersOf(content)
      .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'))
      .map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, '.ts'))
      .filter((target) => target.endsWith('.ts') && tree.has(target));
    graph.set(path, [...new Set(imported)].sort());
  }
  return graph;
}

/**
 * The import cycles of a graph, each as the chain of modules that leads back to its first one
 * (`a.ts → b.ts → a.ts`): one chain for each import that closes a loop in a depth-first walk
 * from every module in path order, so the list is empty exactly when the graph has no cycle.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const finished = new Set<string>();
  const chain: string[] = [];
  const onChain = new Set<string>();

  const visit = (module: string) => {
    chain.push(module);
    onChain.add(module);
    for (const imported of graph.get(module) ?? []) {
      if (onChain.has(imported)) cycles.push([...chain.slice(chain.indexOf(imported)), imported]);
      else if (!finished.has(imported)) visit(imported);
    }
    chain.pop();
    onChain.delete(module);
    finished.add(module);
  };

  for (const module of [...graph.keys()].sort()) if (!finished.has(module)) visit(module);
  return cycles;
}

// Combinations share the bytes of every file copied from the same template, so most sources are read once.
const specifiersByContent = new WeakMap<Buffer, string[]>();

function specifiersOf(content: Buffer): string[] {
  let specifiers = specifiersByContent.get(content);
  if (specifiers === undefined) specifiersByContent.set(content, (specifiers = moduleSpecifiers(content.toString('utf8'))));
  return specifiers;
}
