// A report reduced to one batch line: the findings' identity (signature, severity, confidence level,
// bucket, subject), without evidence or next steps, so a batch line stays a few hundred bytes.
import type { BatchFinding, BatchOk } from '../types/batch.js';
import type { Finding, Report } from '../types/findings.js';

export interface BatchInput {
  file: string;
  bytes: number;
  lines: number;
  ms: number;
}

export function batchRecord(input: BatchInput, report: Report): BatchOk {
  return { type: 'transcript', file: input.file, status: 'ok', findings: report.findings.map(batchFinding), bytes: input.bytes, lines: input.lines, ms: input.ms };
}

export function batchFinding(f: Finding): BatchFinding {
  return { id: f.signature.id, slug: f.signature.slug, severity: f.severity, confidence: f.confidence.level, bucket: f.bucket, subject: f.subject };
}
