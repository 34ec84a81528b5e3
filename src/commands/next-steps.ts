import { deployFeatures } from '../features/index.js';
import { settingsToSet } from '../features/settings-to-set.js';
import type { DeployFeature } from '../features/types.js';
import { HOW_TO_INSTALL, PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import type { ProjectOptions } from '../options/schema.js';

export interface NextStepsInput {
  options: ProjectOptions;
  /** The project directory as the user should `cd` to it. */
  shownDir: string;
  /** Dependencies are installed (and the lockfile written). */
  installed: boolean;
  /** The package manager's command exists here. */
  packageManagerFound: boolean;
}

/**
 * The commands that take a freshly written project to a running server, in order: install if that
 * did not happen, the settings this project needs (derived from the feature manifests' variables,
 * so every combination of auth strategy and upstream gets its own list), then dev, test and stdio.
 */
export function nextSteps({ options, shownDir, installed, packageManagerFound }: NextStepsInput): string[] {
  const commands = PACKAGE_MANAGER_COMMANDS[options.packageManager];
  const steps = [`cd ${shownDir}`];
  if (!installed) {
    if (!packageManagerFound) steps.push(`# ${options.packageManager} is not installed here: ${HOW_TO_INSTALL[options.packageManager]}`);
    steps.push(`${commands.install}${lockfileNote(options)}`);
  }
  const settings = settingsToSet(options);
  if (settings.length > 0) {
    const width = Math.max(...settings.map((setting) => setting.name.length));
    steps.push(`cp .env.example .env   # then set in .env:`);
    for (const { name, why } of settings) {
      steps.push(`#   ${name.padEnd(width)}  ${why === 'required' ? 'required to start' : 'needed by the upstream tools'}`);
    }
  }
  steps.push(
    `${commands.run} dev          # Streamable HTTP on http://127.0.0.1:3000/mcp`,
    `${commands.run} test`,
    `${commands.run} build && node dist/main.js --stdio  # what stdio clients launch`,
  );
  return steps;
}

/** Deploy files that install from the lockfile fail until an install has written it. */
function lockfileNote(options: ProjectOptions): string {
  const needing = options.deploy.flatMap((target): string[] => {
    const feature: DeployFeature = deployFeatures[target];
    return feature.installsFromLockfile === undefined ? [] : [feature.installsFromLockfile];
  });
  if (needing.length === 0) return '';
  const { lockfile } = PACKAGE_MANAGER_COMMANDS[options.packageManager];
  return `   # writes ${lockfile}: commit it, ${needing.join(' and ')} install${needing.length === 1 ? 's' : ''} from it`;
}
