import * as z from 'zod';
import { CliError } from '../errors.js';
import { DEPLOY_TARGETS, packageManagerSchema, projectOptionsSchema, type ChosenValues, type DeployTarget, type ProjectOptions } from '../options/schema.js';
import { combinationProblems } from '../options/rules.js';
import { readMarkerAs } from '../project/find-project.js';

/**
 * A marker as any generator version wrote it. The options are read loosely: a value this version no
 * longer offers must still reach the generator that made the project, which knows it.
 */
const recordedMarkerSchema = z.object({
  $schemaVersion: z.literal(1),
  generatorVersion: z.string().regex(/^\d+\.\d+\.\d+/, 'expected a version such as 1.2.0'),
  filesDigest: z.string().optional(),
  options: z
    .object({
      projectName: z.string().min(1),
      upstream: z.string().min(1),
      auth: z.string().min(1),
      storage: z.string().min(1),
      deploy: z.array(z.string()),
      packageManager: packageManagerSchema,
    })
    .catchall(z.unknown()),
});

export interface RecordedProject {
  generatorVersion: string;
  /** Absent in projects made before the marker recorded it, all by unreleased builds. */
  filesDigest?: string | undefined;
  options: ChosenValues;
}

export function readRecordedProject(json: unknown, path: string): RecordedProject {
  return readMarkerAs(recordedMarkerSchema, json, path, 'made by create-enterprise-mcp');
}

/** `--deploy` for upgrade: a whole new list (`docker,kubernetes`, `none`) or changes to the recorded one (`+kubernetes,-azure`). */
export type DeployChange = { set: DeployTarget[] } | { add: DeployTarget[]; remove: DeployTarget[] };

export function parseDeployChange(raw: string): DeployChange {
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 1 && parts[0] === 'none') return { set: [] };
  const relative = parts.filter((part) => part.startsWith('+') || part.startsWith('-'));
  if (relative.length > 0 && relative.length < parts.length) {
    throw new CliError(`--deploy ${raw} mixes a whole list with changes to it.`, { hint: 'Either list every target (--deploy docker,kubernetes) or only changes (--deploy +kubernetes,-azure).' });
  }
  const ids = parts.map((part) => (relative.length > 0 ? part.slice(1) : part));
  const unknown = ids.filter((id) => !(DEPLOY_TARGETS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new CliError(`Unknown deploy target ${unknown.join(', ')}. Allowed: ${DEPLOY_TARGETS.join(', ')} or none.`);
  const targets = ids as DeployTarget[];
  if (relative.length === 0) return { set: targets };
  return { add: targets.filter((_, index) => parts[index]!.startsWith('+')), remove: targets.filter((_, index) => parts[index]!.startsWith('-')) };
}

function changedTargets(current: readonly string[], change: DeployChange): string[] {
  if ('set' in change) return change.set;
  return [...current.filter((target) => !change.remove.includes(target as DeployTarget)), ...change.add];
}

/** What upgrading may change besides the generator version. */
export interface OptionChanges {
  auth?: string | undefined;
  storage?: string | undefined;
  deploy?: DeployChange | undefined;
}

/**
 * The options the upgraded project is rendered with: the recorded ones with the requested changes,
 * held to the same schema and combination rules as `create`. A recorded value this generator no
 * longer offers is named, with the flag that replaces it.
 */
export function upgradedOptions(recorded: ChosenValues, changes: OptionChanges): ProjectOptions {
  const deploy = changes.deploy === undefined ? recorded.deploy : changedTargets(recorded.deploy, changes.deploy);
  const wanted = { ...recorded, auth: changes.auth ?? recorded.auth, storage: changes.storage ?? recorded.storage, deploy };
  const parsed = projectOptionsSchema.safeParse(wanted);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [field] = issue.path;
      return typeof field === 'string' && ['auth', 'storage', 'deploy', 'upstream'].includes(field)
        ? `${field} ${JSON.stringify((wanted as Record<string, unknown>)[field])}: ${issue.message} (choose another with --${field})`
        : `${issue.path.join('.') || '(options)'}: ${issue.message}`;
    });
    throw new CliError(`This version of create-enterprise-mcp cannot render the project with these options:\n  ${problems.join('\n  ')}\nNothing was written.`);
  }
  const problems = combinationProblems(parsed.data);
  if (problems.length > 0) throw new CliError(`${problems.join('\n')}\nNothing was written.`);
  return parsed.data;
}
