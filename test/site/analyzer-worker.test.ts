// The analyzer page's worker reads its input in chunks to report progress: its report must be the one
// the engine gives for the whole text at once, for a paste and for a file's bytes (UTF-16 too), and its
// messages must say how far it got, in order, then match, then report.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzer } from '../signatures/fixtures.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { quoteFromText } from '../../engine/analyze.js';
import type { AnalyzeRequest, AnalyzerMessage } from '../../site/src/scripts/analyzer-worker.js';
import type { Report } from '../../engine/types/findings.js';
import { REPO } from './helpers.js';

const ACP = readFileSync(join(REPO, 'site/cases/acp-workitem-leak/transcript.log'), 'utf8');
/** About 300 KB: several chunks of the worker's 64 Ki. */
const TEXT = ACP.repeat(30);

/** The worker's global scope as the module sees it: messages out, one handler in. */
const scope = globalThis as unknown as { postMessage(m: AnalyzerMessage): void; onmessage: (e: { data: AnalyzeRequest }) => void };
let sent: AnalyzerMessage[] = [];

beforeAll(async () => {
  scope.postMessage = (m) => sent.push(m);
  await import('../../site/src/scripts/analyzer-worker.js');
});

async function runWorker(request: AnalyzeRequest): Promise<AnalyzerMessage[]> {
  sent = [];
  scope.onmessage({ data: request });
  await expect.poll(() => sent.at(-1)?.kind, { timeout: 20_000 }).toMatch(/^(done|failed)$/);
  return sent;
}

const whole = (name: string): Promise<Report> => analyzer.run(ingestText(TEXT, name), { status: 'test', quote: quoteFromText(name, TEXT) });

/** What a reader sees: the findings (the rest of a report holds timings). */
const findingsOf = (report: Report) => JSON.stringify(report.findings);

describe('analyzer worker', () => {
  it('reports on a paste exactly what the engine reports on the whole text', async () => {
    const messages = await runWorker({ name: 'pasted text', input: TEXT, status: 'test' });
    const done = messages.at(-1);
    expect(done?.kind).toBe('done');
    const report = (done as { report: Report }).report;
    expect(report.findings.map((f) => f.signature.slug)).toContain('workitem-created-in-dpc');
    expect(findingsOf(report)).toBe(findingsOf(await whole('pasted text')));
  });

  it('reads a UTF-16 file in chunks with the same result', async () => {
    const utf16 = new Uint8Array(Buffer.from('\ufeff' + TEXT, 'utf16le'));
    const messages = await runWorker({ name: 'dump.log', input: utf16, status: 'test' });
    const done = messages.at(-1) as { kind: string; report: Report };
    expect(done.kind).toBe('done');
    expect(findingsOf(done.report)).toBe(findingsOf(await whole('dump.log')));
  });

  it('says how far it got, in order and bounded, then that it matches, then the report', async () => {
    const messages = await runWorker({ name: 'pasted text', input: TEXT, status: 'test' });
    const kinds = messages.map((m) => m.kind);
    expect(kinds.slice(-2)).toEqual(['matching', 'done']);
    const progress = messages.filter((m): m is Extract<AnalyzerMessage, { kind: 'progress' }> => m.kind === 'progress');
    // At most one a tenth of a second: a 300 KB paste is five chunks, far fewer messages than lines.
    expect(progress.length).toBeLessThanOrEqual(5);
    for (const [i, p] of progress.entries()) {
      expect(p.total).toBe(TEXT.length);
      expect(p.done).toBeLessThanOrEqual(p.total);
      if (i > 0) expect(p.done).toBeGreaterThan(progress[i - 1]!.done);
    }
    // The ACP transcript has 165 lines (wc -l), pasted 30 times.
    expect(messages.find((m) => m.kind === 'matching')).toEqual({ kind: 'matching', lines: 165 * 30 });
  });
});
