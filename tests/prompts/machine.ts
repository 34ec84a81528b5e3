import type { ResolveEnvironment } from '../../src/prompts/resolve.js';

/** The machine as resolving sees it: every target directory free. */
export const TEST_MACHINE: Pick<ResolveEnvironment, 'targetProblem'> = {
  targetProblem: () => undefined,
};
