// Case transcripts (site/cases/<slug>/transcript.log), read from disk at build time.
import { foldersUnder, readRepoText } from './repo-files.js';

export function transcriptOf(slug: string): string | undefined {
  return readRepoText(`site/cases/${slug}/transcript.log`);
}

/** Cases that have a transcript beside them. */
export function transcriptSlugs(): string[] {
  return foldersUnder('site/cases').filter((slug) => transcriptOf(slug) !== undefined);
}
