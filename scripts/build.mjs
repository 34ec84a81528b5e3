// Bundles the CLI and its dependencies into dist/, so `npx create-enterprise-mcp` installs one
// package and starts without resolving hundreds of modules. Code behind a dynamic import (the
// command line's parser and catalog, each command, the template compiler, process spawning, the
// prompts) lands in chunks of its own and loads only when that path runs: `--version` reads the
// entry and no more.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const TEMPLATES = 'templates';
const OUT = 'dist';

/** The options src/render/engine.ts compiles with (COMPILE_OPTIONS); a precompiled template must match. */
const COMPILE_OPTIONS = { noEscape: true, strict: true };

/**
 * Fills src/render/precompiled-templates.ts with every template under templates/, compiled now, so
 * the published CLI runs them on the Handlebars runtime and never loads the compiler.
 */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled-templates\.ts$/ }, async () => {
      const sources = await Promise.all((await templateFiles(TEMPLATES)).map((file) => readFile(file, 'utf8')));
      const entries = sources.map((source) => `  [${JSON.stringify(source)}, ${Handlebars.precompile(source, COMPILE_OPTIONS)}],`);
      return { contents: `export const PRECOMPILED_TEMPLATES = new Map([\n${entries.join('\n')}\n]);\n`, loader: 'js' };
    });
  },
};

async function templateFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.hbs')).map((entry) => join(entry.parentPath, entry.name)).sort();
}

await rm(OUT, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: ['src/main.ts'],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  // Bundled CommonJS packages (commander, handlebars) call require() for Node's own modules.
  banner: { js: "import { createRequire as __cemCreateRequire } from 'node:module';\nconst require = __cemCreateRequire(import.meta.url);" },
  // Licence comments in the bundled code stay in the bundle.
  legalComments: 'eof',
  minifySyntax: true,
  sourcemap: true,
  metafile: true,
  plugins: [precompiledTemplates],
  logLevel: 'warning',
});
await writeFile(join(OUT, 'THIRD-PARTY-LICENSES.md'), await licences(metafile));

/** The licence of every package bundled into dist/, as each package ships it: it ships with their code. */
async function licences({ inputs }) {
  const packages = new Set();
  for (const input of Object.keys(inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const sections = [];
  for (const dir of [...packages].sort()) {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const files = await readdir(dir);
    const licence = files.filter((name) => /^(licen[cs]e|copying)/i.test(name));
    if (licence.length === 0) throw new Error(`${pkg.name} is bundled into ${OUT}/ but ships no licence file to keep with it.`);
    // An Apache-2.0 NOTICE file travels with the code as the licence does.
    const texts = await Promise.all([...licence, ...files.filter((name) => /^notice/i.test(name))].map(async (name) => (await readFile(join(dir, name), 'utf8')).trim()));
    sections.push(`## ${pkg.name}@${pkg.version} (${pkg.license})\n\n${texts.join('\n\n')}\n`);
  }
  return `# Third-party licences\n\nThe files in this folder include the following packages, under their own licences.\n\n${sections.join('\n')}`;
}
