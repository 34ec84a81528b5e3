import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The stdio and tools:sync tests spawn real child processes; give them room on slow CI runners.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
