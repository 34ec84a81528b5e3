import * as clack from '@clack/prompts';
import { resolve } from 'node:path';
import { isOnPath } from '../options/executable.js';
import { detectPackageManager, PACKAGE_MANAGER_COMMANDS, unsupportedLauncher } from '../options/package-manager.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../options/schema.js';
import { clackPrompter } from '../prompts/clack.js';
import type { Prompter } from '../prompts/prompter.js';
import { resolveCreate, type CreateFlags } from '../prompts/resolve.js';
import { planProject } from '../render/plan.js';
import { displayPath, targetProblem, writeProject } from '../render/write.js';
import { out } from '../ui/output.js';
import { warn } from '../ui/status.js';
import { isInteractive } from '../ui/terminal.js';
import { GENERATOR_VERSION } from '../version.js';
import { initialiseGit, installDependencies } from './post-create.js';

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
  if (deps.interactive && !flags.yes) clack.intro('create-enterprise-mcp');
  const launcher = unsupportedLauncher(deps.userAgent);
  if (launcher !== undefined && flags.packageManager === undefined) {
    warn(`${launcher} launched this, but generated projects support ${PACKAGE_MANAGERS.join(' and ')} only: using npm (choose with --package-manager).`);
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

  const tree = await planProject({ options, generatorVersion: GENERATOR_VERSION });
  for (const path of tree.keys()) out.action('CREATE', `${shown}/${path}`);

  if (flags.dryRun) {
    out.line();
    out.line(`Dry run: ${tree.size} files planned for ${shown}; nothing was written.`);
    return;
  }

  await writeProject(tree, target);
  out.line();
  out.line(`Created ${options.projectName} in ${shown} (${tree.size} files).`);

  const commands = PACKAGE_MANAGER_COMMANDS[options.packageManager];
  const warnings: string[] = [];
  if (run.install) {
    const installed = await installDependencies(target, options.packageManager, shown);
    if (!installed.ok) warnings.push(`Installing dependencies failed:\n${installed.reason}\nRetry with: ${installed.retry}`);
  }
  if (run.git) {
    const git = await initialiseGit(target);
    if (git.ok === 'skipped') out.line(out.dim(`Skipped git init: ${git.reason}.`));
    else if (!git.ok) warnings.push(`git init failed:\n${git.reason}\nRetry with: ${git.retry}`);
  }
  for (const warning of warnings) clack.log.warn(warning);

  const steps = [
    `cd ${shown}`,
    ...(run.install && warnings.length === 0 ? [] : [commands.install]),
    `${commands.run} dev          # Streamable HTTP on http://127.0.0.1:3000/mcp`,
    `${commands.run} test`,
    `${commands.run} build && node dist/main.js --stdio  # what stdio clients launch`,
  ];
  clack.note(steps.join('\n'), 'Next steps');
  if (warnings.length > 0) process.exitCode = 1;
}
