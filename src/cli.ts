import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError } from './errors.js';
import {
  AUTH_STRATEGIES,
  DEPLOY_TARGETS,
  LABELS,
  PACKAGE_MANAGERS,
  STORAGE_BACKENDS,
  UPSTREAMS,
  type DeployTarget,
} from './options/schema.js';
import { reportError } from './ui/output.js';
import { GENERATOR_VERSION } from './version.js';

/** `--help` text for an enum flag: every allowed value with its one-line hint. */
function describeValues<T extends string>(labels: Record<T, { label: string; hint: string }>, values: readonly T[]): string {
  return values.map((value) => `${value}${labels[value].hint ? ` (${labels[value].hint})` : ''}`).join('; ');
}

function parseDeploy(raw: string): DeployTarget[] {
  if (raw.trim() === 'none') return [];
  const targets = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = targets.filter((target) => !(DEPLOY_TARGETS as readonly string[]).includes(target));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`Unknown deploy target ${unknown.join(', ')}. Allowed: ${DEPLOY_TARGETS.join(', ')} or none.`);
  }
  return targets as DeployTarget[];
}

export function buildProgram(): Command {
  const program = new Command('create-enterprise-mcp')
    .description('Scaffold a production-ready TypeScript MCP server for an enterprise system.')
    .version(GENERATOR_VERSION, '-v, --version', 'print the version')
    .argument('[directory]', 'where to create the project (must be missing or empty)')
    .option('--name <package-name>', 'npm package name (default: the directory name)')
    .addOption(new Option('--upstream <upstream>', `upstream system: ${describeValues(LABELS.upstream, UPSTREAMS)}`).choices(UPSTREAMS))
    .addOption(new Option('--auth <strategy>', `client authentication: ${describeValues(LABELS.auth, AUTH_STRATEGIES)}`).choices(AUTH_STRATEGIES))
    .addOption(new Option('--storage <backend>', `server state: ${describeValues(LABELS.storage, STORAGE_BACKENDS)}`).choices(STORAGE_BACKENDS))
    .addOption(
      new Option('--deploy <targets>', `comma-separated deploy files, or none: ${describeValues(LABELS.deploy, DEPLOY_TARGETS)}`).argParser(parseDeploy),
    )
    .addOption(new Option('--package-manager <name>', 'package manager for install and docs (default: the one running this)').choices(PACKAGE_MANAGERS))
    .option('--install', 'install dependencies after writing')
    .option('--no-install', 'skip installing dependencies')
    .option('--git', 'initialise a git repository with a first commit')
    .option('--no-git', 'skip git init')
    .option('-y, --yes', 'accept the default for every question not answered by a flag')
    .option('--dry-run', 'print the files that would be written, write nothing')
    .option('--verbose', 'show stack traces for errors')
    .addHelpText(
      'after',
      `
Examples:
  $ npx create-enterprise-mcp my-server
  $ npx create-enterprise-mcp my-server --yes
  $ npx create-enterprise-mcp my-server --upstream generic --auth none --storage memory --deploy docker,github-actions --no-install --yes`,
    )
    .showSuggestionAfterError()
    .action(async (directory: string | undefined, flags: Record<string, unknown>) => {
      const { createCommand } = await import('./commands/create.js');
      await createCommand({ ...flags, directory });
    });
  return program;
}

/** Runs the CLI and returns the exit code; every failure is reported once, by `reportError`. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const verbose = argv.includes('--verbose');
  const program = buildProgram();
  program.exitOverride().configureOutput({ outputError: () => {} });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help and --version
      return reportError(
        new CliError(error.message.replace(/^error: /, ''), { hint: 'Run create-enterprise-mcp --help to see every option.' }),
        verbose,
      );
    }
    return reportError(error, verbose);
  }
}
