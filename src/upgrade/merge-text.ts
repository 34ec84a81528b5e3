import { diff3Merge } from 'node-diff3';

/** Who wrote each side of a three-way merge, as conflict markers name them. */
export interface MergeLabels {
  /** The project as it is on disk: the user's side. */
  ours: string;
  /** The common ancestor: what the older generator rendered. */
  base: string;
  /** What this generator renders. */
  theirs: string;
}

export interface MergedText {
  text: string;
  /** How many regions both sides changed differently, each left between conflict markers. */
  conflicts: number;
}

/**
 * Merges two texts that both started from `base`, line by line (diff3): a change made on one side
 * only is taken; the same change made on both sides is taken once; different changes to the same
 * lines are both kept between git-style conflict markers (with the base in between, as git's diff3
 * style shows it). Line endings are compared without regard to CRLF, and the result keeps the user's.
 */
export function mergeText(base: string, ours: string, theirs: string, labels: MergeLabels): MergedText {
  const crlf = usesCrlf(ours);
  const lines = (text: string) => text.replace(/\r\n/g, '\n').split('\n');
  const merged: string[] = [];
  let conflicts = 0;
  for (const region of diff3Merge(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true })) {
    if (region.ok !== undefined) merged.push(...region.ok);
    else if (region.conflict !== undefined) {
      conflicts += 1;
      const { a, o, b } = region.conflict;
      merged.push(`<<<<<<< ${labels.ours}`, ...a, `||||||| ${labels.base}`, ...o, '=======', ...b, `>>>>>>> ${labels.theirs}`);
    }
  }
  const text = merged.join('\n');
  return { text: crlf ? text.replace(/\n/g, '\r\n') : text, conflicts };
}

/** Whether a text's lines end in CRLF (its first line break decides). */
export function usesCrlf(text: string): boolean {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r';
}

/** Equal texts but for CRLF against LF line endings. */
export function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}
