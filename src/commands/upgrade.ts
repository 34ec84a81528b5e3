import { promises as nodeFs } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import { MARKER_FILE, type ChosenValues, type ProjectOptions } from '../options/schema.js';
import { locateMarker } from '../project/find-project.js';
import { listNames, type ProjectFs } from '../project/project-fs.js';
import { applyChanges, type FileChange as AppliedChange } from '../render/apply.js';
import { planProject } from '../render/plan.js';
import { compareFileNames, REGISTRIES, REGISTRY_FILE, registryCandidates, renderRegistry } from '../render/registry.js';
import type { FileTree } from '../render/render.js';
import { out, type ActionVerb } from '../ui/output.js';
import { renderBaseTree, type BaseTree } from '../upgrade/base-tree.js';
import { mergePackageJson } from '../upgrade/merge-package-json.js';
import { planUpgrade, type FileChange } from '../upgrade/plan-upgrade.js';
import { readRecordedProject, upgradedOptions, type DeployChange, type RecordedProject } from '../upgrade/upgrade-options.js';
import { workingTreeState, type WorkingTreeState } from '../upgrade/working-tree-state.js';
import { GENERATOR_VERSION } from '../version.js';

export interface UpgradeFlags {
  auth?: string | undefined;
  storage?: string | undefined;
  deploy?: DeployChange | undefined;
  /** A local checkout of the generator that made the project, to render its base from. */
  fromDir?: string | undefined;
  dryRun?: boolean | undefined;
  allowDirty?: boolean | undefined;
}

export interface UpgradeDependencies {
  fs: ProjectFs;
  cwd: string;
  cliVersion: string;
  renderBase(recorded: RecordedProject, fromDir: string | undefined): Promise<BaseTree>;
  renderTarget(options: ProjectOptions): Promise<FileTree>;
  workingTreeState(root: string): Promise<WorkingTreeState>;
}

export const defaultUpgradeDependencies = (): UpgradeDependencies => ({
  fs: nodeFs as unknown as ProjectFs,
  cwd: process.cwd(),
  cliVersion: GENERATOR_VERSION,
  renderBase: (recorded, fromDir) => renderBaseTree(recorded, GENERATOR_VERSION, fromDir),
  renderTarget: (options) => planProject({ options, generatorVersion: GENERATOR_VERSION }),
  workingTreeState,
});

/** What one upgrade decided, for printing and for tests. */
export interface UpgradePlan {
  changes: FileChange[];
  /** Paths left with conflict markers (or, for binary files, left as the user has them). */
  conflicts: string[];
}

/**
 * `create-enterprise-mcp upgrade`: renders the project as the generator that made it would (base)
 * and as this one does with the recorded or changed options (target), merges base→target into the
 * project three ways, rewrites the registries from the files there, and writes it all as one unit.
 */
export async function upgradeCommand(flags: UpgradeFlags, deps: UpgradeDependencies = defaultUpgradeDependencies()): Promise<UpgradePlan> {
  const { root, path, json } = await locateMarker(deps.fs, deps.cwd, deps.cliVersion);
  const recorded = readRecordedProject(json, path);
  const options = upgradedOptions(recorded.options, flags);
  if (!flags.dryRun && !flags.allowDirty) assertSafeToWrite(await deps.workingTreeState(root));

  out.line(out.dim(`Rendering ${options.projectName} as create-enterprise-mcp ${recorded.generatorVersion} made it…`));
  const base = await deps.renderBase(recorded, flags.fromDir);
  const target = await deps.renderTarget(options);
  const working = await readWorkingTree(deps.fs, root, new Set([...base.tree.keys(), ...target.keys()]));
  const labels = { ours: 'yours', base: `as generated (${base.origin})`, theirs: `upgrade (create-enterprise-mcp ${deps.cliVersion})` };
  const changes = planUpgrade({ base: base.tree, target, working }, labels)
    .filter((change) => change.path !== MARKER_FILE && !isRegistry(change.path))
    .map((change) => (change.path === PACKAGE_JSON ? mergedPackageJson(change, base.tree, target, working) : change));
  changes.push(...markerChange(target, working), ...(await registryChanges(deps.fs, root, changes, working)));
  changes.sort((a, b) => compareFileNames(a.path, b.path));

  const plan: UpgradePlan = { changes, conflicts: changes.filter((change) => change.action === 'conflict').map((change) => change.path) };
  const writes = toAppliedChanges(changes, working);
  const describe = changeSummary(recorded, options, base.origin, deps.cliVersion);
  for (const change of changes) printChange(change);
  if (writes.length === 0) {
    out.line(`Nothing to upgrade: ${options.projectName} already matches create-enterprise-mcp ${deps.cliVersion}${describe.options ? ` with ${describe.options}` : ''}.`);
    return plan;
  }
  if (flags.dryRun) {
    out.line();
    out.line('Dry run: nothing was written.');
    return plan;
  }
  await applyChanges(deps.fs, root, writes);
  printSummary(plan, describe.heading, options);
  // As git merge does: the files are written, but the project needs the user before it builds.
  if (plan.conflicts.length > 0) process.exitCode = 1;
  return plan;
}

const PACKAGE_JSON = 'package.json';

/** Refuses to write into changes the user could not tell apart from the upgrade's, or undo. */
function assertSafeToWrite(state: WorkingTreeState): void {
  if (state.kind === 'clean') return;
  if (state.kind === 'unversioned') {
    throw new CliError('The project is not under git, so the upgrade could not be reviewed or undone. Nothing was written.', {
      hint: 'Commit it first (git init && git add -A && git commit -m "Before upgrade"), or pass --allow-dirty to upgrade anyway.',
    });
  }
  const shown = state.files.slice(0, 10).map((file) => `  ${file}`);
  if (state.files.length > 10) shown.push(`  … and ${state.files.length - 10} more`);
  throw new CliError(`The project has uncommitted changes, which the upgrade would mix with its own. Nothing was written.\n${shown.join('\n')}`, {
    hint: 'Commit or stash them first, or pass --allow-dirty to upgrade anyway.',
  });
}

async function readWorkingTree(fs: ProjectFs, root: string, paths: ReadonlySet<string>): Promise<FileTree> {
  const tree: FileTree = new Map();
  for (const path of paths) {
    try {
      const content = await fs.readFile(join(root, path));
      tree.set(path, typeof content === 'string' ? Buffer.from(content) : content);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error;
    }
  }
  return tree;
}

/**
 * package.json is merged key by key when both sides changed it: the user's own dependencies and
 * scripts stay, the template's new and bumped ones arrive, even on neighbouring lines. Only the same
 * key changed differently on both sides falls back to the line merge and its conflict markers.
 */
function mergedPackageJson(change: FileChange, base: FileTree, target: FileTree, working: FileTree): FileChange {
  if (change.action !== 'merge' && change.action !== 'conflict') return change;
  const text = (tree: FileTree) => tree.get(PACKAGE_JSON)?.toString('utf8') ?? '{}';
  const merged = mergePackageJson(text(base), text(working), text(target));
  return merged.kind === 'merged' ? { action: 'merge', path: PACKAGE_JSON, content: Buffer.from(merged.text) } : change;
}

/** The marker is the generator's record, not the user's file: it always becomes the target's. */
function markerChange(target: FileTree, working: FileTree): FileChange[] {
  const next = target.get(MARKER_FILE)!;
  const current = working.get(MARKER_FILE);
  if (current?.equals(next)) return [];
  return [{ action: current === undefined ? 'create' : 'update', path: MARKER_FILE, content: next }];
}

function isRegistry(path: string): boolean {
  return Object.values(REGISTRIES).some(({ dir }) => path === `${dir}/${REGISTRY_FILE}`);
}

/** Each registry rewritten whole from the capability files the project will hold, as `add` does. */
async function registryChanges(fs: ProjectFs, root: string, changes: readonly FileChange[], working: FileTree): Promise<FileChange[]> {
  const registries: FileChange[] = [];
  for (const [kind, { dir }] of Object.entries(REGISTRIES) as Array<[keyof typeof REGISTRIES, (typeof REGISTRIES)[keyof typeof REGISTRIES]]>) {
    const inDir = (path: string) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/');
    const names = new Set(await listNames(fs, join(root, dir)));
    for (const change of changes.filter((candidate) => inDir(candidate.path))) {
      const name = change.path.slice(dir.length + 1);
      if (change.action === 'delete') names.delete(name);
      else if (change.action === 'create') names.add(name);
    }
    const path = `${dir}/${REGISTRY_FILE}`;
    if (names.size === 0 && !working.has(path)) continue;
    const content = Buffer.from(renderRegistry(kind, registryCandidates([...names])));
    const current = working.get(path);
    if (current?.equals(content)) continue;
    registries.push({ action: current === undefined ? 'create' : 'update', path, content });
  }
  return registries;
}

/** The writes and removals that carry the plan out; reports and binary conflicts write nothing. */
function toAppliedChanges(changes: readonly FileChange[], working: FileTree): AppliedChange[] {
  return changes.flatMap((change): AppliedChange[] => {
    switch (change.action) {
      case 'delete':
        return [{ path: change.path, remove: true }];
      case 'conflict':
        return change.binary ? [] : [{ path: change.path, content: change.content, previous: working.get(change.path) }];
      case 'create':
      case 'update':
      case 'merge':
        return [{ path: change.path, content: change.content, previous: working.get(change.path) }];
      case 'keep-deleted':
      case 'keep-modified':
        return [];
    }
  });
}

const VERBS = {
  create: 'CREATE',
  update: 'UPDATE',
  merge: 'MERGE',
  conflict: 'CONFLICT',
  delete: 'DELETE',
  'keep-deleted': 'KEEP',
  'keep-modified': 'KEEP',
} as const satisfies Record<FileChange['action'], ActionVerb>;

function printChange(change: FileChange): void {
  out.action(VERBS[change.action], change.path, changeDetail(change), 8);
}

function changeDetail(change: FileChange): string {
  const moved = 'renamedFrom' in change && change.renamedFrom !== undefined ? `moved from ${change.renamedFrom}` : '';
  switch (change.action) {
    case 'merge':
      return ['your edits kept', moved].filter(Boolean).join('; ');
    case 'conflict':
      return change.binary
        ? 'binary, changed on both sides: yours kept, the new version not applied'
        : `${change.conflicts} conflicting change${change.conflicts === 1 ? '' : 's'} marked`;
    case 'keep-deleted':
      return 'you deleted it; it stays deleted (the template changed it since)';
    case 'keep-modified':
      return 'the template dropped it; kept, as you changed it';
    default:
      return moved;
  }
}

/** How the upgrade is described: from which version, and which options it changes. */
function changeSummary(recorded: RecordedProject, options: ProjectOptions, baseOrigin: string, cliVersion: string): { heading: string; options: string } {
  const changed = (['auth', 'storage', 'deploy'] as const)
    .filter((key) => String(recorded.options[key]) !== String(options[key]))
    .map((key) => `${key} ${show(recorded.options[key])} → ${show(options[key])}`);
  const current = `create-enterprise-mcp ${cliVersion}`;
  const versions = baseOrigin === current ? current : `from ${baseOrigin} to ${current}`;
  return { heading: `${versions}${changed.length > 0 ? ` (${changed.join(', ')})` : ''}`, options: changed.join(', ') };
}

function show(value: ChosenValues[keyof ChosenValues]): string {
  return Array.isArray(value) ? (value.length === 0 ? 'none' : value.join(',')) : String(value);
}

function printSummary(plan: UpgradePlan, heading: string, options: ProjectOptions): void {
  const counts = (['create', 'update', 'merge', 'delete'] as const)
    .map((action) => [action, plan.changes.filter((change) => change.action === action).length] as const)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${{ create: 'created', update: 'updated', merge: 'merged', delete: 'deleted' }[action]}`);
  const commands = PACKAGE_MANAGER_COMMANDS[options.packageManager];
  out.line();
  out.line(`Upgraded ${options.projectName}: ${heading}. ${counts.join(', ')}.`);
  if (plan.conflicts.length > 0) {
    out.line();
    out.line(`Resolve ${plan.conflicts.length === 1 ? 'the conflict' : 'the conflicts'} (between <<<<<<< yours and >>>>>>> markers) in:`);
    for (const path of plan.conflicts) out.line(`  ${path}`);
  }
  out.line();
  out.line(`Then finish with: ${commands.install} && ${commands.run} typecheck && ${commands.run} test`);
  out.line(out.dim('Review the changes with: git diff'));
}
