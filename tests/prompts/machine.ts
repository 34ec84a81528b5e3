import type { ResolveEnvironment } from '../../src/prompts/resolve.js';

/** The machine as resolving sees it: every target directory free, every package manager installed. */
export const TEST_MACHINE: Pick<ResolveEnvironment, 'targetProblem' | 'isInstalled'> = {
  targetProblem: () => undefined,
  isInstalled: () => true,
};
