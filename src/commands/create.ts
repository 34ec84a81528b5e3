import { resolve } from 'node:path';
import { CliError, EXIT_CANCELLED, EXIT_OUTPUT_CLOSED } from '../errors.js';
import { selectUnits } from '../features/select.js';
import { isOnPath } from '../options/executable.js';
import { detectPackageManager, PACKAGE_MANAGER_COMMANDS, unsupportedLauncher } from '../options/package-manager.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../options/schema.js';
import { clackPrompter } from '../prompts/clack.js';
import type { Prompter } from '../prompts/prompter.js';
import { resolveCreate, type CreateFlags } from '../prompts/resolve.js';
import { planProject } from '../render/plan.js';
import { displayPath, targetProblem, writeProject } from '../render/write.js';
import { out } from '../ui/output.js';
import { note, warn } from '../ui/status.js';
import { isInteractive } from '../ui/terminal.js';
import { GENERATOR_VERSION } from '../version.js';
import { nextSteps } from './next-steps.js';
import { GIT_FINISH, initialiseGit, installDependencies, type StepResult } from './post-create.js';
import { listenForStop, type StopReason } from './stop-request.js';

export interface CreateCommandFlags extends CreateFlags {
  dryRun?: boolean | undefined;
}

export interface CreateDependencies {
  interactive: boolean;
  prompter: Prompter;
  userAgent: string | undefined;
  /** Whether a package manager's command can be run here. */
  isInstalled: (packageManager: PackageManager) => boolean;
}

export const defaultCreateDependencies = (): CreateDependencies => ({
  interactive: isInteractive(),
  prompter: clackPrompter,
  userAgent: process.env['npm_config_user_agent'],
  isInstalled: (packageManager) => isOnPath(packageManager),
});

/** `create-enterprise-mcp [directory]`: resolve options, render in memory, write atomically, then set up. */
export async function createCommand(flags: CreateCommandFlags, deps: CreateDependencies = defaultCreateDependencies()): Promise<void> {
  if (deps.interactive && !flags.yes) (await import('@clack/prompts')).intro('create-enterprise-mcp');
  const launcher = unsupportedLauncher(deps.userAgent);
  if (launcher !== undefined && flags.packageManager === undefined) {
    await warn(`${launcher} launched this, but generated projects support ${PACKAGE_MANAGERS.join(' and ')} only: using npm (choose with --package-manager).`);
  }
  const { directory, options, run } = await resolveCreate(flags, {
    interactive: deps.interactive,
    prompter: deps.prompter,
    detectedPackageManager: detectPackageManager(deps.userAgent),
    targetProblem: (dir) => targetProblem(resolve(dir)),
    isInstalled: deps.isInstalled,
  });
  const target = resolve(directory);
  const shown = displayPath(target);

  const selection = selectUnits(options);
  const tree = await planProject({ options, selection, generatorVersion: GENERATOR_VERSION });
  for (const path of tree.keys()) out.action('CREATE', `${shown}/${path}`);

  if (flags.dryRun) {
    out.line();
    out.line(`Dry run: ${tree.size} files planned for ${shown}; nothing was written.`);
    return;
  }

  const stop = listenForStop();
  try {
    const before = await stop.reason();
    if (before !== undefined) throw stoppedBeforeWriting(before);
    await writeProject(tree, target);
    out.line();
    out.line(`Created ${options.projectName} in ${shown} (${tree.size} files).`);

    const commands = PACKAGE_MANAGER_COMMANDS[options.packageManager];
    const steps: SetupStep[] = [
      ...(run.install ? [{ kind: 'install', what: 'dependencies are not installed', finish: commands.install, run: () => installDependencies(target, options.packageManager, shown, stop.signal) } as const] : []),
      ...(run.git ? [{ kind: 'git', what: 'git is not initialised', finish: GIT_FINISH, run: () => gitStep(target, stop.signal) } as const] : []),
    ];
    const warnings: string[] = [];
    let installed = false;
    for (const [index, step] of steps.entries()) {
      const reason = await stop.reason();
      if (reason !== undefined) throw stoppedAfterWriting(reason, shown, steps.slice(index));
      const result = await step.run();
      if ((await stop.reason()) === 'interrupted') throw stoppedAfterWriting('interrupted', shown, steps.slice(index));
      if (result.ok && step.kind === 'install') installed = true;
      if (!result.ok) warnings.push(`${capitalise(step.what)}:\n${result.reason}\nRetry with: ${result.retry}`);
    }
    for (const warning of warnings) await warn(warning);

    await note(nextSteps({ options, selection, shownDir: shown, installed, packageManagerFound: deps.isInstalled(options.packageManager) }).join('\n'), 'Next steps');
    if (warnings.length > 0) process.exitCode = 1;
  } finally {
    stop.dispose();
  }
}

/** One step after writing; `finish` is what the user runs instead when the step does not happen. */
interface SetupStep {
  kind: 'install' | 'git';
  /** What is missing from the project when the step did not run. */
  what: string;
  finish: string;
  run: () => Promise<StepResult>;
}

async function gitStep(target: string, signal: AbortSignal): Promise<StepResult> {
  const git = await initialiseGit(target, signal);
  if (git.ok !== 'skipped') return git;
  out.line(out.dim(`Skipped git init: ${git.reason}.`));
  return { ok: true };
}

/** How each reason to stop early is told, and the exit code it ends with. */
const STOPPED = {
  interrupted: { why: 'Interrupted', exitCode: EXIT_CANCELLED },
  'output-closed': { why: 'Stopped: stdout was closed', exitCode: EXIT_OUTPUT_CLOSED },
} as const satisfies Record<StopReason, { why: string; exitCode: number }>;

function stoppedBeforeWriting(reason: StopReason): CliError {
  const { why, exitCode } = STOPPED[reason];
  return new CliError(`${why} before the project was written. Nothing was written.`, { exitCode });
}

/** The project stays; the message lists what did not happen and the commands that do it. */
function stoppedAfterWriting(reason: StopReason, shown: string, remaining: readonly SetupStep[]): CliError {
  const { why, exitCode } = STOPPED[reason];
  return new CliError(`${why}. The project is in ${shown}, but ${remaining.map((step) => step.what).join(' and ')}.`, {
    hint: ['To finish:', `  cd ${shown}`, ...remaining.map((step) => `  ${step.finish}`)].join('\n'),
    exitCode,
  });
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
