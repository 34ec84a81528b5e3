import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A scratch folder outside the project for files tests write, removed after the run.
    globalSetup: ['tests/global-setup.ts'],
    // The stdio and tools:sync tests spawn real child processes; give them room on slow CI runners.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
