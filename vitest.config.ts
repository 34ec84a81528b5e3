import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          // Many of these tests wait on child processes and the file system rather than the CPU: one file per
          // core and never fewer than two (Vitest's default leaves a core idle, one file at a time on two cores).
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      {
        // Generates real projects, installs them and runs their own checks: minutes, not seconds.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Installs Node 24 and 22, pnpm and the MCP Inspector for the generated projects (tests/e2e/toolchain).
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 15 * 60_000,
          hookTimeout: 15 * 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
