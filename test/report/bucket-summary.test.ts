// The reduce step of a batch, on hand-made records: a transcript counts once per bucket at its
// highest severity there, examples are the first names in order, and merging partial summaries (a
// distributed reduce) gives what one pass over all records gives.
import { describe, expect, it } from 'vitest';
import { createBucketSummary, summarizeBuckets } from '../../engine/report/bucket-summary.js';
import type { BatchFinding, BatchRecord } from '../../engine/types/batch.js';

const finding = (bucket: string, severity: BatchFinding['severity'], slug = 'tag-dominates-pool'): BatchFinding => ({
  id: 'WDFLEAK-0013',
  slug,
  severity,
  confidence: 'suspected',
  bucket,
  subject: { kind: 'tag', id: bucket },
});
const ok = (file: string, ...findings: BatchFinding[]): BatchRecord => ({ type: 'transcript', file, status: 'ok', findings, bytes: 1, lines: 1, ms: 1 });
const bad: BatchRecord = { type: 'transcript', file: 'junk.log', status: 'error', error: { kind: 'input', message: 'no WinDbg output' }, ms: 0 };

const records: BatchRecord[] = [
  ok('e.log', finding('POOL_LEAK_PAGED_Drsd', 'medium')),
  ok('d.log', finding('POOL_LEAK_PAGED_Drsd', 'low'), finding('POOL_LEAK_PAGED_Drsd', 'high')),
  ok('c.log', finding('POOL_LEAK_PAGED_Drsd', 'medium'), finding('POOL_EXHAUSTED_NONPAGED', 'high', 'pool-exhausted')),
  ok('b.log', finding('POOL_LEAK_PAGED_Drsd', 'medium')),
  ok('a.log'),
  bad,
];

describe('bucket summary', () => {
  it('counts transcripts per bucket, keeps the highest severity and the first three names', () => {
    expect(summarizeBuckets(records)).toEqual({
      type: 'summary',
      transcripts: 6,
      withFindings: 4,
      withoutFindings: 1,
      errors: 1,
      buckets: [
        { bucket: 'POOL_LEAK_PAGED_Drsd', slug: 'tag-dominates-pool', severity: 'high', transcripts: 4, examples: ['b.log', 'c.log', 'd.log'] },
        { bucket: 'POOL_EXHAUSTED_NONPAGED', slug: 'pool-exhausted', severity: 'high', transcripts: 1, examples: ['c.log'] },
      ],
    });
  });

  it('merges partial summaries into the summary of the whole', () => {
    const acc = createBucketSummary();
    acc.merge(summarizeBuckets(records.slice(0, 3)));
    acc.merge(summarizeBuckets(records.slice(3)));
    expect(acc.result()).toEqual(summarizeBuckets(records));
  });
});
