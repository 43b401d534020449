// One transcript of the real-text corpus scored against its hand-written expectation, and the
// scoreboard over all of them. Pure: the runner (test/corpus/run.js) reads files and prints.
import type { FactsDocument } from '../types/facts.js';
import type { Finding, Report } from '../types/findings.js';
import { severityAtLeast } from '../findings/build.js';
import { factKeys, isKept } from './values.js';

export type CorpusKind = 'leak' | 'clean';

export interface CorpusSubject {
  tag?: string;
  driver?: string;
  bugcheck?: string;
  bugcheckArg1?: string;
  pool?: 'nonpaged' | 'paged';
}

export interface CorpusExpectation {
  signatures: string[];
  subject?: CorpusSubject;
  values: string[];
}

/** What the engine got out of one transcript; stored in the sidecar as `recorded`. */
export interface CorpusRecord {
  blocks: number;
  parsedBlocks: number;
  /** No block yielded facts: the paste was, in effect, refused. */
  refused: boolean;
  valuesKept: string[];
  valuesMissed: string[];
  /** A finding of an expected signature names the expected subject. */
  named: boolean;
  /** Findings at medium or above, as `slug subject-id`. */
  findings: string[];
  /** Findings at medium or above that quote no transcript line: each must cite its evidence. */
  uncited: string[];
}

export interface CorpusEntry {
  name: string;
  kind: CorpusKind;
  expect: CorpusExpectation;
  recorded?: CorpusRecord;
}

const normDriver = (s: string): string => s.trim().toLowerCase().replace(/\.(sys|dll|exe)$/, '');
const normHex = (s: string): string => {
  const t = s.trim().toLowerCase().replace(/^0x/, '').replace(/^0+(?=.)/, '');
  return /^[0-9a-f]+$/.test(t) ? t : s.trim().toLowerCase();
};

/** Does the finding name each identifier the expectation gives? */
export function namesSubject(f: Finding, want: CorpusSubject = {}): boolean {
  const s = f.subject;
  if (want.tag !== undefined && (s.tag ?? '').trim() !== want.tag.trim()) return false;
  if (want.driver !== undefined && normDriver(s.driver ?? '') !== normDriver(want.driver)) return false;
  if (want.bugcheck !== undefined && normHex(s.bugcheck ?? '') !== normHex(want.bugcheck)) return false;
  if (want.pool !== undefined && s.pool !== want.pool) return false;
  if (want.bugcheckArg1 !== undefined && normHex(s.bugcheckArg1 ?? '') !== normHex(want.bugcheckArg1)) return false;
  return true;
}

const atLeastMedium = (f: Finding): boolean => severityAtLeast(f.severity, 'medium');

export function scoreTranscript(entry: CorpusEntry, facts: FactsDocument, report: Report): CorpusRecord {
  const keys = factKeys(facts);
  const valuesKept: string[] = [];
  const valuesMissed: string[] = [];
  for (const v of entry.expect.values) (isKept(v, keys) ? valuesKept : valuesMissed).push(v);
  const parsedBlocks = facts.blocks.filter((b) => b.parsed).length;
  const expected = new Set(entry.expect.signatures);
  const named = report.findings.some((f) => expected.has(f.signature.slug) && namesSubject(f, entry.expect.subject));
  return {
    blocks: facts.blocks.length,
    parsedBlocks,
    refused: parsedBlocks === 0,
    valuesKept,
    valuesMissed,
    named,
    findings: report.findings.filter(atLeastMedium).map((f) => `${f.signature.slug} ${f.subject.id}`),
    uncited: report.findings.filter((f) => atLeastMedium(f) && !f.evidence.some((e) => e.lines[0] > 0)).map((f) => `${f.signature.slug} ${f.subject.id}`),
  };
}

export interface SignatureTally {
  truePositives: number;
  falsePositives: number;
  misses: number;
}

export interface Scoreboard {
  transcripts: number;
  leak: number;
  clean: number;
  refused: string[];
  blocks: { parsed: number; unparsed: number };
  values: { kept: number; total: number };
  named: { leak: number; of: number };
  /** Findings at medium or above on clean transcripts. */
  cleanFindings: number;
  signatures: Record<string, SignatureTally>;
}

export function scoreboard(entries: ReadonlyArray<{ entry: CorpusEntry; record: CorpusRecord }>): Scoreboard {
  const board: Scoreboard = {
    transcripts: entries.length,
    leak: 0,
    clean: 0,
    refused: [],
    blocks: { parsed: 0, unparsed: 0 },
    values: { kept: 0, total: 0 },
    named: { leak: 0, of: 0 },
    cleanFindings: 0,
    signatures: {},
  };
  const tally = (slug: string): SignatureTally => (board.signatures[slug] ??= { truePositives: 0, falsePositives: 0, misses: 0 });
  for (const { entry, record } of entries) {
    board[entry.kind]++;
    if (record.refused) board.refused.push(entry.name);
    board.blocks.parsed += record.parsedBlocks;
    board.blocks.unparsed += record.blocks - record.parsedBlocks;
    board.values.kept += record.valuesKept.length;
    board.values.total += record.valuesKept.length + record.valuesMissed.length;
    const found = new Set(record.findings.map((f) => f.split(' ')[0]!));
    if (entry.kind === 'clean') {
      board.cleanFindings += record.findings.length;
      for (const slug of found) tally(slug).falsePositives++;
      continue;
    }
    board.named.of++;
    if (record.named) board.named.leak++;
    const expected = entry.expect.signatures;
    for (const slug of expected) {
      if (found.has(slug) && record.named) tally(slug).truePositives++;
    }
    if (!record.named && expected[0]) tally(expected[0]).misses++;
    for (const slug of found) if (!expected.includes(slug)) tally(slug).falsePositives++;
  }
  return board;
}

/** What got worse since the recorded state; empty when nothing did. */
export function regressions(entry: CorpusEntry, now: CorpusRecord): string[] {
  const was = entry.recorded;
  if (!was) return [];
  const out: string[] = [];
  for (const f of now.uncited) out.push(`finding cites no transcript line: ${f}`);
  if (now.refused && !was.refused) out.push('no longer parsed (every block yields nothing)');
  if (now.parsedBlocks < was.parsedBlocks) out.push(`parsed blocks ${was.parsedBlocks} → ${now.parsedBlocks}`);
  for (const v of was.valuesKept) if (!now.valuesKept.includes(v)) out.push(`value no longer kept: ${v}`);
  if (was.named && !now.named) out.push('leak no longer named with its subject');
  if (entry.kind === 'clean') {
    for (const f of now.findings) if (!was.findings.includes(f)) out.push(`new finding on a clean transcript: ${f}`);
  }
  return out;
}
