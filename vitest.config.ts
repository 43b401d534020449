import { defineConfig } from 'vitest/config';

// Plain vitest (not Astro's config): engine, CLI and site-module tests, plus the browser e2e tests.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'site/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
