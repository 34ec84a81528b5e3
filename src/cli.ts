import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError } from './errors.js';
import { CATALOG, type Catalog } from './features/catalog.js';
import type { OptionUnit } from './features/unit.js';
import { PACKAGE_MANAGERS, type DeployTarget } from './options/schema.js';
import type { CapabilityKind } from './options/capability-name.js';
import { reportError, tolerateClosedOutput } from './ui/output.js';
import { GENERATOR_VERSION } from './version.js';
import { parseDeployChange } from './upgrade/upgrade-options.js';

/** `--help` text for an enum flag: every allowed value with its one-line hint. */
function describeValues(units: readonly OptionUnit[]): string {
  return units.map((unit) => `${unit.id} (${unit.hint})`).join('; ');
}

/** A flag choosing one unit of an option. */
function unitOption(flags: string, description: string, units: readonly OptionUnit[]): Option {
  return new Option(flags, `${description}: ${describeValues(units)}`).choices(units.map((unit) => unit.id));
}

/** The flags of every upstream's own settings, e.g. `--netsuite-account-id <id>`. */
function upstreamSettingOptions(catalog: Catalog): Option[] {
  return catalog.upstream.flatMap((unit) =>
    Object.values(unit.settings).map((setting) => new Option(`${setting.flag} <${setting.valueName}>`, `with --upstream ${unit.id}: ${setting.description}`)),
  );
}

function commaList(raw: string): string[] {
  return raw.split(',').map((part) => part.trim()).filter(Boolean);
}

/** `--deploy a,b` or `none`, checked against the catalog's deploy targets. */
function deployParser(units: readonly OptionUnit[]): (raw: string) => DeployTarget[] {
  const allowed = units.map((unit) => unit.id);
  return (raw) => {
    if (raw.trim() === 'none') return [];
    const targets = commaList(raw);
    const unknown = targets.filter((target) => !allowed.includes(target));
    if (unknown.length > 0) {
      throw new InvalidArgumentError(`Unknown deploy target ${unknown.join(', ')}. Allowed: ${allowed.join(', ')} or none.`);
    }
    return targets as DeployTarget[];
  };
}

/** The command line, its flags derived from the catalog's units. */
export function buildProgram(catalog: Catalog = CATALOG): Command {
  const program = new Command('create-enterprise-mcp')
    .description('Scaffold a production-ready TypeScript MCP server for an enterprise system.')
    .version(GENERATOR_VERSION, '-v, --version', 'print the version')
    .argument('[directory]', 'where to create the project (must be missing or empty)')
    .option('--name <package-name>', 'npm package name (default: the directory name)')
    .addOption(unitOption('--upstream <upstream>', 'upstream system', catalog.upstream));
  for (const option of upstreamSettingOptions(catalog)) program.addOption(option);
  program
    .addOption(unitOption('--auth <strategy>', 'client authentication', catalog.auth))
    .addOption(unitOption('--storage <backend>', 'server state', catalog.storage))
    .addOption(new Option('--deploy <targets>', `comma-separated deploy files, or none: ${describeValues(catalog.deploy)}`).argParser(deployParser(catalog.deploy)))
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
    // `help [command]` as in every commander CLI; without it, `help` would be taken for a directory name.
    .helpCommand('help [command]', 'show help for a command')
    // Options of `create` are only read before a subcommand, so `add … --dry-run` stays add's own.
    .enablePositionalOptions()
    .action(async (directory: string | undefined, flags: Record<string, unknown>) => {
      const { createCommand } = await import('./commands/create.js');
      await createCommand({ ...flags, directory });
    });
  addCommands(program);
  upgradeCommandLine(program, catalog);
  return program;
}

/** `add tool|resource|prompt <name>`, run inside a generated project. */
function addCommands(program: Command): void {
  const add = program
    .command('add')
    .description('add a tool, resource or prompt (with its test) to the project in this directory or above');
  const kinds = {
    tool: 'a typed tool: src/tools/<name>.ts and tests/tools/<name>.test.ts',
    resource: 'a static or URI-template resource: src/resources/<name>.ts and its test',
    prompt: 'a prompt with typed arguments: src/prompts/<name>.ts and its test',
  } as const satisfies Record<CapabilityKind, string>;
  for (const [kind, description] of Object.entries(kinds) as [CapabilityKind, string][]) {
    const command = add
      .command(`${kind} <name>`)
      .description(description)
      .option('--description <text>', `what the ${kind} does; clients show it to the model (asked at a terminal)`)
      .option('--mcp-name <name>', `name on the wire (default: ${kind === 'resource' ? 'the kebab-case name' : 'the snake_case form of <name>'})`);
    if (kind === 'tool') {
      command
        .option('--scopes <a,b>', 'OAuth scopes a caller needs', commaList)
        .option('--roles <a,b>', 'roles a caller needs (any of)', commaList)
        .option('--upstream-call', "read from the upstream through its API client (the preset's example call) instead of echoing the input");
    }
    if (kind === 'resource') {
      command
        .option('--uri <uri>', 'fixed URI (config://app) or template with {variables} (invoice://{id}); default resource://<name>')
        .option('--mime-type <type>', 'MIME type of the contents', 'application/json');
    }
    if (kind === 'prompt') command.option('--args <a,b?>', 'argument names; a trailing ? marks one optional', commaList);
    command
      .option('--dry-run', 'print what would change, write nothing')
      .option('--force', 'replace existing files that differ (their edits are lost)')
      .action(async (name: string, flags: Record<string, unknown>) => {
        const { addCommand } = await import('./commands/add.js');
        await addCommand(kind, name, flags);
      });
  }
}

/** `upgrade`, run inside a generated project. */
function upgradeCommandLine(program: Command, catalog: Catalog): void {
  program
    .command('upgrade')
    .description('bring the project in this directory or above to this version of the generator, or to other options, keeping your edits')
    .addOption(unitOption('--auth <strategy>', 'change the client authentication', catalog.auth))
    .addOption(unitOption('--storage <backend>', 'change the server state backend', catalog.storage))
    .option('--deploy <targets>', 'change the deploy files: a whole list (docker,kubernetes), none, or changes (+kubernetes,-azure)', parseDeployChange)
    .option('--from-dir <checkout>', 'render the project as it was made from this built checkout of create-enterprise-mcp (for unreleased builds)')
    .option('--dry-run', 'print what would change, write nothing')
    .option('--allow-dirty', 'upgrade even with uncommitted changes, or outside git')
    .addHelpText(
      'after',
      `
Examples:
  $ npx create-enterprise-mcp@latest upgrade --dry-run
  $ npx create-enterprise-mcp@latest upgrade --storage postgres --deploy +kubernetes`,
    )
    .action(async (flags: Record<string, unknown>) => {
      const { upgradeCommand } = await import('./commands/upgrade.js');
      await upgradeCommand(flags);
    });
}

/** Runs the CLI and returns the exit code; every failure is reported once, by `reportError`. */
export async function main(argv: string[] = process.argv): Promise<number> {
  tolerateClosedOutput();
  const verbose = argv.includes('--verbose');
  const program = buildProgram();
  program.exitOverride().configureOutput({ outputError: () => {} });
  try {
    await program.parseAsync(helpRequestWithoutFlags(argv));
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help and --version
      // `help <name>` for a name that is no command: commander has shown the general help on stderr.
      if (error.code === 'commander.help') {
        const asked = argv.slice(2)[1] ?? '';
        return reportError(new CliError(`"${asked}" is not a command. Commands: ${[...program.commands.map((command) => command.name()), 'help'].join(', ')}.`), verbose);
      }
      return reportError(
        new CliError(error.message.replace(/^error: /, ''), { hint: 'Run create-enterprise-mcp --help to see every option.' }),
        verbose,
      );
    }
    return reportError(error, verbose);
  }
}

/**
 * `help --yes --dry-run` asks for help, whatever flags follow: commander would look for a command
 * named `--yes`. Only `help <command>` narrows the help to one command.
 */
function helpRequestWithoutFlags(argv: string[]): string[] {
  const [runtime = 'node', script = '', first, second] = argv;
  return first === 'help' && second?.startsWith('-') ? [runtime, script, 'help'] : argv;
}
