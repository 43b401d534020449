// `wdfleak analyze --batch` / a folder: real corpus transcripts, a binary junk file and an empty file in
// a temp folder. Expected buckets are worked out by hand from the transcripts and the signatures:
// - both echosrv transcripts show bug check 0xC4 with Arg1 0x62 and IMAGE_NAME echosrv.sys, so
//   verifier-pool-leak-at-unload (high) with the bucket 0xc4_62_LEAKED_POOL_IMAGE_echosrv.sys
//   (engine/derive/unload-subjects.ts builds `0xc4_<arg1>_LEAKED_POOL_IMAGE_<image>`);
// - the poolmon Drsd example shows a paged tag whose Diff grows from 21 to 27, so tag-dominates-pool
//   (medium) with the bucket POOL_LEAK_{pool}_{tag} = POOL_LEAK_PAGED_Drsd;
// - the dokany transcript is a 0x50 page fault: no leak signature covers it.
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchRecord, BucketSummary } from '../../engine/types/batch.js';
import { ACP, ACP_POOLUSED, ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);

const corpus = (name: string): string => join(ROOT, 'test', 'corpus', name);
const dir = mkdtempSync(join(tmpdir(), 'wdfleak-batch-'));
mkdirSync(join(dir, 'nested'));
copyFileSync(corpus('leak/windows-driver-samples-205-echosrv-c4-62.txt'), join(dir, 'echosrv-c4-62.txt'));
copyFileSync(corpus('leak/windows-driver-samples-205-echosrv-vrf-leaked-bucket-du.txt'), join(dir, 'nested', 'echosrv-vrf.log'));
copyFileSync(corpus('leak/ms-learn-poolmon-examples-drsd-printer-leak.txt'), join(dir, 'drsd-poolmon.txt'));
copyFileSync(corpus('clean/dokany-46-page-fault-50.txt'), join(dir, 'dokany-50.txt'));
writeFileSync(join(dir, 'junk.log'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
writeFileSync(join(dir, 'empty.txt'), '');
writeFileSync(join(dir, 'notes.md'), '0: kd> !poolused 2\n'); // not *.log or *.txt: not a transcript
symlinkSync(join(dir, 'echosrv-c4-62.txt'), join(dir, 'link.log')); // links inside a folder are not followed

const FILES = ['dokany-50.txt', 'drsd-poolmon.txt', 'echosrv-c4-62.txt', 'empty.txt', 'junk.log', 'nested/echosrv-vrf.log'].map((f) => join(dir, f));

function ndjson(args: string[]): { status: number | null; lines: unknown[]; stderr: string } {
  const r = wdfleak(['analyze', ...args, '--format', 'ndjson']);
  return { status: r.status, stderr: r.stderr, lines: r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown) };
}

describe('wdfleak analyze <folder>: a batch', () => {
  const run = ndjson([dir, '--ordered', '--jobs', '2']);
  const records = run.lines.slice(0, -1) as BatchRecord[];
  const summary = run.lines.at(-1) as BucketSummary;

  it('prints one NDJSON line per transcript, in name order with --ordered, then the summary', () => {
    expect(records.map((r) => r.file)).toEqual(FILES);
    expect(records.every((r) => r.type === 'transcript')).toBe(true);
    expect(summary.type).toBe('summary');
    expect(run.stderr).toContain(`${join(dir, 'link.log')}: a symbolic link, not followed`);
  });

  it('makes the junk and the empty file error lines naming the file, and goes on', () => {
    const byName = new Map(records.map((r) => [r.file, r]));
    for (const f of ['junk.log', 'empty.txt']) {
      const r = byName.get(join(dir, f))!;
      expect(r.status).toBe('error');
      if (r.status === 'error') expect(r.error).toMatchObject({ kind: 'input', message: expect.stringMatching(/^no WinDbg output that wdfleak reads/) });
    }
    expect(byName.get(join(dir, 'empty.txt'))).toMatchObject({ error: { message: expect.stringContaining('(0 lines, ') } });
  });

  it('carries id, slug, severity, bucket and subject of each finding', () => {
    const echosrv = records.find((r) => r.file.endsWith('echosrv-c4-62.txt'))!;
    expect(echosrv).toMatchObject({ status: 'ok', findings: [{ id: 'WDFLEAK-0009', slug: 'verifier-pool-leak-at-unload', severity: 'high', bucket: '0xc4_62_LEAKED_POOL_IMAGE_echosrv.sys', subject: { kind: 'unload' } }] });
    const drsd = records.find((r) => r.file.endsWith('drsd-poolmon.txt'))!;
    expect(drsd).toMatchObject({ status: 'ok', findings: [{ slug: 'tag-dominates-pool', severity: 'medium', bucket: 'POOL_LEAK_PAGED_Drsd', subject: { tag: 'Drsd' } }] });
    expect(records.find((r) => r.file.endsWith('dokany-50.txt'))).toMatchObject({ status: 'ok', findings: [] });
    for (const r of records) expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('counts transcripts per bucket in the summary', () => {
    expect(summary).toEqual({
      type: 'summary',
      transcripts: 6,
      withFindings: 3,
      withoutFindings: 1,
      errors: 2,
      buckets: [
        { bucket: '0xc4_62_LEAKED_POOL_IMAGE_echosrv.sys', slug: 'verifier-pool-leak-at-unload', severity: 'high', transcripts: 2, examples: [join(dir, 'echosrv-c4-62.txt'), join(dir, 'nested', 'echosrv-vrf.log')] },
        { bucket: 'POOL_LEAK_PAGED_Drsd', slug: 'tag-dominates-pool', severity: 'medium', transcripts: 1, examples: [join(dir, 'drsd-poolmon.txt')] },
      ],
    });
  });

  it('exits 2 when a transcript could not be analyzed, 1 when a finding reaches --fail-on', () => {
    expect(run.status).toBe(2);
    expect(wdfleak(['analyze', dir, '--fail-on', 'high', '-q']).status).toBe(1);
    expect(wdfleak(['analyze', '--batch', join(dir, 'dokany-50.txt'), join(dir, 'drsd-poolmon.txt'), '--fail-on', 'high']).status).toBe(0);
    expect(wdfleak(['analyze', '--batch', join(dir, 'dokany-50.txt'), join(dir, 'drsd-poolmon.txt'), '--fail-on', 'medium']).status).toBe(1);
  });

  it('gives the same records in completion order (sorted, they match), with one worker or several', () => {
    const sorted = (rs: BatchRecord[]): string => JSON.stringify(rs.map((r) => ({ ...r, ms: 0 })).sort((a, b) => (a.file < b.file ? -1 : 1)));
    const one = ndjson([dir, '--jobs', '1', '-q']).lines.slice(0, -1) as BatchRecord[];
    const three = ndjson([dir, '--jobs', '3', '-q']).lines.slice(0, -1) as BatchRecord[];
    expect(sorted(one)).toBe(sorted(records));
    expect(sorted(three)).toBe(sorted(records));
  });

  it('prints a line per transcript and the bucket table as text', () => {
    const r = wdfleak(['analyze', dir, '-q']);
    expect(r.stdout).toContain(`! ${join(dir, 'drsd-poolmon.txt')}  `);
    expect(r.stdout).toMatch(/^✗ .*junk\.log {2}\d+ ms {2}error: no WinDbg output/m);
    expect(r.stdout).toMatch(/^· .*dokany-50\.txt {2}\d+ ms {2}no finding$/m);
    expect(r.stdout).toContain('Buckets · 6 transcripts: 3 with findings, 1 without, 2 not analyzed');
    expect(r.stdout).toMatch(/^ +2 {2}high {6}0xc4_62_LEAKED_POOL_IMAGE_echosrv\.sys {2}.*echosrv-c4-62\.txt, .*echosrv-vrf\.log$/m);
  });
});

describe('wdfleak analyze: batch and single case side by side', () => {
  it('still analyzes several files as one case without --batch', () => {
    const r = wdfleak(['analyze', ACP_POOLUSED, ACP, '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { sources: unknown[] };
    expect(report.sources).toHaveLength(2);
  });

  it('names a missing file in its error line and reads the others', () => {
    const { lines, status } = ndjson(['--batch', join(dir, 'missing.log'), join(dir, 'drsd-poolmon.txt')]);
    expect(lines[0]).toMatchObject({ file: join(dir, 'missing.log'), status: 'error', error: { kind: 'input', message: 'cannot read: no such file' } });
    expect(lines[1]).toMatchObject({ status: 'ok' });
    expect(status).toBe(2);
  });

  it('refuses batch options and formats that do not fit, with exit 2', () => {
    expect(oneLine(wdfleak(['analyze', ACP, '--jobs', '2']).stderr)).toContain('--jobs applies to a batch');
    expect(oneLine(wdfleak(['analyze', ACP, '--format', 'ndjson']).stderr)).toContain('--format ndjson is the batch format');
    expect(oneLine(wdfleak(['analyze', dir, '--format', 'json']).stderr)).toContain('a batch prints text or ndjson');
    expect(oneLine(wdfleak(['analyze', dir, '--jobs', '0']).stderr)).toContain('--jobs needs a whole number');
    expect(oneLine(wdfleak(['analyze', '--batch', '-']).stderr)).toContain('not stdin');
    const r = wdfleak(['analyze', dir, '--max-files', '3']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toContain('more than 3 transcripts; name fewer or raise --max-files');
  });
});
