import type { ProjectOptions } from '../options/schema.js';
import { authFeatures } from './auth.js';
import { baseFeature } from './base.js';
import { deployFeatures } from './deploy.js';
import { storageFeatures } from './storage.js';
import type { BaseFeature, EnvVar, ReadmeSection, ResolvedEnvVar } from './types.js';
import { upstreamFeatures } from './upstreams.js';
import { VERSIONS, type PackageName } from './versions.js';

export { authFeatures, baseFeature, deployFeatures, storageFeatures, upstreamFeatures };

export interface Dependency {
  name: PackageName;
  version: string;
}

/** Everything the chosen options contribute, merged in layer order. */
export interface FeatureSet {
  /** Template directories under `templates/`, base first; later layers win on the same path. */
  overlays: string[];
  dependencies: Dependency[];
  devDependencies: Dependency[];
  envVars: ResolvedEnvVar[];
  readmeSections: ReadmeSection[];
}

export function selectFeatures(options: ProjectOptions): FeatureSet {
  const layers: BaseFeature[] = [
    baseFeature,
    upstreamFeatures[options.upstream],
    authFeatures[options.auth],
    storageFeatures[options.storage],
    ...options.deploy.map((target) => deployFeatures[target]),
  ];
  const dependencies = pinned(layers.flatMap((layer) => layer.dependencies));
  const runtime = new Set(dependencies.map((dependency) => dependency.name));
  return {
    overlays: layers.flatMap((layer) => layer.overlays),
    dependencies,
    // A package needed at run time is never listed twice.
    devDependencies: pinned(layers.flatMap((layer) => layer.devDependencies)).filter((d) => !runtime.has(d.name)),
    envVars: mergeEnvVars(layers.flatMap((layer) => layer.envVars)).map((envVar) => ({
      ...envVar,
      required: envVar.required === 'with-token-auth' ? verifiesTokens(options.auth) : envVar.required,
    })),
    readmeSections: layers
      .flatMap((layer): readonly ReadmeSection[] => layer.readme)
      .filter((section) => !section.withTokenAuthOnly || verifiesTokens(options.auth))
      .map(({ title, body }) => ({ title, body })),
  };
}

/** Every strategy but `none` checks a token issued by the upstream's identity provider. */
export function verifiesTokens(auth: ProjectOptions['auth']): boolean {
  return auth !== 'none';
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
      throw new Error(`Feature manifests disagree about the environment variable ${envVar.name}`);
    }
    byName.set(envVar.name, envVar);
  }
  return [...byName.values()];
}
