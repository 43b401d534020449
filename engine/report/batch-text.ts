// Batch output for people: one line per transcript as it completes, then the bucket summary table.
// File names and buckets come from the disk and the transcripts: shown through visible(), never obeyed.
import type { BatchRecord, BucketSummary } from '../types/batch.js';
import { visible } from './escape.js';
import { PLAIN, type Style } from './style.js';

export function formatBatchLine(r: BatchRecord, style: Style = PLAIN): string {
  const file = visible(r.file);
  const ms = style.dim(`${r.ms} ms`);
  if (r.status === 'error') return `${style.red('✗')} ${file}  ${ms}  ${style.red(r.error.kind === 'internal' ? 'internal error' : 'error')}: ${visible(r.error.message)}\n`;
  if (r.findings.length === 0) return `${style.dim('·')} ${file}  ${ms}  ${style.dim('no finding')}\n`;
  const shown = r.findings.map((f) => `${f.severity.toUpperCase()} ${f.slug} ${visible(f.bucket)}`).join('; ');
  return `${style.yellow('!')} ${file}  ${ms}  ${shown}\n`;
}

export function formatBucketSummary(s: BucketSummary, style: Style = PLAIN): string {
  const out: string[] = [];
  out.push(style.bold(`Buckets · ${s.transcripts} transcripts: ${s.withFindings} with findings, ${s.withoutFindings} without, ${s.errors} not analyzed`));
  if (s.buckets.length === 0) {
    out.push('  no finding in any transcript');
    return out.join('\n') + '\n';
  }
  const rows = s.buckets.map((b) => [String(b.transcripts), b.severity, visible(b.bucket), b.examples.map(visible).join(', ')]);
  const head = ['TRANSCRIPTS', 'SEVERITY', 'BUCKET', 'EXAMPLES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => '  ' + r.map((c, i) => (i === 0 ? c.padStart(widths[0]!) : i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  out.push(style.dim(line(head)), ...rows.map(line));
  return out.join('\n') + '\n';
}
