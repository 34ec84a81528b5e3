import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import type { PackageManager } from '../../src/options/schema.js';
import { CLI_NODE, nodeBinary, projectEnvironment, type ProjectNodeMajor } from './toolchain.js';

/** The built CLI, run as a user runs it. */
export const BIN = resolve('bin/create-enterprise-mcp.js');

/** Output without colours or spinners, as in CI. */
export const QUIET = { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

/** How a command ended: it never throws, so a test can show the whole output of a failure. */
export interface CommandResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved. */
  all: string;
}

async function command(file: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<CommandResult> {
  const { exitCode, stdout, stderr, all } = await execa(file, args, { ...options, extendEnv: false, stdin: 'ignore', all: true, reject: false });
  return { exitCode, stdout, stderr, all };
}

/** A project the CLI generated outside this repository and installed. */
export interface GeneratedProject {
  dir: string;
  packageManager: PackageManager;
  /** The project's Node binary. */
  node: string;
  /** The whole environment of the project's commands: its Node release and pnpm on PATH (see `projectEnvironment`). */
  env: Record<string, string>;
  /**
   * The settings that reach the project's store service (`setup.env`): what a user writes into an MCP
   * host's `env` block, since hosts start a stdio server with a bare environment, not their own.
   */
  serviceEnv: Record<string, string>;
  /** Runs a package.json script with the project's package manager; resolves even when it fails. */
  run(script: string, ...args: string[]): Promise<CommandResult>;
  /** Runs a command the way the project's scripts see it (`npm exec`, `pnpm exec`); resolves even when it fails. */
  exec(command: string, ...args: string[]): Promise<CommandResult>;
  /** Runs the CLI (on the suite's own Node) inside the project, e.g. `add tool …`; resolves even when it fails. */
  cli(...args: string[]): Promise<CommandResult>;
}

/**
 * Runs the CLI the way a user does (`create-enterprise-mcp demo <flags>`, on the Node running this
 * suite) in a fresh temporary folder. Its install step runs with the project's Node release first
 * on PATH, so the package manager, and every script after it, run on that release. `setup.env` adds
 * settings every command of the project gets (where its store's service is).
 */
export async function generateProject(
  flags: string[],
  setup: { packageManager: PackageManager; node: ProjectNodeMajor; env?: Record<string, string> },
): Promise<GeneratedProject> {
  const parent = await mkdtemp(join(tmpdir(), 'cem-e2e-'));
  const dir = join(parent, 'demo');
  const env = { ...projectEnvironment(setup.node), ...QUIET, ...setup.env };
  const created = await command(CLI_NODE, [BIN, 'demo', ...flags, '--package-manager', setup.packageManager, '--no-git'], { cwd: parent, env });
  if (created.exitCode !== 0) throw new Error(`create-enterprise-mcp demo ${flags.join(' ')} failed:\n${created.all}`);
  return {
    dir,
    packageManager: setup.packageManager,
    node: nodeBinary(setup.node),
    env,
    serviceEnv: { ...setup.env },
    run: (script, ...args) => command(setup.packageManager, ['run', script, ...args], { cwd: dir, env }),
    exec: (file, ...args) => command(setup.packageManager, ['exec', ...(setup.packageManager === 'npm' ? ['--'] : []), file, ...args], { cwd: dir, env }),
    cli: (...args) => command(CLI_NODE, [BIN, ...args], { cwd: dir, env }),
  };
}

/**
 * Deletes the generated project (some 130 MB with its dependencies) once the enclosing suite is done,
 * unless one of its tests failed: then it stays where the failure can be looked at, and says where.
 */
export function removeWhenPassed(project: () => GeneratedProject | undefined): void {
  let failed = false;
  beforeEach(({ onTestFailed }) => onTestFailed(() => void (failed = true)));
  afterAll(async () => {
    const dir = project()?.dir;
    if (dir === undefined) return;
    if (failed) console.info(`Kept the generated project of the failed tests: ${dir}`);
    else await rm(dirname(dir), { recursive: true, force: true });
  });
}
