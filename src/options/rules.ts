import { CATALOG, unitOf } from '../features/catalog.js';
import type { DeployUnit } from '../features/unit.js';
import { DEPLOY_TARGETS, type AuthStrategy, type DeployTarget, type ProjectOptions, type StorageBackend, type Upstream } from './schema.js';

/**
 * Combinations of otherwise valid values that cannot work together are judged here and nowhere
 * else, from what each upstream unit allows; prompts use the same answers to offer only what fits.
 */
export function authStrategiesFor(upstream: Upstream): readonly AuthStrategy[] {
  return unitOf(CATALOG.upstream, upstream).authStrategies;
}

export function defaultAuthFor(upstream: Upstream): AuthStrategy {
  return unitOf(CATALOG.upstream, upstream).authStrategies[0];
}

/** The deploy targets that can run a project keeping its state in `storage`. */
export function deployTargetsFor(storage: StorageBackend): DeployTarget[] {
  return DEPLOY_TARGETS.filter((target) => {
    const { storages }: DeployUnit = unitOf(CATALOG.deploy, target);
    return storages === undefined || storages.includes(storage);
  });
}

export function combinationProblems(options: Pick<ProjectOptions, 'upstream' | 'auth'> & Partial<Pick<ProjectOptions, 'storage' | 'deploy'>>): string[] {
  const problems: string[] = [];
  if (options.storage !== undefined) {
    const fitting = deployTargetsFor(options.storage);
    for (const target of (options.deploy ?? []).filter((target) => !fitting.includes(target))) {
      const unit: DeployUnit = unitOf(CATALOG.deploy, target);
      problems.push(`--deploy ${target} (${unit.label}) does not work with --storage ${options.storage}; it needs one of: ${(unit.storages ?? []).join(', ')}`);
    }
  }
  const allowed = authStrategiesFor(options.upstream);
  if (!allowed.includes(options.auth)) {
    problems.push(
      `--auth ${options.auth} does not work with --upstream ${options.upstream} (${unitOf(CATALOG.upstream, options.upstream).label}); ` +
        `choose one of: ${allowed.join(', ')}`,
    );
  }
  return problems;
}
