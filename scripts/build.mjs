// Bundles the CLI into one ESM file so `npx create-enterprise-mcp` starts without resolving
// hundreds of modules; dependencies stay external and load lazily where the code imports them.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(pkg.dependencies ?? {}),
  sourcemap: true,
  logLevel: 'warning',
});
