import { CATALOG, unitOf } from '../features/catalog.js';
import type { AuthStrategy, ProjectOptions, Upstream } from './schema.js';

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

export function combinationProblems(options: Pick<ProjectOptions, 'upstream' | 'auth'>): string[] {
  const problems: string[] = [];
  const allowed = authStrategiesFor(options.upstream);
  if (!allowed.includes(options.auth)) {
    problems.push(
      `--auth ${options.auth} does not work with --upstream ${options.upstream} (${unitOf(CATALOG.upstream, options.upstream).label}); ` +
        `choose one of: ${allowed.join(', ')}`,
    );
  }
  return problems;
}
