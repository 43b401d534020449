// The reduce step of a batch: transcripts per bucket, the highest severity, a few example files.
// Accumulates records one at a time (memory grows with distinct buckets, not transcripts) and merges
// summaries made elsewhere, so a distributed run can reduce per partition, then once more.
import type { Severity } from '../types/facts.js';
import type { BatchRecord, BucketRow, BucketSummary } from '../types/batch.js';
import { SEVERITY_ORDER } from '../findings/build.js';

/** Example files kept per bucket. */
export const EXAMPLES = 3;

export interface BucketAccumulator {
  add(record: BatchRecord): void;
  merge(summary: BucketSummary): void;
  result(): BucketSummary;
}

const rank = (s: Severity): number => SEVERITY_ORDER.indexOf(s);
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function createBucketSummary(): BucketAccumulator {
  const rows = new Map<string, BucketRow>();
  const totals = { transcripts: 0, withFindings: 0, withoutFindings: 0, errors: 0 };

  const addRow = (row: BucketRow): void => {
    const prev = rows.get(row.bucket);
    if (!prev) {
      rows.set(row.bucket, { ...row, examples: [...row.examples].sort(byName).slice(0, EXAMPLES) });
      return;
    }
    prev.transcripts += row.transcripts;
    if (rank(row.severity) < rank(prev.severity)) prev.severity = row.severity;
    prev.examples = [...new Set([...prev.examples, ...row.examples])].sort(byName).slice(0, EXAMPLES);
  };

  return {
    add(record) {
      totals.transcripts++;
      if (record.status === 'error') {
        totals.errors++;
        return;
      }
      if (record.findings.length === 0) {
        totals.withoutFindings++;
        return;
      }
      totals.withFindings++;
      // A transcript counts once per bucket, at the highest severity it shows there.
      const mine = new Map<string, BucketRow>();
      for (const f of record.findings) {
        const row = mine.get(f.bucket);
        if (!row) mine.set(f.bucket, { bucket: f.bucket, slug: f.slug, severity: f.severity, transcripts: 1, examples: [record.file] });
        else if (rank(f.severity) < rank(row.severity)) row.severity = f.severity;
      }
      for (const row of mine.values()) addRow(row);
    },
    merge(summary) {
      totals.transcripts += summary.transcripts;
      totals.withFindings += summary.withFindings;
      totals.withoutFindings += summary.withoutFindings;
      totals.errors += summary.errors;
      for (const row of summary.buckets) addRow(row);
    },
    result() {
      const buckets = [...rows.values()]
        .map((r) => ({ ...r, examples: [...r.examples] }))
        .sort((a, b) => b.transcripts - a.transcripts || rank(a.severity) - rank(b.severity) || byName(a.bucket, b.bucket));
      return { type: 'summary', ...totals, buckets };
    },
  };
}

/** The summary of a whole list of records (for a test or a small batch held in memory). */
export function summarizeBuckets(records: Iterable<BatchRecord>): BucketSummary {
  const acc = createBucketSummary();
  for (const r of records) acc.add(r);
  return acc.result();
}
