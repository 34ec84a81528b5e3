import { HOW_TO_INSTALL } from '../options/package-manager.js';
import type { PackageManager } from '../options/schema.js';
import { progress } from '../ui/status.js';

type Execa = typeof import('execa').execa;

/** Loaded when a step runs: a scaffold with `--no-install --no-git` never spawns a process. */
async function loadExeca(): Promise<Execa> {
  return (await import('execa')).execa;
}

export type StepResult = { ok: true } | { ok: false; reason: string; retry: string };

/** The commands that do by hand what `git init` with its first commit below does. */
export const GIT_FINISH = 'git init --initial-branch=main && git add -A && git commit -m "Initial commit from create-enterprise-mcp"';

/**
 * Installs dependencies with the chosen package manager; a failure keeps the project and says how
 * to retry. `signal` stops the install (Ctrl-C): the project stays, the install is left to redo.
 */
export async function installDependencies(cwd: string, packageManager: PackageManager, shownDir: string, signal?: AbortSignal): Promise<StepResult> {
  const step = await progress(`Installing dependencies with ${packageManager}`);
  try {
    const execa = await loadExeca();
    await execa(packageManager, ['install'], { cwd, all: true, ...(signal ? { cancelSignal: signal } : {}) });
    step.done('Dependencies installed');
    return { ok: true };
  } catch (error) {
    step.failed((error as { isCanceled?: boolean }).isCanceled ? 'Dependency install interrupted' : 'Dependency install failed');
    return { ok: false, reason: failureReason(error, packageManager), retry: `cd ${shownDir} && ${packageManager} install` };
  }
}

/**
 * `git init` and a first commit, so the user's first change shows as a diff. Skipped when git is
 * missing or the project already sits inside a work tree (a monorepo), where a nested repo would
 * surprise.
 */
export async function initialiseGit(cwd: string, signal?: AbortSignal): Promise<StepResult | { ok: 'skipped'; reason: string }> {
  const execa = await loadExeca();
  const stoppable = signal ? { cancelSignal: signal } : {};
  const git = (args: string[]) => execa('git', args, { cwd, all: true, ...stoppable });
  try {
    await git(['--version']);
  } catch {
    return { ok: 'skipped', reason: 'git is not installed' };
  }
  const inside = await git(['rev-parse', '--is-inside-work-tree']).then(
    (result) => result.stdout.trim() === 'true',
    () => false,
  );
  if (inside) return { ok: 'skipped', reason: 'the directory is already inside a git repository' };
  try {
    await git(['init', '--quiet', '--initial-branch=main']);
    await git(['add', '--all']);
    await execa('git', ['commit', '--quiet', '--no-verify', '-m', 'Initial commit from create-enterprise-mcp'], {
      cwd,
      all: true,
      ...stoppable,
      // A machine without a git identity still gets its first commit; the user's own config wins when set.
      env: await identityFallback(execa, cwd),
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: failureReason(error, 'git'), retry: `cd ${cwd} && ${GIT_FINISH}` };
  }
}

async function identityFallback(execa: Execa, cwd: string): Promise<Record<string, string>> {
  const configured = await execa('git', ['config', 'user.email'], { cwd }).then(
    (result) => result.stdout.trim() !== '',
    () => false,
  );
  if (configured) return {};
  return {
    GIT_AUTHOR_NAME: 'create-enterprise-mcp',
    GIT_AUTHOR_EMAIL: 'create-enterprise-mcp@localhost',
    GIT_COMMITTER_NAME: 'create-enterprise-mcp',
    GIT_COMMITTER_EMAIL: 'create-enterprise-mcp@localhost',
  };
}

/** The last lines the tool printed; a command that could not even start is named, not `spawn … ENOENT`. */
function failureReason(error: unknown, command: string): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    const howTo = command in HOW_TO_INSTALL ? `: ${HOW_TO_INSTALL[command as PackageManager]}` : '';
    return `${command} is not installed here (no ${command} command on PATH)${howTo}`;
  }
  const output = (error as { all?: string }).all?.trim();
  const lastLines = output ? output.split('\n').slice(-8).join('\n') : undefined;
  return lastLines ?? (error instanceof Error ? error.message : String(error));
}
