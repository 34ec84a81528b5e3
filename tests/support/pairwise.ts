/**
 * The fewest candidates the greedy rule finds that together show every unit (`unitsOf`) any
 * candidate shows: each round takes the candidate showing the most units not yet shown, the first
 * one on a tie. Not minimal, but deterministic: the same inputs always choose the same cases.
 */
export function greedyCover<T>(candidates: readonly T[], unitsOf: (candidate: T) => string[]): T[] {
  const uncovered = new Set(candidates.flatMap(unitsOf));
  const chosen: T[] = [];
  while (uncovered.size > 0) {
    let best: T | undefined;
    let bestGain = 0;
    for (const candidate of candidates) {
      const gain = unitsOf(candidate).filter((unit) => uncovered.has(unit)).length;
      if (gain > bestGain) [best, bestGain] = [candidate, gain];
    }
    if (best === undefined) break;
    for (const unit of unitsOf(best)) uncovered.delete(unit);
    chosen.push(best);
  }
  return chosen;
}

/**
 * A small covering set of combinations: every pair of values from two different dimensions that
 * occurs in some valid combination occurs in at least one chosen combination (see `greedyCover`).
 */
export function pairwise<T extends Record<string, unknown>>(candidates: readonly T[], keyOf: (value: unknown) => string = JSON.stringify): T[] {
  const pairsOf = (combination: T): string[] => {
    const entries = Object.entries(combination).map(([dimension, value]) => `${dimension}=${keyOf(value)}`);
    const pairs: string[] = [];
    for (let i = 0; i < entries.length; i++) for (let j = i + 1; j < entries.length; j++) pairs.push(`${entries[i]}&${entries[j]}`);
    return pairs;
  };
  return greedyCover(candidates, pairsOf);
}
