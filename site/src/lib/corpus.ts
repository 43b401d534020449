// The real-transcript corpus as the wiki shows it: every sidecar of test/corpus with what the engine got
// out of it when it was last recorded (`npm run corpus -- --update`), and the scoreboard over them, computed
// by the same scoring module the runner uses. Read at build time; nothing is analyzed here.
import type { CorpusEntry, CorpusRecord, Scoreboard } from '../../../engine/corpus/score.js';
import { scoreboard } from '../../../engine/corpus/score.js';

interface Sidecar {
  source: string;
  attribution?: string;
  shapes?: string[];
  note?: string;
  expect: CorpusEntry['expect'];
  recorded?: CorpusRecord;
}

const modules = import.meta.glob<Sidecar>('../../../test/corpus/{leak,clean}/*.json', { eager: true, import: 'default' });

export interface CorpusTranscript {
  name: string;
  kind: 'leak' | 'clean';
  source: string;
  shapes: string[];
  note?: string;
  expected: string[];
  record: CorpusRecord;
}

export const transcripts: CorpusTranscript[] = Object.entries(modules)
  .map(([path, s]) => {
    const [kind, file] = path.split('/').slice(-2) as ['leak' | 'clean', string];
    return s.recorded
      ? { name: `${kind}/${file.replace(/\.json$/, '')}`, kind, source: s.source, shapes: s.shapes ?? [], ...(s.note ? { note: s.note } : {}), expected: s.expect.signatures, record: s.recorded }
      : undefined;
  })
  .filter((t): t is CorpusTranscript => !!t)
  .sort((a, b) => (a.name < b.name ? -1 : 1));

export const board: Scoreboard = scoreboard(
  transcripts.map((t) => ({ entry: { name: t.name, kind: t.kind, expect: { signatures: t.expected, values: [] } }, record: t.record })),
);

/** The transcripts a signature was expected on or fired on, for its page. */
export function corpusHits(slug: string): { named: CorpusTranscript[]; missed: CorpusTranscript[]; falsePositives: CorpusTranscript[] } {
  const fired = (t: CorpusTranscript) => t.record.findings.some((f) => f.split(' ')[0] === slug);
  return {
    named: transcripts.filter((t) => t.kind === 'leak' && t.expected.includes(slug) && t.record.named && fired(t)),
    missed: transcripts.filter((t) => t.kind === 'leak' && t.expected[0] === slug && !t.record.named),
    falsePositives: transcripts.filter((t) => fired(t) && (t.kind === 'clean' || !t.expected.includes(slug))),
  };
}
