import { promises as nodeFs } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import {
  checkCapabilityName,
  defaultMcpName,
  deriveNames,
  mcpNameProblem,
  type CapabilityKind,
} from '../options/capability-name.js';
import { PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import { findProject } from '../project/find-project.js';
import { listNames, readText, type ProjectFs } from '../project/project-fs.js';
import { clackPrompter } from '../prompts/clack.js';
import type { Prompter } from '../prompts/prompter.js';
import { applyChanges, type FileWrite } from '../render/apply.js';
import { renderTemplate } from '../render/engine.js';
import { REGISTRIES, REGISTRY_FILE, registryCandidates, renderRegistry } from '../render/registry.js';
import { templatesRoot } from '../render/templates-root.js';
import { out } from '../ui/output.js';
import { isInteractive } from '../ui/terminal.js';
import { GENERATOR_VERSION } from '../version.js';
import { selectUnits } from '../features/select.js';
import { UPSTREAM_CALL_TEMPLATE, type UpstreamUnit } from '../features/unit.js';
import { addContext, promptArgumentProblems, uriVariables } from './add-context.js';

export interface AddFlags {
  description?: string | undefined;
  mcpName?: string | undefined;
  scopes?: string[] | undefined;
  roles?: string[] | undefined;
  uri?: string | undefined;
  mimeType?: string | undefined;
  args?: string[] | undefined;
  /** Tools only: the handler reads from the upstream's API client (the preset's example call). */
  upstreamCall?: boolean | undefined;
  dryRun?: boolean | undefined;
  force?: boolean | undefined;
}

export interface AddDependencies {
  fs: ProjectFs;
  cwd: string;
  interactive: boolean;
  prompter: Prompter;
  /** Reads a file of the CLI's `templates/` (not the project's), e.g. `add/tool.ts.hbs`; undefined when there is none. */
  readTemplate(path: string): Promise<string | undefined>;
  cliVersion: string;
}

export const defaultAddDependencies = (): AddDependencies => ({
  fs: nodeFs as unknown as ProjectFs,
  cwd: process.cwd(),
  interactive: isInteractive(),
  prompter: clackPrompter,
  readTemplate: (path) => readTemplateFile(join(templatesRoot(), path)),
  cliVersion: GENERATOR_VERSION,
});

/** A missing template is undefined; any other failure to read one is an error. */
export async function readTemplateFile(path: string): Promise<string | undefined> {
  try {
    return await nodeFs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** What one `add` run decided, for printing and for tests. */
export interface AddPlan {
  changes: FileWrite[];
  unchanged: string[];
}

/**
 * `create-enterprise-mcp add <kind> <name>`: renders the capability and its test, rewrites the
 * kind's registry whole, and applies all of it as one unit. Re-running with the same input is a
 * no-op; a file that exists with other content is only replaced with --force.
 */
export async function addCommand(
  kind: CapabilityKind,
  rawName: string,
  flags: AddFlags,
  deps: AddDependencies = defaultAddDependencies(),
): Promise<AddPlan> {
  const nameCheck = checkCapabilityName(rawName);
  if (!nameCheck.valid) {
    throw new CliError(`${nameCheck.problem}.${nameCheck.suggestion ? ` Try "${nameCheck.suggestion}".` : ''}`, {
      hint: `The ${kind} name becomes its file name (src/${REGISTRIES[kind].dir.split('/')[1]}/<name>.ts), e.g. get-invoice.`,
    });
  }
  const names = deriveNames(rawName);
  const mcpName = flags.mcpName ?? defaultMcpName(kind, names);
  const problems = [
    mcpNameProblem(kind, mcpName),
    ...tokenProblems('--scopes', flags.scopes ?? []),
    ...tokenProblems('--roles', flags.roles ?? []),
    ...(flags.mimeType === undefined || MIME_TYPE.test(flags.mimeType) ? [] : [`--mime-type "${flags.mimeType}" is not a MIME type like application/json`]),
    ...(kind === 'prompt' ? promptArgumentProblems(flags.args ?? []) : []),
  ].filter((problem): problem is string => problem !== undefined);
  if (kind === 'resource' && flags.uri !== undefined) uriVariables(flags.uri);
  if (problems.length > 0) throw new CliError(problems.join('\n'));

  const { root, marker } = await findProject(deps.fs, deps.cwd, deps.cliVersion);
  const upstreamCall = flags.upstreamCall === true ? await upstreamCallTemplate(deps, root, selectUnits(marker.options).upstream) : undefined;
  const description = await resolveDescription(kind, flags.description, deps);
  const context = addContext(kind, {
    names,
    mcpName,
    description,
    scopes: flags.scopes ?? [],
    roles: flags.roles ?? [],
    uri: flags.uri,
    mimeType: flags.mimeType ?? 'application/json',
    args: flags.args ?? [],
    upstreamCall,
  });

  const { dir } = REGISTRIES[kind];
  const testDir = dir.replace(/^src\//, 'tests/');
  const fileName = `${names.kebab}.ts`;
  const rendered = [
    { path: `${dir}/${fileName}`, template: `${kind}.ts.hbs` },
    { path: `${testDir}/${names.kebab}.test.ts`, template: `${kind}.test.ts.hbs` },
  ];

  const plan: AddPlan = { changes: [], unchanged: [] };
  const conflicts: string[] = [];
  for (const { path, template } of rendered) {
    const source = await deps.readTemplate(`add/${template}`);
    if (source === undefined) throw new Error(`The CLI's template add/${template} is missing.`);
    const content = await renderTemplate(source, context, `add/${template}`, upstreamCall === undefined ? {} : { upstreamCall });
    const previous = await readText(deps.fs, join(root, path));
    if (previous === content) plan.unchanged.push(path);
    else if (previous !== undefined && !flags.force) conflicts.push(path);
    else plan.changes.push({ path, content, previous });
  }
  if (conflicts.length > 0) {
    throw new CliError(`${conflicts.join(' and ')} already exist${conflicts.length === 1 ? 's' : ''} with different content. Nothing was written.`, {
      hint: `Choose another name, or pass --force to replace ${conflicts.length === 1 ? 'it' : 'them'} (edits in ${conflicts.length === 1 ? 'it' : 'them'} are lost).`,
    });
  }

  const siblings = registryCandidates(await listNames(deps.fs, join(root, dir)));
  await assertMcpNameFree(deps.fs, root, dir, siblings.filter((file) => file !== fileName), mcpName, kind);
  const registryPath = `${dir}/${REGISTRY_FILE}`;
  const registry = renderRegistry(kind, [...new Set([...siblings, fileName])]);
  const currentRegistry = await readText(deps.fs, join(root, registryPath));
  if (currentRegistry === registry) plan.unchanged.push(registryPath);
  else plan.changes.push({ path: registryPath, content: registry, previous: currentRegistry });

  if (plan.changes.length === 0) {
    out.line(`Nothing to do: ${kind} ${names.kebab} is already in place and up to date.`);
    return plan;
  }
  for (const change of plan.changes) out.action(change.previous === undefined ? 'CREATE' : 'UPDATE', change.path);
  if (flags.dryRun) {
    out.line(`Dry run: nothing was written.`);
    return plan;
  }
  await applyChanges(deps.fs, root, plan.changes);
  const run = PACKAGE_MANAGER_COMMANDS[marker.options.packageManager].run;
  out.line();
  out.line(`Added ${kind} ${mcpName}. Check it with: ${run} typecheck && ${run} test`);
  return plan;
}

/**
 * OAuth scope tokens (RFC 6749 §3.3) are printable ASCII without spaces, `"` or `\`; the single
 * quote is refused too, as the generated code quotes with it. Roles follow the same rule.
 */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

const TOKEN = /^[\x21\x23-\x26\x28-\x5B\x5D-\x7E]+$/;

function tokenProblems(flag: string, values: readonly string[]): string[] {
  return values
    .filter((value) => !TOKEN.test(value))
    .map((value) => `${flag} value ${JSON.stringify(value)} may only contain printable ASCII without spaces, quotes or backslashes`);
}

async function resolveDescription(kind: CapabilityKind, given: string | undefined, deps: AddDependencies): Promise<string> {
  if (given !== undefined) {
    if (given.trim() === '') throw new CliError('--description must not be empty.');
    return given.trim();
  }
  if (!deps.interactive) {
    throw new CliError(`Missing --description, and there is no terminal to ask for it.`, {
      hint: `Describe what the ${kind} does and when to use it: clients show this text to the model.`,
    });
  }
  return deps.prompter.text({
    message: `What does this ${kind} do? (clients show this to the model)`,
    validate: (value) => (value.trim() === '' ? 'A description is required.' : undefined),
  });
}

/** The same MCP name in another file would make the server refuse to start; catch it now. */
async function assertMcpNameFree(
  fs: ProjectFs,
  root: string,
  dir: string,
  otherFiles: readonly string[],
  mcpName: string,
  kind: CapabilityKind,
): Promise<void> {
  const declaration = new RegExp(`\\bname:\\s*(['"\`])${mcpName}\\1`);
  for (const file of otherFiles) {
    const text = await readText(fs, join(root, dir, file));
    if (text !== undefined && declaration.test(text)) {
      throw new CliError(`${dir}/${file} already declares a ${kind} named "${mcpName}". Nothing was written.`, {
        hint: 'Choose another name, or pass --mcp-name to name it differently on the wire.',
      });
    }
  }
}

/** The file tests of upstream-calling tools start the preset's fake upstream from. */
export const UPSTREAM_SAMPLE_FILE = 'tests/helpers/upstream-sample.ts';

/**
 * The template of the upstream's example call, from its unit's folder or the nearest shared layer
 * beneath it. A project generated before its preset had an API client has no fake upstream to test
 * the call against, so it is refused rather than given an untested tool.
 */
async function upstreamCallTemplate(deps: AddDependencies, root: string, upstream: UpstreamUnit): Promise<string> {
  if ((await readText(deps.fs, join(root, UPSTREAM_SAMPLE_FILE))) === undefined) {
    throw new CliError(`--upstream-call needs ${UPSTREAM_SAMPLE_FILE}, which this project does not have.`, {
      hint: 'It was generated before its upstream had an API client; add the tool without --upstream-call and call the upstream by hand.',
    });
  }
  for (const layer of [upstream, ...[...(upstream.layers ?? [])].reverse()]) {
    const template = await deps.readTemplate(`${layer.folder}/${UPSTREAM_CALL_TEMPLATE}`);
    if (template !== undefined) return template;
  }
  throw new Error(`The upstream unit ${upstream.id} has no ${UPSTREAM_CALL_TEMPLATE}.`);
}
