// Case transcripts (site/cases/<slug>/transcript.log), read from disk at build time. A folder is a
// case only with its write-up (case.md): a folder without one publishes nothing.
import type { RepoTree } from './repo-tree.js';

export function transcriptOf(repo: RepoTree, slug: string): string | undefined {
  return repo.readText(`site/cases/${slug}/transcript.log`);
}

/** Cases that have a write-up and a transcript beside it. */
export function transcriptSlugs(repo: RepoTree): string[] {
  return repo
    .foldersUnder('site/cases')
    .filter((slug) => repo.readText(`site/cases/${slug}/case.md`) !== undefined && transcriptOf(repo, slug) !== undefined);
}
