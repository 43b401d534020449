// Build-time reads of repository files that never follow a symbolic link: a link inside a published
// folder (a case, a fixture, a doc page) could publish any file of the build machine, so it stops the
// build with its name. Every file read must also resolve (realpath) to a path inside the repository.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Repository folders the site reads pages, transcripts, fixtures and data from. */
export const PUBLISHED_FOLDERS = ['site/cases', 'rules/signatures', 'rules/reference', 'test/corpus'] as const;

export interface RepoTree {
  /** Files under a repository folder, relative to it, with `/` separators; [] when it is missing. */
  filesUnder(folder: string): string[];
  /** Sub-folders of a repository folder. */
  foldersUnder(folder: string): string[];
  /** Text of a repository file, or undefined when it does not exist. */
  readText(path: string): string | undefined;
  /** Throws, naming the first one, when a symbolic link lies anywhere under these folders. */
  assertNoLinks(folders: readonly string[]): void;
}

export class SymlinkError extends Error {
  constructor(readonly path: string) {
    super(`${path} is a symbolic link: the site publishes only files inside the repository and never follows a link (replace it with the file or folder itself)`);
    this.name = 'SymlinkError';
  }
}

export function createRepoTree(root: string): RepoTree {
  const top = realpathSync(root);
  const repoPath = (full: string) => relative(top, full).split(sep).join('/');

  /** The repository path resolved, after checking no part of it (below the root) is a link. */
  const inside = (path: string): string => {
    const full = join(top, path);
    const parts = relative(top, full).split(sep);
    if (parts[0] === '..') throw new Error(`${path} is outside the repository`);
    let at = top;
    for (const part of parts) {
      at = join(at, part);
      if (lstatSync(at, { throwIfNoEntry: false })?.isSymbolicLink()) throw new SymlinkError(repoPath(at));
    }
    // A link the walk cannot see (a file replaced between the checks) still ends outside.
    if (existsSync(full) && !realpathSync(full).startsWith(top + sep)) throw new Error(`${path} resolves outside the repository`);
    return full;
  };

  /** Every entry under a folder; links are refused, not listed. */
  const walk = (folder: string, recursive: boolean) => {
    const base = inside(folder);
    if (!existsSync(base)) return [];
    const entries = readdirSync(base, { recursive, withFileTypes: true });
    const link = entries.find((d) => d.isSymbolicLink());
    if (link) throw new SymlinkError(repoPath(join(link.parentPath, link.name)));
    return entries.map((d) => ({ dirent: d, path: relative(base, join(d.parentPath, d.name)).split(sep).join('/') }));
  };

  return {
    filesUnder: (folder) =>
      walk(folder, true)
        .filter((e) => e.dirent.isFile())
        .map((e) => e.path)
        .sort(),
    foldersUnder: (folder) =>
      walk(folder, false)
        .filter((e) => e.dirent.isDirectory())
        .map((e) => e.path)
        .sort(),
    readText(path) {
      const full = inside(path);
      return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    },
    assertNoLinks(folders) {
      for (const folder of folders) walk(folder, true);
    },
  };
}
