/**
 * A small covering set of combinations: every pair of values from two different dimensions that
 * occurs in some valid combination occurs in at least one chosen combination. Greedy, so not
 * minimal, but deterministic: the same inputs always choose the same cases.
 */
export function pairwise<T extends Record<string, unknown>>(candidates: readonly T[], keyOf: (value: unknown) => string = JSON.stringify): T[] {
  const pairsOf = (combination: T): string[] => {
    const entries = Object.entries(combination).map(([dimension, value]) => `${dimension}=${keyOf(value)}`);
    const pairs: string[] = [];
    for (let i = 0; i < entries.length; i++) for (let j = i + 1; j < entries.length; j++) pairs.push(`${entries[i]}&${entries[j]}`);
    return pairs;
  };
  const uncovered = new Set(candidates.flatMap(pairsOf));
  const chosen: T[] = [];
  while (uncovered.size > 0) {
    let best: T | undefined;
    let bestGain = 0;
    for (const candidate of candidates) {
      const gain = pairsOf(candidate).filter((pair) => uncovered.has(pair)).length;
      if (gain > bestGain) [best, bestGain] = [candidate, gain];
    }
    if (best === undefined) break;
    for (const pair of pairsOf(best)) uncovered.delete(pair);
    chosen.push(best);
  }
  return chosen;
}
