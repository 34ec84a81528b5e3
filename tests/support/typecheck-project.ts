import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { addCommand, defaultAddDependencies, type AddFlags } from '../../src/commands/add.js';
import { selectUnits } from '../../src/features/select.js';
import type { CapabilityKind } from '../../src/options/capability-name.js';
import type { ProjectOptions } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { REGISTRIES, REGISTRY_FILE } from '../../src/render/registry.js';
import { writeProject } from '../../src/render/write.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { captureStdout } from './memfs-project.js';
import { scriptedPrompter } from './scripted-prompter.js';
import { layerFiles } from './template-layers.js';

/** One of each kind of capability `add` makes, so every branch of the add templates is compiled. */
export const ADDED_CAPABILITIES: ReadonlyArray<{ kind: CapabilityKind; name: string; flags: AddFlags }> = [
  { kind: 'tool', name: 'lookup-order', flags: { description: 'Looks up one order.', scopes: ['orders:read', 'orders:write'], roles: ['support'] } },
  { kind: 'tool', name: 'read-upstream-item', flags: { description: 'Reads one item from the upstream.', upstreamCall: true } },
  { kind: 'resource', name: 'service-status', flags: { description: 'The status of the service.' } },
  { kind: 'resource', name: 'invoice-line', flags: { description: 'One line of an invoice.', uri: 'invoice://{invoice_id}/lines/{line}' } },
  { kind: 'prompt', name: 'greeting', flags: { description: 'Greets the caller.' } },
  { kind: 'prompt', name: 'summarize-invoice', flags: { description: 'Summarises an invoice.', args: ['invoice_id', 'tone?'] } },
];

const REGISTRY_WRITER = 'templates/base/files/scripts/registry.ts';

/**
 * Writes the project for `options` into `dir` as the CLI does, adds `ADDED_CAPABILITIES` through the
 * real `add` command, and links the shared node_modules in. Returns where each file comes from
 * (project path → template), so a compiler error can name the template to fix.
 */
export async function renderProjectForTypecheck(options: ProjectOptions, dir: string, nodeModules: string): Promise<Map<string, string>> {
  await writeProject(await planProject({ options, generatorVersion: GENERATOR_VERSION }), dir);
  const origins = new Map([...layerFiles(selectUnits(options).layers)].map(([path, template]) => [path, `templates/${template}`]));
  for (const { dir: registryDir } of Object.values(REGISTRIES)) origins.set(`${registryDir}/${REGISTRY_FILE}`, REGISTRY_WRITER);
  const stdout = captureStdout();
  try {
    for (const { kind, name, flags } of ADDED_CAPABILITIES) {
      // The CLI's own dependencies (node:fs, the templates in templates/add), minus the terminal.
      const plan = await addCommand(kind, name, flags, { ...defaultAddDependencies(), cwd: dir, interactive: false, prompter: scriptedPrompter({}) });
      for (const { path } of plan.changes) {
        const template = `templates/add/${kind}${path.endsWith('.test.ts') ? '.test' : ''}.ts.hbs`;
        origins.set(path, path.endsWith(`/${REGISTRY_FILE}`) ? REGISTRY_WRITER : template);
      }
    }
  } finally {
    stdout.restore();
  }
  await symlink(nodeModules, join(dir, 'node_modules'), 'junction');
  return origins;
}

export interface TypecheckResult {
  exitCode: number;
  /** One entry per compiler error, the template it was rendered from named after its position. */
  errors: string[];
  output: string;
}

/**
 * Kept inside the project: the compiler records paths relative to this file, so the record of one
 * run still matches the next run's project, written to another temporary folder at the same depth.
 */
const BUILD_INFO = '.typecheck.tsbuildinfo';

/**
 * Runs the project's own `typecheck` script (its TypeScript, its tsconfig.json) without a package
 * manager around it. Incremental: the compiler's record of the previous run of the same project
 * (`stateFile`) lets it re-check only what changed since, file contents decide.
 */
export async function typecheckProject(dir: string, origins: ReadonlyMap<string, string>, stateFile: string): Promise<TypecheckResult> {
  const script: string = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).scripts.typecheck;
  const [command, ...args] = script.split(/\s+/);
  if (command !== 'tsc') throw new Error(`Expected the typecheck script to run tsc, found "${script}"`);
  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  if (existsSync(stateFile)) await copyFile(stateFile, join(dir, BUILD_INFO));
  const incremental = ['--incremental', '--tsBuildInfoFile', BUILD_INFO];
  const result = await promisify(execFile)(process.execPath, [tsc, ...args, ...incremental, '--pretty', 'false'], { cwd: dir, timeout: 5 * 60_000 }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, output: `${stdout}${stderr}` }),
    (error: { code?: number | string; stdout?: string; stderr?: string; message: string }) => ({
      exitCode: typeof error.code === 'number' ? error.code : 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}` || error.message,
    }),
  );
  if (existsSync(join(dir, BUILD_INFO))) {
    await mkdir(dirname(stateFile), { recursive: true });
    await copyFile(join(dir, BUILD_INFO), `${stateFile}.${process.pid}`);
    await rename(`${stateFile}.${process.pid}`, stateFile);
  }
  return { ...result, errors: compilerErrors(result.output, origins) };
}

/** `src/http/guards.ts(3,7): error TS2322: …` (continuation lines indented) → one entry each, with its template. */
function compilerErrors(output: string, origins: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && errors.length > 0) {
      errors[errors.length - 1] += `\n${line}`;
      continue;
    }
    const position = /^(.+?)(\(\d+,\d+\)): /.exec(line);
    const origin = position ? origins.get(position[1]!) : undefined;
    errors.push(origin && position ? `${position[1]}${position[2]} [from ${origin}]${line.slice(position[0].length - 2)}` : line);
  }
  return errors;
}
