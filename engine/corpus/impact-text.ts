// `wdfleak rules diff` for people: the transcripts whose findings differ, one line per finding
// (+ appears, - disappears, ~ changes, with before → after), and a one-line summary.
import type { BatchFinding } from '../types/batch.js';
import type { CorpusImpact, FindingChange } from './impact.js';
import { visible } from '../report/escape.js';
import { PLAIN, type Style } from '../report/style.js';

export interface ImpactHeader {
  /** What the base pack is: `origin/main at 1a2b3c4`, or the folder given with --against. */
  base: string;
  baseSignatures: number;
  headSignatures: number;
  corpus: string;
}

const subjectText = (f: BatchFinding): string => visible(`${f.subject.kind} ${f.subject.id}`);
const findingText = (f: BatchFinding): string =>
  `${f.severity.toUpperCase()} ${f.confidence}  ${f.id} ${f.slug}  ${subjectText(f)}  ${visible(f.bucket)}`;

function changeText(c: FindingChange): string {
  const parts = c.fields.map((field) => {
    const show = (f: BatchFinding): string => (field === 'subject' ? JSON.stringify(f.subject) : visible(String(f[field])));
    return `${field} ${show(c.before)} → ${show(c.after)}`;
  });
  return `${c.after.id} ${c.after.slug}  ${subjectText(c.after)}: ${parts.join(', ')}`;
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function impactSummary(impact: CorpusImpact): string {
  const { appear, disappear, change } = impact.totals;
  if (impact.changed.length === 0) return `no finding changes on ${count(impact.transcripts, 'corpus transcript')}`;
  return `${count(impact.changed.length, 'transcript')} of ${impact.transcripts} change: ${count(appear, 'finding appears', 'findings appear')}, ${disappear} disappear${disappear === 1 ? 's' : ''}, ${change} change${change === 1 ? 's' : ''}`;
}

export function formatImpact(impact: CorpusImpact, header: ImpactHeader, style: Style = PLAIN): string {
  const out: string[] = [];
  out.push(style.bold(`wdfleak rules diff · base ${visible(header.base)}: ${count(header.baseSignatures, 'signature')} → working tree: ${count(header.headSignatures, 'signature')} · corpus ${visible(header.corpus)}`));
  for (const t of impact.changed) {
    out.push('', visible(t.name));
    for (const f of t.appear) out.push(`  ${style.green('+')} ${findingText(f)}`);
    for (const f of t.disappear) out.push(`  ${style.red('-')} ${findingText(f)}`);
    for (const c of t.change) out.push(`  ${style.yellow('~')} ${changeText(c)}`);
  }
  out.push('', impactSummary(impact));
  return out.join('\n') + '\n';
}
