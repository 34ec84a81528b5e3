import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * The tools the end-to-end suite runs generated projects with, installed from the registry into
 * tests/e2e/toolchain (see its package.json) by the suite's global setup: a machine needs only
 * Node and npm. The CLI itself keeps running on the Node that runs the tests (20.12 or newer, what
 * people `npx` it from); a generated project's scripts run on the Node release its case names.
 */
export const TOOLCHAIN_DIR = resolve('tests/e2e/toolchain');

const modules = join(TOOLCHAIN_DIR, 'node_modules');

/** The Node releases generated projects are run on. */
export const PROJECT_NODE_MAJORS = [24, 22] as const;
export type ProjectNodeMajor = (typeof PROJECT_NODE_MAJORS)[number];

/** The Node binary of `major`, shipped inside the registry's `node` package. */
export function nodeBinary(major: ProjectNodeMajor): string {
  return join(modules, `node-${major}`, 'bin', 'node');
}

/** The Node that runs the CLI: the one running this suite. */
export const CLI_NODE = process.execPath;

/** The MCP Inspector's command-line entry point (run with a project's Node: it needs 22 or newer). */
export const INSPECTOR_ENTRY = join(modules, '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');

/**
 * The whole environment of a generated project's commands, as a user's terminal would give them:
 * `node` is the chosen release and `pnpm` the toolchain's. The toolchain's own .bin comes after the
 * Node folder, as its `node` link points at whichever release npm linked last. Pass it with
 * `extendEnv: false`: what the runners of this suite add to their environment is left out.
 */
export function projectEnvironment(major: ProjectNodeMajor): Record<string, string> {
  return {
    ...userEnvironment(),
    PATH: [join(modules, `node-${major}`, 'bin'), join(modules, '.bin'), process.env.PATH ?? ''].join(delimiter),
    // Installs reuse the package cache instead of asking the registry about every package again.
    npm_config_prefer_offline: 'true',
  };
}

/** The environment of this suite without what `npm test` and vitest added to it. */
export function userEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !addedByTheSuiteRunners(entry[0])),
  );
}

/** Where to reach the registry: the only npm settings a project's commands take over from `npm test`. */
const REGISTRY_ACCESS = /^npm_config_(registry|cafile|ca|cache|userconfig|strict_ssl|(https_|no)?proxy)$/i;

/**
 * What `npm test` and vitest put in the environment of this suite: npm's settings and script
 * metadata (its global prefix would put the suite's own Node first on PATH in `npm exec`) and Vite's
 * mode variables (NODE_ENV=test among them).
 */
function addedByTheSuiteRunners(name: string): boolean {
  if (/^npm_/i.test(name)) return !REGISTRY_ACCESS.test(name);
  return /^VITEST/.test(name) || ['NODE', 'INIT_CWD', 'NODE_ENV', 'BASE_URL', 'DEV', 'MODE', 'PROD', 'SSR', 'TEST', 'COLOR', 'FORCE_TTY'].includes(name);
}

/** Every file a run needs from the toolchain; missing ones mean it has to be installed. */
export function missingToolchainFiles(): string[] {
  return [...PROJECT_NODE_MAJORS.map(nodeBinary), join(modules, '.bin', 'pnpm'), INSPECTOR_ENTRY].filter((file) => !existsSync(file));
}

/** Whether node_modules holds exactly the versions package-lock.json names. */
export function toolchainMatchesLockfile(): boolean {
  const installedLock = join(modules, '.package-lock.json');
  if (!existsSync(installedLock)) return false;
  const installed = lockedPackages(installedLock);
  // Optional packages for other platforms (native builds) are locked but never installed here.
  return Object.entries(lockedPackages(join(TOOLCHAIN_DIR, 'package-lock.json'))).every(
    ([path, entry]) => path === '' || installed[path]?.version === entry.version || (entry.optional === true && installed[path] === undefined),
  );
}

function lockedPackages(lockfile: string): Record<string, { version?: string; optional?: boolean }> {
  return (JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, { version?: string; optional?: boolean }> }).packages;
}

/** The pnpm release the toolchain installs. */
export function toolchainPnpmVersion(): string {
  return (JSON.parse(readFileSync(join(modules, 'pnpm', 'package.json'), 'utf8')) as { version: string }).version;
}
