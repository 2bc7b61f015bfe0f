import { defineConfig } from 'vitest/config';

// Unit and property tests only: Playwright specs in e2e/ run under Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts'],
    environment: 'node',
    // Exhaustive explorations and 10,000-schedule properties take seconds on a slow machine.
    testTimeout: 120_000,
  },
});
