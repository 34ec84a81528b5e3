import * as z from 'zod';

import { CATALOG, idsOf, unitOf, type Catalog } from '../features/catalog.js';
import type { UpstreamSettings, UpstreamUnit } from '../features/unit.js';

/**
 * What a project can be made of, derived from the catalog of option units (src/features/catalog.ts):
 * commander flags, clack prompts, combination rules and the `enterprise-mcp.json` marker all use these.
 */
export const UPSTREAMS = idsOf(CATALOG.upstream);
export const AUTH_STRATEGIES = idsOf(CATALOG.auth);
export const STORAGE_BACKENDS = idsOf(CATALOG.storage);
export const DEPLOY_TARGETS = idsOf(CATALOG.deploy);
export const PACKAGE_MANAGERS = ['npm', 'pnpm'] as const;

export type Upstream = (typeof UPSTREAMS)[number];
export type AuthStrategy = (typeof AUTH_STRATEGIES)[number];
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const packageManagerSchema = z.enum(PACKAGE_MANAGERS);

/** The values of one upstream's own settings, as its settings' schemas output them. */
type SettingsValues<S extends UpstreamSettings> = z.output<z.ZodObject<{ -readonly [K in keyof S]: S[K]['schema'] }>>;

/** An upstream with the settings only it has: a NetSuite account ID never rides along with another preset. */
type ChoiceOf<U> = U extends UpstreamUnit<infer Id, string, infer S>
  ? keyof S extends never
    ? { upstream: Id }
    : { upstream: Id } & { [K in Id]: SettingsValues<S> }
  : never;
export type UpstreamChoice = ChoiceOf<(typeof CATALOG.upstream)[number]>;

/** The options as any catalog's values make them: a project's choices before they are typed by the built-in catalog. */
export interface ChosenValues {
  projectName: string;
  upstream: string;
  auth: string;
  storage: string;
  deploy: readonly string[];
  packageManager: PackageManager;
}

/** What shapes the generated files. Recorded in the marker so `add` can regenerate consistently. */
export type ProjectOptions = {
  projectName: string;
  auth: AuthStrategy;
  storage: StorageBackend;
  deploy: DeployTarget[];
  packageManager: PackageManager;
} & UpstreamChoice;

/** The zod object of one upstream's own settings. */
export function upstreamSettingsSchema(unit: UpstreamUnit): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(unit.settings).map(([key, setting]) => [key, setting.schema])));
}

/** The chosen deploy targets and those they build on (`implies`), each once, sorted. */
function withImpliedTargets(targets: readonly string[], units: Catalog['deploy']): string[] {
  const implied = targets.flatMap((target) => units.find((unit) => unit.id === target)?.implies ?? []);
  return [...new Set([...targets, ...implied])].sort();
}

/** The project options a catalog's values allow: the schema of the marker and of every run. */
export function projectOptionsSchemaOf(catalog: Catalog): z.ZodType<ChosenValues> {
  const oneOf = (units: readonly { id: string }[]) => z.enum(units.map((unit) => unit.id) as [string, ...string[]]);
  const common = z
    .object({
      projectName: z.string().min(1),
      auth: oneOf(catalog.auth),
      storage: oneOf(catalog.storage),
      deploy: z.array(oneOf(catalog.deploy)).transform((targets) => withImpliedTargets(targets, catalog.deploy)),
      packageManager: packageManagerSchema,
    })
    .strict();
  const choices = catalog.upstream.map((unit) =>
    Object.keys(unit.settings).length === 0
      ? z.object({ upstream: z.literal(unit.id) }).strict()
      : z.object({ upstream: z.literal(unit.id), [unit.id]: upstreamSettingsSchema(unit) }).strict(),
  );
  // Both sides strict: a key is refused unless one side knows it, so another upstream's settings fail.
  return z.intersection(common, z.discriminatedUnion('upstream', choices as [(typeof choices)[number], ...typeof choices]));
}

export const projectOptionsSchema = projectOptionsSchemaOf(CATALOG) as z.ZodType<ProjectOptions, unknown>;

/** What only affects this run (never written into the project). */
export const runOptionsSchema = z.object({
  install: z.boolean(),
  git: z.boolean(),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

export const MARKER_FILE = 'enterprise-mcp.json';

/** The marker written into every generated project: its options and the generator that made it. */
export const markerSchema = z.object({
  $schemaVersion: z.literal(1),
  generatorVersion: z.string(),
  /** The digest of the files as generated (see src/render/files-digest.ts); projects made before it was recorded have none. */
  filesDigest: z.string().optional(),
  options: projectOptionsSchema,
});
export type Marker = z.infer<typeof markerSchema>;

/** An upstream with its own settings at their defaults (what `--yes` chooses). */
export function defaultUpstreamChoice(upstream: Upstream): UpstreamChoice {
  const unit: UpstreamUnit = unitOf(CATALOG.upstream, upstream);
  const settings = upstreamSettingsSchema(unit).parse({});
  return (Object.keys(unit.settings).length === 0 ? { upstream } : { upstream, [upstream]: settings }) as UpstreamChoice;
}
