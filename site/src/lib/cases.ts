// Case transcripts (site/cases/<slug>/transcript.log), read at build time.
const transcripts = import.meta.glob<string>('../../cases/*/transcript.log', { query: '?raw', import: 'default', eager: true });

const bySlug = new Map(
  Object.entries(transcripts).map(([path, text]) => [path.split('/').at(-2)!, text] as const),
);

export function transcriptOf(slug: string): string | undefined {
  return bySlug.get(slug);
}

export const transcriptSlugs = [...bySlug.keys()];
