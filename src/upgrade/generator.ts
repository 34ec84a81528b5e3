import { existsSync, readFileSync, promises as fsPromises } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { createFlagsFor } from '../options/flags.js';
import type { ChosenValues } from '../options/schema.js';
import { listFiles, sortTree, type FileTree } from '../render/render.js';

/** The package every generator version is published as. */
const PACKAGE_NAME = 'create-enterprise-mcp';
const BIN = join('bin', `${PACKAGE_NAME}.js`);

/** An installed create-enterprise-mcp of some version, able to render a project from its own templates. */
export interface Generator {
  version: string;
  /** Its command-line entry point. */
  bin: string;
  /** It and where it came from (a folder, or the registry), for messages. */
  origin: string;
}

/**
 * The generator in a local checkout of this repository (`--from-dir`). Its templates are used as
 * they are there, so it must be built (its `npm ci` builds it).
 */
export function checkoutGenerator(dir: string): Generator {
  const root = resolve(dir);
  const manifest = readManifest(join(root, 'package.json'));
  if (manifest?.name !== PACKAGE_NAME) {
    throw new CliError(`${root} is not a checkout of ${PACKAGE_NAME} (no package.json naming it).`, {
      hint: 'Pass --from-dir the folder of the create-enterprise-mcp checkout whose build made the project.',
    });
  }
  if (!existsSync(join(root, 'dist')) || !existsSync(join(root, 'node_modules'))) {
    throw new CliError(`The checkout in ${root} is not built.`, { hint: `Build it first: cd ${root} && npm ci` });
  }
  return { version: manifest.version, bin: join(root, BIN), origin: `${PACKAGE_NAME} ${manifest.version} in ${root}` };
}

/**
 * Exactly `version` of this package, from the registry the user's npm is configured with, kept in
 * the user's cache so later upgrades render offline. A version the registry does not have was an
 * unreleased build: the message says to render from its checkout instead.
 */
export async function publishedGenerator(version: string): Promise<Generator> {
  const home = join(cacheRoot(), 'generators', version);
  const installed = join(home, 'node_modules', PACKAGE_NAME);
  if (readManifest(join(installed, 'package.json'))?.version !== version) {
    await mkdir(home, { recursive: true });
    await writeFile(join(home, 'package.json'), `${JSON.stringify({ private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2)}\n`);
    const { execa } = await import('execa');
    const install = await execa('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: home, all: true, reject: false });
    if (install.failed) {
      await rm(home, { recursive: true, force: true });
      throw fetchFailure(version, install.all ?? '');
    }
  }
  return { version, bin: join(installed, BIN), origin: `${PACKAGE_NAME} ${version} from the npm registry` };
}

function fetchFailure(version: string, output: string): CliError {
  const hint = `Render the base from a checkout of the generator that made the project instead:\n  git clone <create-enterprise-mcp repository> && cd create-enterprise-mcp && git checkout <its commit> && npm ci\n  create-enterprise-mcp upgrade --from-dir <that folder>`;
  if (/\bE404\b|\bETARGET\b|No matching version/.test(output)) {
    return new CliError(`${PACKAGE_NAME} ${version}, which made this project, is not on the npm registry: the project was made by an unreleased build. Nothing was written.`, { hint });
  }
  const detail = output.trim().split('\n').slice(-5).join('\n');
  return new CliError(`Could not fetch ${PACKAGE_NAME} ${version}, which made this project, to render it as it was made. Nothing was written.\n${detail}`, { hint });
}

/** The user's cache folder for this tool (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
function cacheRoot(): string {
  const env = process.env;
  if (process.platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), PACKAGE_NAME, 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', PACKAGE_NAME);
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), PACKAGE_NAME);
}

function readManifest(path: string): { name?: string; version: string } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version: string };
  } catch {
    return undefined;
  }
}

/**
 * What `generator` writes for `options`: it runs as a user would run it (its own command line, no
 * install, no git) into a temporary folder, whose files are read back and the folder removed.
 */
export async function renderWithGenerator(generator: Generator, options: ChosenValues): Promise<FileTree> {
  const scratch = await mkdtemp(join(tmpdir(), 'cem-upgrade-'));
  try {
    const target = join(scratch, 'project');
    const { execa } = await import('execa');
    const run = await execa(process.execPath, [generator.bin, target, ...createFlagsFor(options), '--yes', '--no-install', '--no-git'], {
      cwd: scratch,
      all: true,
      reject: false,
      stdin: 'ignore',
      env: { CI: '1', NO_COLOR: '1' },
    });
    if (run.failed) {
      throw new CliError(`${PACKAGE_NAME} ${generator.version} (${generator.origin}) could not render the project with its recorded options. Nothing was written.\n${(run.all ?? '').trim()}`);
    }
    return await readTree(target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Every file below `root`, by posix path. */
async function readTree(root: string): Promise<FileTree> {
  const tree: FileTree = new Map();
  for (const path of await listFiles(fsPromises, root)) tree.set(path, await readFile(join(root, path)));
  return sortTree(tree);
}
