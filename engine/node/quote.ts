// Evidence quotes: after analysis, re-read the line ranges that findings cite, in one streaming pass
// per file that stops after the last needed line. Lines are split and decoded exactly as ingest did
// (same decoder, same splitter, same cleaning), so line numbers agree.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Report } from '../types/findings.js';
import { createDecoder } from '../transcript/decode.js';
import { cleanLine, createLineSplitter } from '../transcript/lines.js';
import { CHUNK_BYTES, type ReadResult } from './read-input.js';
import { nodeAsciiText } from './ascii.js';

/** Longest quote kept per evidence item; longer ranges keep their first lines. */
export const MAX_QUOTE_LINES = 40;

export interface LineRange {
  first: number;
  last: number;
}

/** Lines `ranges` of one file (or of retained stdin bytes), keyed by line number. */
export async function readLines(input: { path?: string; retained?: Uint8Array[] }, ranges: readonly LineRange[]): Promise<Map<number, string>> {
  const wanted = normalize(ranges);
  const got = new Map<number, string>();
  if (wanted.length === 0) return got;
  const maxLine = wanted[wanted.length - 1]!.last;
  let lineNo = 0;
  let r = 0;
  let done = false;
  const splitter = createLineSplitter((raw) => {
    lineNo++;
    while (r < wanted.length && wanted[r]!.last < lineNo) r++;
    const range = wanted[r];
    if (range && lineNo >= range.first && lineNo <= range.last) got.set(lineNo, cleanLine(raw));
    if (lineNo >= maxLine) done = true;
  });
  const decoder = createDecoder(undefined, nodeAsciiText);
  const feed = (chunk: Uint8Array): void => splitter.write(decoder.write(chunk));
  if (input.retained) {
    for (const chunk of input.retained) {
      feed(chunk);
      if (done) break;
    }
  } else if (input.path) {
    let fd: number;
    try {
      fd = openSync(input.path, 'r');
    } catch {
      return got; // gone since it was analyzed: evidence keeps its line numbers
    }
    try {
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      while (!done) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        feed(buf.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  } else {
    return got;
  }
  if (!done) {
    splitter.write(decoder.end());
    splitter.end();
  }
  return got;
}

/** Sort and merge overlapping ranges, capping each at MAX_QUOTE_LINES. */
function normalize(ranges: readonly LineRange[]): LineRange[] {
  const capped = ranges
    .filter((x) => x.first >= 1 && x.last >= x.first)
    .map((x) => ({ first: x.first, last: Math.min(x.last, x.first + MAX_QUOTE_LINES - 1) }))
    .sort((a, b) => a.first - b.first);
  const out: LineRange[] = [];
  for (const x of capped) {
    const prev = out[out.length - 1];
    if (prev && x.first <= prev.last + 1) prev.last = Math.max(prev.last, x.last);
    else out.push({ ...x });
  }
  return out;
}

/**
 * Fill `quote` on every evidence item of `report` from the inputs that were read. Items that already
 * carry a quote, and sources that cannot be re-read (stdin over the retain limit), are left as they are.
 */
export async function quoteEvidence(report: Report, inputs: readonly ReadResult[]): Promise<void> {
  const bySource = new Map(inputs.map((i) => [i.name, i]));
  const need = new Map<string, LineRange[]>();
  for (const f of report.findings) {
    for (const e of f.evidence) {
      if (e.quote || !bySource.has(e.source)) continue;
      const list = need.get(e.source) ?? [];
      list.push({ first: e.lines[0], last: e.lines[1] });
      need.set(e.source, list);
    }
  }
  for (const [source, ranges] of need) {
    const lines = await readLines(bySource.get(source)!, ranges);
    for (const f of report.findings) {
      for (const e of f.evidence) {
        if (e.quote || e.source !== source) continue;
        const last = Math.min(e.lines[1], e.lines[0] + MAX_QUOTE_LINES - 1);
        const quote: string[] = [];
        for (let n = e.lines[0]; n <= last; n++) {
          const text = lines.get(n);
          if (text === undefined) break;
          quote.push(text);
        }
        if (quote.length) e.quote = quote;
      }
    }
  }
}
