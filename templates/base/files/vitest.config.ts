import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A scratch folder outside the project for files tests write, removed after the run.
    globalSetup: ['tests/global-setup.ts'],
    // Much of this suite waits on child processes, sockets and timers rather than the CPU, so it runs one
    // test file per core and never fewer than two (Vitest's own default leaves a core idle, which on a
    // two-core CI runner means one file at a time and nearly twice the wall time).
    maxWorkers: Math.max(2, availableParallelism()),
    // The stdio and tools:sync tests spawn real child processes; give them room on slow CI runners.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
