// wdfleak site: static pages for the cases, signatures and reference tables, plus the in-browser
// analyzer. `npm run site:build` from the repository root; output in site/dist.
//
// WDFLEAK_SITE_BASE  base path when the site is not served at the root, e.g. `/wdfleak/`
// WDFLEAK_SITE_URL   absolute site URL (canonical links), optional
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { markdownOptions } from './src/lib/markdown/options.ts';
import { createRepoTree, PUBLISHED_FOLDERS } from './src/lib/repo-tree.ts';

const base = process.env.WDFLEAK_SITE_BASE || '/';
/** The repository root: pages read rules/, engine/ and the case transcripts from it at build time. */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  output: 'static',
  outDir: './dist',
  base,
  ...(process.env.WDFLEAK_SITE_URL ? { site: process.env.WDFLEAK_SITE_URL } : {}),
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'auto' },
  devToolbar: { enabled: false },
  markdown: markdownOptions,
  // A symbolic link in a folder the site publishes from stops the build, naming it, before any page is read.
  integrations: [{ name: 'wdfleak-no-symlinks', hooks: { 'astro:config:setup': () => createRepoTree(repoRoot).assertNoLinks(PUBLISHED_FOLDERS) } }],
  vite: {
    // Build-time only (page frontmatter runs in Node): where to list fixtures and read transcripts.
    define: { __WDFLEAK_REPO_ROOT__: JSON.stringify(repoRoot) },
    // The analyzer's worker is a module worker; ES output lets the engine split into chunks.
    worker: { format: 'es' },
    server: {
      // Pages import the rules, the reference data and the engine from the repository root.
      fs: { allow: [repoRoot] },
    },
  },
});
