import { upstreamFeatures } from '../features/upstreams.js';
import { LABELS, type AuthStrategy, type ProjectOptions, type Upstream } from './schema.js';

/**
 * Combinations of otherwise valid values that cannot work together are judged here and nowhere
 * else; prompts use the same answers to offer only what fits.
 */
export function authStrategiesFor(upstream: Upstream): readonly AuthStrategy[] {
  return upstreamFeatures[upstream].authStrategies;
}

export function defaultAuthFor(upstream: Upstream): AuthStrategy {
  return upstreamFeatures[upstream].authStrategies[0];
}

export function combinationProblems(options: Pick<ProjectOptions, 'upstream' | 'auth'>): string[] {
  const problems: string[] = [];
  const allowed = authStrategiesFor(options.upstream);
  if (!allowed.includes(options.auth)) {
    problems.push(
      `--auth ${options.auth} does not work with --upstream ${options.upstream} (${LABELS.upstream[options.upstream].label}); ` +
        `choose one of: ${allowed.join(', ')}`,
    );
  }
  return problems;
}
