// Batch analysis records: one NDJSON line per transcript, and the bucket summary that reduces them.
// Small on purpose: a batch of a million transcripts keeps only the summary, never the reports.
import type { Severity } from './facts.js';
import type { ConfidenceLevel, FindingSubject } from './findings.js';

/** One finding as a batch line carries it: enough to bucket and triage, not the evidence. */
export interface BatchFinding {
  id: string;
  slug: string;
  severity: Severity;
  confidence: ConfidenceLevel;
  bucket: string;
  subject: FindingSubject;
}

/** A transcript analyzed on its own. */
export interface BatchOk {
  type: 'transcript';
  file: string;
  status: 'ok';
  findings: BatchFinding[];
  bytes: number;
  lines: number;
  /** Wall time of reading and analyzing this transcript, in milliseconds (varies run to run). */
  ms: number;
}

/** A transcript that could not be analyzed; the batch goes on. */
export interface BatchError {
  type: 'transcript';
  file: string;
  status: 'error';
  /** `input`: unreadable, binary, empty, no WinDbg output (analyze would exit 2); `internal`: a bug in wdfleak (exit 3). */
  error: { kind: 'input' | 'internal'; message: string };
  ms: number;
}

export type BatchRecord = BatchOk | BatchError;

/** One bucket across a batch. */
export interface BucketRow {
  bucket: string;
  slug: string;
  /** The highest severity a finding of this bucket had. */
  severity: Severity;
  /** Transcripts with at least one finding in the bucket. */
  transcripts: number;
  /** The first few files by name (sorted, so the summary does not depend on completion order). */
  examples: string[];
}

/** The reduce step of a batch: buckets by transcript count, and the totals. */
export interface BucketSummary {
  type: 'summary';
  transcripts: number;
  withFindings: number;
  withoutFindings: number;
  errors: number;
  buckets: BucketRow[];
}
