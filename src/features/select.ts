import { deriveNames } from '../options/capability-name.js';
import type { ChosenValues } from '../options/schema.js';
import { CATALOG, unitOf, type Catalog } from './catalog.js';
import type { AuthUnit, DeployUnit, EnvVar, Layer, ReadmeSection, ResolvedEnvVar, StorageUnit, UpstreamUnit } from './unit.js';
import { VERSIONS, type PackageName } from './versions.js';

export interface Dependency {
  name: PackageName;
  version: string;
}

/** A README section and the layer whose `readme/` folder holds it. */
export interface ReadmeFile {
  layer: Layer;
  file: string;
}

/**
 * The units a project's options chose and everything they contribute, merged in layer order. It is
 * the one thing every later step (context, render, next steps, `add`) reads: none of them goes back
 * to the catalog.
 */
export interface Selection {
  upstream: UpstreamUnit;
  /** The upstream's own settings as validated, e.g. `{ accountId: '1234567_SB1' }`. */
  upstreamSettings: Readonly<Record<string, unknown>>;
  auth: AuthUnit;
  storage: StorageUnit;
  deploy: readonly DeployUnit[];
  /** Every deploy target of the catalog by its camelCase id (`githubActions`): whether it was chosen. */
  deployTargets: Readonly<Record<string, boolean>>;
  /** Every auth strategy the catalog offers, by its camelCase id: whether it is this project's. */
  authStrategies: Readonly<Record<string, boolean>>;
  /** Every storage backend of the catalog by its camelCase id: whether it is the chosen one. */
  storageBackends: Readonly<Record<string, boolean>>;
  /** Base first, each unit after the shared layers it builds on; a layer several units share comes once. */
  layers: readonly Layer[];
  dependencies: Dependency[];
  devDependencies: Dependency[];
  envVars: ResolvedEnvVar[];
  readme: ReadmeFile[];
}

export function selectUnits(options: ChosenValues, catalog: Catalog = CATALOG): Selection {
  const upstream = unitOf(catalog.upstream, options.upstream);
  const auth = unitOf(catalog.auth, options.auth);
  const storage = unitOf(catalog.storage, options.storage);
  const deploy = options.deploy.map((target) => unitOf(catalog.deploy, target));
  const { verifiesTokens } = auth;
  const signsUsersIn = auth.signsUsersIn === true;
  const layers = inRenderOrder([catalog.base, upstream, auth, storage, ...deploy], { signsUsersIn, auth: auth.id, deploy: options.deploy, storageSharedByReplicas: storage.sharedByReplicas === true });

  const dependencies = pinned(layers.flatMap((layer) => layer.dependencies ?? []));
  const runtime = new Set(dependencies.map((dependency) => dependency.name));
  return {
    upstream,
    upstreamSettings: settingsOf(options, upstream),
    auth,
    storage,
    deploy,
    deployTargets: Object.fromEntries(catalog.deploy.map((unit) => [deriveNames(unit.id).camel, options.deploy.includes(unit.id)])),
    authStrategies: Object.fromEntries(catalog.auth.map((unit) => [deriveNames(unit.id).camel, unit.id === auth.id])),
    storageBackends: Object.fromEntries(catalog.storage.map((unit) => [deriveNames(unit.id).camel, unit.id === options.storage])),
    layers,
    dependencies,
    // A package needed at run time is never listed twice.
    devDependencies: pinned(layers.flatMap((layer) => layer.devDependencies ?? [])).filter((dependency) => !runtime.has(dependency.name)),
    envVars: mergeEnvVars(layers.flatMap((layer) => layer.envVars ?? []))
      .map((envVar) => resolveEnvVar(envVar, { verifiesTokens, signsUsersIn }))
      .map((envVar) => ({ ...envVar, example: upstream.exampleOverrides?.[envVar.name] ?? envVar.example })),
    readme: layers.flatMap((layer) =>
      (layer.readme ?? [])
        // Sections on verifying the provider's tokens do not apply where this server issues its own.
        .filter((section: ReadmeSection) => !section.withTokenAuthOnly || (verifiesTokens && !signsUsersIn))
        .filter((section) => section.whenUsersSignIn === undefined || section.whenUsersSignIn === signsUsersIn)
        .map((section) => ({ layer, file: section.file })),
    ),
  };
}

/**
 * A variable as this project documents it: required or not, and as it reads where users sign in.
 * There, the identity provider's settings (`with-token-auth`) do not stop the server from starting:
 * nobody can sign in without them, and its sign-in pages say so.
 */
function resolveEnvVar({ whenUsersSignIn, neededToSignIn, ...envVar }: EnvVar, { verifiesTokens, signsUsersIn }: { verifiesTokens: boolean; signsUsersIn: boolean }): ResolvedEnvVar {
  const withTokenAuth = envVar.required === 'with-token-auth';
  const resolved: ResolvedEnvVar = {
    ...envVar,
    required: withTokenAuth ? verifiesTokens && !signsUsersIn : envVar.required === true,
    neededToSignIn: neededToSignIn === true || (withTokenAuth && signsUsersIn),
  };
  if (!signsUsersIn || whenUsersSignIn === undefined) return resolved;
  if (whenUsersSignIn.example !== undefined) resolved.example = whenUsersSignIn.example;
  if (whenUsersSignIn.neededByUpstreamTools === false) delete resolved.neededByUpstreamTools;
  return resolved;
}

function settingsOf(options: ChosenValues, upstream: UpstreamUnit): Readonly<Record<string, unknown>> {
  const settings: unknown = (options as unknown as Record<string, unknown>)[upstream.id];
  return typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
}

/**
 * Each unit after the shared layers beneath it (recursively), every layer once, at its first place;
 * without the layers meant only for projects whose users do (or do not) sign in at the upstream, and
 * those meant only for projects with another auth strategy, a deploy target this one lacks or a store of
 * another kind.
 */
function inRenderOrder(units: readonly Layer[], project: { signsUsersIn: boolean; auth: string; deploy: readonly string[]; storageSharedByReplicas: boolean }): Layer[] {
  const ordered: Layer[] = [];
  const visit = (layer: Layer) => {
    if (layer.whenUsersSignIn !== undefined && layer.whenUsersSignIn !== project.signsUsersIn) return;
    if (layer.whenAuth !== undefined && layer.whenAuth !== project.auth) return;
    if (layer.whenDeploying !== undefined && !project.deploy.includes(layer.whenDeploying)) return;
    if (layer.whenStorageSharedByReplicas !== undefined && layer.whenStorageSharedByReplicas !== project.storageSharedByReplicas) return;
    for (const below of layer.layers ?? []) visit(below);
    if (!ordered.some((seen) => sameLayer(seen, layer))) ordered.push(layer);
  };
  units.forEach(visit);
  return ordered;
}

function sameLayer(a: Layer, b: Layer): boolean {
  return a.folder === b.folder && a.root === b.root;
}

function pinned(names: readonly PackageName[]): Dependency[] {
  return [...new Set(names)].sort().map((name) => ({ name, version: VERSIONS[name] }));
}

/** Two layers may need the same variable; they must then agree on what it means. */
function mergeEnvVars(vars: readonly EnvVar[]): EnvVar[] {
  const byName = new Map<string, EnvVar>();
  for (const envVar of vars) {
    const seen = byName.get(envVar.name);
    if (seen && JSON.stringify(seen) !== JSON.stringify(envVar)) {
      throw new Error(`Layers disagree about the environment variable ${envVar.name}`);
    }
    byName.set(envVar.name, envVar);
  }
  return [...byName.values()];
}
