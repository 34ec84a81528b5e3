import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { VERSIONS } from '../../src/features/versions.js';

/** Git-ignored; one folder per versions table, so a version bump installs afresh. */
export const DEFAULT_CACHE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'template-dependencies');

export interface TemplateDependencyOptions {
  cacheRoot?: string;
  /** Package → exact version; every package any unit can choose (src/features/versions.ts). */
  versions?: Readonly<Record<string, string>>;
  /** Extra environment for npm (tests point it at another registry or cache). */
  env?: NodeJS.ProcessEnv;
}

export interface TemplateDependencies {
  /** Every package any generated project can depend on, at the versions of the table. */
  nodeModules: string;
  /** Where type-checks keep what they learnt between runs; dropped with the packages on a version bump. */
  typecheckState: string;
}

/**
 * One node_modules holding every package a generated project can depend on, for type-checking
 * rendered projects without an install per project. Installed with npm from its cache (the
 * registry when the cache lacks something) on first use and kept until the versions table changes.
 */
export async function templateDependencies({
  cacheRoot = DEFAULT_CACHE_ROOT,
  versions = VERSIONS,
  env = {},
}: TemplateDependencyOptions = {}): Promise<TemplateDependencies> {
  const key = versionsKey(versions);
  const installed = join(cacheRoot, key);
  const found = { nodeModules: join(installed, 'node_modules'), typecheckState: join(installed, 'typecheck-state') };
  if (existsSync(found.nodeModules)) return found;

  await mkdir(cacheRoot, { recursive: true });
  // npm installs into a private folder that is renamed into place once complete: an interrupted
  // or failed install never leaves a folder a later run would take for a finished one.
  const partial = await mkdtemp(join(cacheRoot, `${key}.partial-`));
  try {
    await writeFile(join(partial, 'package.json'), `${JSON.stringify({ name: 'template-dependencies', private: true, dependencies: versions }, null, 2)}\n`);
    await npmInstall(partial, installed, versions, env);
    await rename(partial, installed).catch((error: unknown) => {
      // Another run installed the same table meanwhile: use theirs.
      if (!existsSync(found.nodeModules)) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  await removeOtherVersions(cacheRoot, key);
  return found;
}

export function versionsKey(versions: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(JSON.stringify(Object.entries(versions).sort())).digest('hex').slice(0, 16);
}

// Type-checking runs no package code, so install scripts (esbuild fetching its binary) are skipped.
const NPM_ARGS = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'];

async function npmInstall(dir: string, target: string, versions: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await promisify(execFile)('npm', NPM_ARGS, {
      cwd: dir,
      env: { ...process.env, ...env },
      // Windows runs npm through its .cmd shim, which needs a shell.
      shell: process.platform === 'win32',
      timeout: 9 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(explainInstallFailure(target, versions, error as ExecError), { cause: error });
  }
}

interface ExecError extends Error {
  code?: string | number;
  killed?: boolean;
  stdout?: string;
  stderr?: string;
}

/** What went wrong and what to do about it, in the words of the person running the tests. */
export function explainInstallFailure(target: string, versions: Readonly<Record<string, string>>, error: ExecError): string {
  const count = Object.keys(versions).length;
  const intro = `Could not install the ${count} package${count === 1 ? '' : 's'} rendered projects are type-checked against into ${target} (npm ${NPM_ARGS.join(' ')}).`;
  if (error.code === 'ENOENT') return `${intro}\nnpm is not on the PATH of this test run; install Node.js with npm, or put npm on the PATH.`;
  if (error.killed) return `${intro}\nnpm did not finish within 9 minutes and was stopped. Check the network and the npm registry setting (npm config get registry).`;
  const output = `${error.stderr ?? ''}\n${error.stdout ?? ''}`;
  const npmCode = /npm error code (\S+)/.exec(output)?.[1] ?? '';
  // npm's own words without its stack trace; the debug log it names has the rest.
  const said = output
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^npm error\s+at /.test(line))
    .slice(0, 15)
    .join('\n');
  return `${intro}\n${adviceFor(npmCode)}\n\nnpm said:\n${said}`;
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ENOTCACHED', 'ERR_SOCKET_TIMEOUT']);
const TLS_ERRORS = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED']);

function adviceFor(npmCode: string): string {
  if (NETWORK_ERRORS.has(npmCode)) {
    return (
      `The npm registry could not be reached (${npmCode}) and the npm cache does not hold every package yet. ` +
      'Is this machine offline? Run the tests once with network access (the packages are cached from then on), ' +
      'or point npm at a registry it can reach (npm config set registry <url>).'
    );
  }
  if (TLS_ERRORS.has(npmCode)) {
    return `npm does not trust the registry's TLS certificate (${npmCode}), as behind an intercepting proxy: set npm's cafile to the proxy's CA (npm config set cafile <file>).`;
  }
  if (npmCode === 'E404' || npmCode === 'ETARGET' || npmCode === 'ENOVERSIONS') {
    return `The registry does not have a package or version named in src/features/versions.ts (${npmCode}); generated projects would fail to install the same way.`;
  }
  if (npmCode === 'ENOSPC') return 'The disk is full.';
  return npmCode === '' ? 'npm failed without an error code; its output follows.' : `npm failed with ${npmCode}.`;
}

/** Folders of earlier versions tables are dead weight once the table has changed. */
async function removeOtherVersions(cacheRoot: string, key: string): Promise<void> {
  for (const entry of await readdir(cacheRoot)) {
    if (!entry.startsWith(key)) await rm(join(cacheRoot, entry), { recursive: true, force: true });
  }
}
