// Build-time file access for pages (frontmatter and endpoints run in Node during `astro build` and
// `astro dev`). Used where only names or raw text are needed, so Vite does not have to turn every
// fixture and transcript into a module. Never imported by client scripts.
import { createRepoTree } from './repo-tree.js';

export const repo = createRepoTree(__WDFLEAK_REPO_ROOT__);
export const { filesUnder, foldersUnder } = repo;
export const readRepoText = repo.readText;
