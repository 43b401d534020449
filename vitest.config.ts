import { defineConfig } from 'vitest/config';

// Plain vitest (not Astro's config). Two projects:
// - unit: engine, CLI, rule and site-module tests; needs `npm run build` (the CLI tests run dist/), not the site;
// - site: tests over the built site (site/dist: link crawler, search quality, the browser tests); needs `npm run site:build`.
// `vitest run` runs both; `npm run test:unit` runs `--project unit`.
const SITE_BUILT = ['test/site/e2e.test.ts', 'test/site/built/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['node_modules/**', 'dist/**', 'site/**', ...SITE_BUILT] },
      },
      {
        extends: true,
        test: { name: 'site', include: SITE_BUILT, exclude: ['node_modules/**', 'dist/**', 'site/**'] },
      },
    ],
  },
});
