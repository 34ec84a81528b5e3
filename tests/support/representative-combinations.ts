import type { ProjectOptions } from '../../src/options/schema.js';
import { allCombinations } from './combinations.js';
import { greedyCover } from './pairwise.js';

/** The option values a combination shows: one per option, one per deploy target. */
export function optionValues(options: ProjectOptions): string[] {
  return [
    `upstream=${options.upstream}`,
    `auth=${options.auth}`,
    `storage=${options.storage}`,
    ...options.deploy.map((target) => `deploy=${target}`),
    `packageManager=${options.packageManager}`,
  ];
}

/**
 * A small set of accepted combinations in which every value of every option appears at least once
 * (as many combinations as the option with the most values has). Chosen greedily in the order of
 * `allCombinations`, so the same schema always gives the same set, and a new value is picked up
 * without editing a list.
 */
export function representativeCombinations(candidates: readonly ProjectOptions[] = allCombinations()): ProjectOptions[] {
  return greedyCover(candidates, optionValues);
}
