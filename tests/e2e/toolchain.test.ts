import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PNPM_VERSION } from '../../src/options/package-manager.js';
import { nodeBinary, PROJECT_NODE_MAJORS, toolchainPnpmVersion } from '../support/toolchain.js';

/** What the suite's global setup installed for the generated projects (tests/e2e/toolchain). */
describe('the end-to-end toolchain', () => {
  it.each(PROJECT_NODE_MAJORS)('provides Node %i', async (major) => {
    const { stdout } = await execa(nodeBinary(major), ['--version']);
    expect(stdout).toMatch(new RegExp(`^v${major}\\.`));
  });

  // A pnpm project pins its release in `packageManager`; another release would fetch that one first.
  it('provides the pnpm release generated projects pin', () => {
    expect(toolchainPnpmVersion()).toBe(PNPM_VERSION);
  });
});
