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
 * What a representative set shows of a combination: its option values, and its upstream together with
 * its auth strategy, since templates of an upstream branch on what the strategy does (users signing in
 * through the server or not).
 */
export function representedTraits(options: ProjectOptions): string[] {
  return [...optionValues(options), `upstream=${options.upstream}+auth=${options.auth}`];
}

/**
 * A small set of accepted combinations in which every value of every option, and every pair of
 * upstream and auth strategy, appears at least once. Chosen greedily in the order of
 * `allCombinations`, so the same schema always gives the same set, and a new value is picked up
 * without editing a list.
 */
export function representativeCombinations(candidates: readonly ProjectOptions[] = allCombinations()): ProjectOptions[] {
  return greedyCover(candidates, representedTraits);
}
