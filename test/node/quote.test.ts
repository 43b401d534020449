import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_LINES, quoteEvidence, readLines } from '../../engine/node/quote.js';
import { acpReport } from '../report/sample-report.js';

const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-quote-'));
const LINES = Array.from({ length: 200 }, (_, i) => `line ${i + 1}`);

describe('readLines', () => {
  it('returns the asked ranges with the same numbering for LF, CRLF, CR and UTF-16', async () => {
    const variants: Array<[string, Buffer]> = [
      ['lf', Buffer.from(LINES.join('\n'))],
      ['crlf', Buffer.from(LINES.join('\r\n') + '\r\n')],
      ['cr', Buffer.from(LINES.join('\r'))],
      ['u16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES.join('\r\n'), 'utf16le')])],
    ];
    for (const [name, bytes] of variants) {
      const file = join(tmp, `${name}.log`);
      writeFileSync(file, bytes);
      const got = await readLines({ path: file }, [{ first: 3, last: 4 }, { first: 150, last: 150 }]);
      expect([...got.entries()], name).toEqual([
        [3, 'line 3'],
        [4, 'line 4'],
        [150, 'line 150'],
      ]);
    }
  });

  it('keeps at most MAX_QUOTE_LINES of one range and reads retained stdin chunks', async () => {
    const got = await readLines({ retained: [Buffer.from(LINES.join('\n'))] }, [{ first: 1, last: 200 }]);
    expect(got.size).toBe(MAX_QUOTE_LINES);
    expect(got.get(MAX_QUOTE_LINES)).toBe(`line ${MAX_QUOTE_LINES}`);
  });

  it('trims trailing blanks as ingest does', async () => {
    const file = join(tmp, 'blanks.log');
    writeFileSync(file, 'a   \nb\t\n');
    expect([...(await readLines({ path: file }, [{ first: 1, last: 2 }])).values()]).toEqual(['a', 'b']);
  });
});

describe('quoteEvidence', () => {
  it('fills the quote of evidence items from the inputs, leaving existing quotes alone', async () => {
    const file = join(tmp, 'transcript.log');
    writeFileSync(file, LINES.join('\n'));
    const report = acpReport();
    const ev = report.findings[0]!.evidence;
    ev.push({ id: 'x', description: 'two lines', source: file, lines: [10, 11] });
    ev.push({ id: 'y', description: 'unknown source', source: 'other.log', lines: [1, 1] });
    await quoteEvidence(report, [{ name: file, path: file, bytes: 0, lines: 200 }]);
    expect(ev[1]!.quote).toEqual(['line 10', 'line 11']);
    expect(ev[2]!.quote).toBeUndefined();
    expect(ev[0]!.quote![0]).toContain('amda   5768754');
  });
});
