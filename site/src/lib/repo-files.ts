// Build-time file access for pages (frontmatter and endpoints run in Node during `astro build` and
// `astro dev`). Used where only names or raw text are needed, so Vite does not have to turn every
// fixture and transcript into a module. Never imported by client scripts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = __WDFLEAK_REPO_ROOT__;

/** Files under a repository folder, relative to it, with `/` separators; [] when it is missing. */
export function filesUnder(folder: string): string[] {
  const base = join(ROOT, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(base, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** Sub-folders of a repository folder. */
export function foldersUnder(folder: string): string[] {
  const base = join(ROOT, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Text of a repository file, or undefined when it does not exist. */
export function readRepoText(path: string): string | undefined {
  const full = join(ROOT, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}
