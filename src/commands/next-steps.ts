import type { Selection } from '../features/select.js';
import { settingsToSet, type SettingToSet } from '../features/settings-to-set.js';
import { HOW_TO_INSTALL, PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import type { ProjectOptions } from '../options/schema.js';

export interface NextStepsInput {
  options: ProjectOptions;
  /** The units the options chose. */
  selection: Selection;
  /** The project directory as the user should `cd` to it. */
  shownDir: string;
  /** Dependencies are installed (and the lockfile written). */
  installed: boolean;
  /** The package manager's command exists here. */
  packageManagerFound: boolean;
}

/**
 * The commands that take a freshly written project to a running server, in order: install if that
 * did not happen, the settings this project needs (derived from the selected units' variables,
 * so every combination of auth strategy and upstream gets its own list), then dev, test and stdio.
 */
export function nextSteps({ options, selection, shownDir, installed, packageManagerFound }: NextStepsInput): string[] {
  const commands = PACKAGE_MANAGER_COMMANDS[options.packageManager];
  const steps = [`cd ${shownDir}`];
  if (!installed) {
    if (!packageManagerFound) steps.push(`# ${options.packageManager} is not installed here: ${HOW_TO_INSTALL[options.packageManager]}`);
    steps.push(`${commands.install}${lockfileNote(options, selection)}`);
  }
  const settings = settingsToSet(selection);
  if (settings.length > 0) {
    const width = Math.max(...settings.map((setting) => setting.name.length));
    steps.push(`cp .env.example .env   # then set in .env:`);
    for (const { name, why } of settings) {
      steps.push(`#   ${name.padEnd(width)}  ${WHY_SHOWN[why]}`);
    }
  }
  steps.push(
    `${commands.run} dev          # Streamable HTTP on http://127.0.0.1:3000/mcp`,
    `${commands.run} test`,
    `${commands.run} build && node dist/main.js --stdio  # what stdio clients launch`,
  );
  return steps;
}

const WHY_SHOWN: Record<SettingToSet['why'], string> = {
  required: 'required to start',
  'sign-in': 'needed to sign users in',
  'upstream tools': 'needed by the upstream tools',
};

/** Deploy files that install from the lockfile fail until an install has written it. */
function lockfileNote(options: ProjectOptions, selection: Selection): string {
  const needing = selection.deploy.flatMap((unit) => (unit.installsFromLockfile === undefined ? [] : [unit.installsFromLockfile]));
  if (needing.length === 0) return '';
  const { lockfile } = PACKAGE_MANAGER_COMMANDS[options.packageManager];
  return `   # writes ${lockfile}: commit it, ${needing.join(' and ')} install${needing.length === 1 ? 's' : ''} from it`;
}
