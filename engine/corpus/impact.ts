// The corpus impact of a rules change: per transcript, the findings that appear, disappear or change
// (severity, confidence level, bucket, subject) between a base rule pack and the working one. A
// finding is the same finding in both runs when its signature and its subject (kind and id) match.
import type { BatchFinding } from '../types/batch.js';
import type { Report } from '../types/findings.js';
import { batchFinding } from '../report/batch-record.js';
import { stableStringify } from '../report/json.js';

export type ChangedField = 'severity' | 'confidence' | 'bucket' | 'subject';

export interface FindingChange {
  before: BatchFinding;
  after: BatchFinding;
  fields: ChangedField[];
}

export interface TranscriptImpact {
  name: string;
  appear: BatchFinding[];
  disappear: BatchFinding[];
  change: FindingChange[];
}

export interface CorpusImpact {
  transcripts: number;
  /** Only the transcripts where something differs, in corpus order. */
  changed: TranscriptImpact[];
  totals: { appear: number; disappear: number; change: number };
}

export interface CorpusRun {
  name: string;
  report: Report;
}

const keyOf = (f: BatchFinding): string => `${f.slug}\u0000${f.subject.kind}\u0000${f.subject.id}`;

function fieldsChanged(a: BatchFinding, b: BatchFinding): ChangedField[] {
  const out: ChangedField[] = [];
  if (a.severity !== b.severity) out.push('severity');
  if (a.confidence !== b.confidence) out.push('confidence');
  if (a.bucket !== b.bucket) out.push('bucket');
  if (stableStringify(a.subject) !== stableStringify(b.subject)) out.push('subject');
  return out;
}

/** Findings of one transcript under the base pack (`before`) and the working pack (`after`). */
export function findingsImpact(name: string, before: Report, after: Report): TranscriptImpact {
  const waiting = new Map<string, BatchFinding[]>();
  for (const f of before.findings.map(batchFinding)) {
    const k = keyOf(f);
    waiting.set(k, [...(waiting.get(k) ?? []), f]);
  }
  const out: TranscriptImpact = { name, appear: [], disappear: [], change: [] };
  for (const f of after.findings.map(batchFinding)) {
    const prev = waiting.get(keyOf(f))?.shift();
    if (!prev) {
      out.appear.push(f);
      continue;
    }
    const fields = fieldsChanged(prev, f);
    if (fields.length) out.change.push({ before: prev, after: f, fields });
  }
  for (const rest of waiting.values()) out.disappear.push(...rest);
  return out;
}

/** Pairs the two runs by transcript name (both ran over the same corpus entries). */
export function corpusImpact(base: readonly CorpusRun[], head: readonly CorpusRun[]): CorpusImpact {
  const before = new Map(base.map((r) => [r.name, r.report]));
  const changed: TranscriptImpact[] = [];
  const totals = { appear: 0, disappear: 0, change: 0 };
  for (const { name, report } of head) {
    const t = findingsImpact(name, before.get(name) ?? { ...report, findings: [] }, report);
    if (!t.appear.length && !t.disappear.length && !t.change.length) continue;
    changed.push(t);
    totals.appear += t.appear.length;
    totals.disappear += t.disappear.length;
    totals.change += t.change.length;
  }
  return { transcripts: head.length, changed, totals };
}
