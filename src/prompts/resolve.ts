import { basename, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { HOW_TO_INSTALL, PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import { checkProjectName, describeNameProblem } from '../options/project-name.js';
import { authStrategiesFor, combinationProblems, defaultAuthFor, deployTargetsFor } from '../options/rules.js';
import { CATALOG, unitOf } from '../features/catalog.js';
import type { OptionUnit } from '../features/unit.js';
import {
  DEPLOY_TARGETS,
  PACKAGE_MANAGERS,
  STORAGE_BACKENDS,
  UPSTREAMS,
  projectOptionsSchema,
  type AuthStrategy,
  type DeployTarget,
  type PackageManager,
  type ProjectOptions,
  type RunOptions,
  type StorageBackend,
  type Upstream,
} from '../options/schema.js';
import type { Choice, Prompter } from './prompter.js';
import { resolveUpstreamChoice, type UpstreamSettingFlags } from './upstream-settings.js';

/** What the command line said; anything undefined is asked for, defaulted, or reported missing. */
export interface CreateFlags extends UpstreamSettingFlags {
  directory?: string | undefined;
  name?: string | undefined;
  upstream?: Upstream | undefined;
  auth?: AuthStrategy | undefined;
  storage?: StorageBackend | undefined;
  deploy?: DeployTarget[] | undefined;
  packageManager?: PackageManager | undefined;
  install?: boolean | undefined;
  git?: boolean | undefined;
  yes?: boolean | undefined;
}

export interface ResolveEnvironment {
  /** A person is at a terminal to answer prompts. */
  interactive: boolean;
  prompter: Prompter;
  detectedPackageManager: PackageManager;
  /** Why a directory cannot take the project (it exists and is not empty), or undefined. */
  targetProblem: (directory: string) => CliError | undefined;
  /** Whether the package manager's command can be run here. */
  isInstalled: (packageManager: PackageManager) => boolean;
}

export interface ResolvedCreate {
  directory: string;
  options: ProjectOptions;
  run: RunOptions;
}

export const DEFAULT_DEPLOY: readonly DeployTarget[] = ['docker'];

/** One file on the local disk: nothing to set up, and state survives a restart. */
export const DEFAULT_STORAGE: StorageBackend = 'sqlite';

/**
 * Flags win; with `--yes` every unanswered question takes its default; otherwise a terminal asks,
 * and without one the run stops listing every flag still needed, all at once.
 */
export async function resolveCreate(flags: CreateFlags, env: ResolveEnvironment): Promise<ResolvedCreate> {
  const ask = env.interactive && !flags.yes;
  const missing: string[] = [];

  /** One question: the flag's value, else the default under --yes, else a prompt, else missing. */
  async function answer<T>(given: T | undefined, fallback: NoInfer<T>, flag: string, prompt: () => Promise<NoInfer<T>>): Promise<T> {
    if (given !== undefined) return given;
    if (flags.yes) return fallback;
    if (ask) return prompt();
    missing.push(flag);
    return fallback;
  }

  // A taken directory is reported before any other question: nobody answers ten questions to hear it then.
  const { directory, projectName } = await resolveLocation(flags, ask, env);
  if (directory === undefined) missing.push('[directory]  where to create the project, e.g. my-server');

  const upstream = await answer(flags.upstream, 'generic', flagHelp('--upstream', UPSTREAMS), () =>
    env.prompter.select({ message: 'Which upstream system?', options: choices(CATALOG.upstream, UPSTREAMS), initialValue: 'generic' }),
  );
  const upstreamChoice = await resolveUpstreamChoice(upstream, flags, answer, env.prompter);
  const authChoices = authStrategiesFor(upstream);
  const auth = await answer(flags.auth, defaultAuthFor(upstream), flagHelp('--auth', authChoices), () =>
    env.prompter.select({ message: 'How should clients authenticate?', options: choices(CATALOG.auth, authChoices), initialValue: defaultAuthFor(upstream) }),
  );
  const storage = await answer(flags.storage, DEFAULT_STORAGE, flagHelp('--storage', STORAGE_BACKENDS), () =>
    env.prompter.select({ message: 'Where should server state live?', options: choices(CATALOG.storage, STORAGE_BACKENDS), initialValue: DEFAULT_STORAGE }),
  );
  const deployChoices = deployTargetsFor(storage);
  const deploy = await answer(flags.deploy, [...DEFAULT_DEPLOY], flagHelp('--deploy', deployChoices, 'a,b | none'), () =>
    env.prompter.multiselect({ message: 'Deploy files to include?', options: choices(CATALOG.deploy, deployChoices), initialValues: [...DEFAULT_DEPLOY] }),
  );
  const chosenPackageManager = await answer(flags.packageManager, env.detectedPackageManager, flagHelp('--package-manager', PACKAGE_MANAGERS), () =>
    env.prompter.select({ message: 'Package manager?', options: PACKAGE_MANAGERS.map((value) => ({ value, label: value })), initialValue: env.detectedPackageManager }),
  );
  const wantsInstall = await answer(flags.install, true, '--install | --no-install', () =>
    env.prompter.confirm({ message: 'Install dependencies now?', initialValue: true }),
  );
  const { packageManager, install } = await installablePackageManager(chosenPackageManager, wantsInstall, ask, env);
  const git = await answer(flags.git, true, '--git | --no-git', () =>
    env.prompter.confirm({ message: 'Initialise a git repository?', initialValue: true }),
  );

  if (missing.length > 0 || directory === undefined || projectName === undefined) {
    throw new CliError(`Missing answers, and there is no terminal to ask them in:\n  ${missing.join('\n  ')}`, {
      hint: 'Pass them as flags, or add --yes to accept the defaults for everything but the directory.',
    });
  }

  const problems = combinationProblems({ upstream, auth, storage, deploy });
  if (problems.length > 0) throw new CliError(problems.join('\n'), { hint: 'Run with --help to see every option.' });

  return {
    directory,
    options: projectOptionsSchema.parse({ projectName, ...upstreamChoice, auth, storage, deploy, packageManager }),
    run: { install, git },
  };
}

/**
 * An install that is going to run needs its package manager: found missing, a terminal offers npm
 * or installing later, and without one the run stops before anything is written, saying how to get it.
 */
async function installablePackageManager(
  packageManager: PackageManager,
  install: boolean,
  ask: boolean,
  env: ResolveEnvironment,
): Promise<{ packageManager: PackageManager; install: boolean }> {
  if (!install || env.isInstalled(packageManager)) return { packageManager, install };
  const others = PACKAGE_MANAGERS.filter((other) => other !== packageManager && env.isInstalled(other));
  if (ask) {
    const later: Choice<'later'> = { value: 'later', label: `Keep ${packageManager}, install later`, hint: `${HOW_TO_INSTALL[packageManager]}, then ${PACKAGE_MANAGER_COMMANDS[packageManager].install}` };
    const next = await env.prompter.select<PackageManager | 'later'>({
      message: `${packageManager} is not installed here. What now?`,
      options: [...others.map((other) => ({ value: other, label: `Use ${other} instead` })), later],
      initialValue: others[0] ?? 'later',
    });
    return next === 'later' ? { packageManager, install: false } : { packageManager: next, install };
  }
  throw new CliError(`${packageManager} is not installed here (no ${packageManager} command on PATH), so dependencies cannot be installed with it.`, {
    hint: [
      `Install it: ${HOW_TO_INSTALL[packageManager]}.`,
      ...others.map((other) => `Or pass --package-manager ${other}.`),
      'Or pass --no-install to write the project now and install later. Nothing was written.',
    ].join(' '),
  });
}

/** The target directory and the npm package name, which defaults to the directory's name. */
async function resolveLocation(
  flags: CreateFlags,
  ask: boolean,
  env: ResolveEnvironment,
): Promise<{ directory: string | undefined; projectName: string | undefined }> {
  let directory = flags.directory;
  if (directory === undefined && flags.name !== undefined) directory = flags.name.replace(/^@[^/]+\//, '');
  if (directory === undefined) {
    if (!ask) return { directory: undefined, projectName: undefined };
    const name = await promptProjectName(env, { defaultValue: 'enterprise-mcp-server', checkDirectory: true });
    return { directory: directoryOf(name), projectName: name };
  }

  const problem = env.targetProblem(directory);
  if (problem) throw problem;
  const candidate = flags.name ?? basename(resolve(directory));
  const check = checkProjectName(candidate);
  if (check.valid) return { directory, projectName: candidate };
  if (ask) return { directory, projectName: await promptProjectName(env, { defaultValue: check.suggestion, checkDirectory: false }) };
  throw new CliError(describeNameProblem(candidate, check), {
    hint: `Pass --name ${check.suggestion ?? '<package-name>'} to name the package differently from its directory.`,
  });
}

/** A typed name is also the directory, unless it is scoped: @acme/crm goes into ./crm. */
function directoryOf(name: string): string {
  return name.replace(/^@[^/]+\//, '');
}

/** Asks for the package name; when it also names the directory, a taken directory is refused there and then. */
function promptProjectName(env: ResolveEnvironment, { defaultValue, checkDirectory }: { defaultValue: string | undefined; checkDirectory: boolean }): Promise<string> {
  return env.prompter.text({
    message: 'Project name (npm package name)',
    ...(defaultValue === undefined ? {} : { defaultValue }),
    validate: (value) => {
      const check = checkProjectName(value);
      if (!check.valid) return describeNameProblem(value, check);
      return checkDirectory ? env.targetProblem(directoryOf(value))?.message : undefined;
    },
  });
}

/** The units' own label and hint, in the order given. */
function choices<T extends string>(units: readonly OptionUnit[], values: readonly T[]): Choice<T>[] {
  return values.map((value) => {
    const { label, hint } = unitOf(units, value);
    return { value, label, hint };
  });
}

function flagHelp(flag: string, values: readonly string[], shape?: string): string {
  return `${flag} <${shape ?? values.join(' | ')}>${shape ? `  (${values.join(', ')})` : ''}`;
}

