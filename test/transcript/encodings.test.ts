// The same transcript as UTF-8, UTF-8 with BOM, UTF-16 LE/BE (with and without BOM, as `.logopen /u`
// writes), with LF, CRLF or CR line ends, and fed in odd-sized chunks, gives the same facts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIngest } from '../../engine/ingest/ingest.js';
import { sniffEncoding } from '../../engine/transcript/decode.js';
import type { FactsDocument } from '../../engine/types/facts.js';

const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const body = bom ? `\ufeff${text}` : text;
  const out = new Uint8Array(body.length * 2);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

/** Ingest bytes in chunks of the given sizes (cycled), as a stream would deliver them. */
function ingestChunks(bytes: Uint8Array, sizes: number[]): FactsDocument {
  const ingest = createIngest();
  const w = ingest.source('acp.log');
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    w.bytes(bytes.subarray(at, at + n));
    at += n;
  }
  w.end();
  return ingest.finish();
}

/** Facts without the per-source bookkeeping that legitimately differs (encoding name, byte count). */
function comparable(f: FactsDocument): unknown {
  return { ...f, sources: f.sources.map((s) => ({ name: s.name, lines: s.lines })) };
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const reference = comparable(ingestChunks(utf8(ACP), [1 << 16]));

describe('encodings and line ends', () => {
  it('the ACP transcript is fully recognised (every block parsed)', () => {
    const f = ingestChunks(utf8(ACP), [1 << 16]);
    expect(f.stats.unparsedBlocks).toBe(0);
    // Twelve prompts in the log (grep -c 'kd> '), each a parsed block.
    expect(f.blocks.map((b) => b.family)).toEqual(['poolused', 'breakpoints', 'stack', 'symbols', 'registers', 'memory', 'dt', 'dt', 'poolfind', 'dt', 'dt', 'dt']);
    expect(f.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });

  const variants: Array<[string, Uint8Array, string]> = [
    ['UTF-8 with BOM', utf8(`\ufeff${ACP}`), 'utf-8-bom'],
    ['UTF-8 CRLF', utf8(ACP.replace(/\n/g, '\r\n')), 'utf-8'],
    ['UTF-8 CR only', utf8(ACP.replace(/\n/g, '\r')), 'utf-8'],
    ['UTF-16LE with BOM, CRLF (.logopen /u)', utf16(ACP.replace(/\n/g, '\r\n'), false, true), 'utf-16le'],
    ['UTF-16LE without BOM', utf16(ACP, false, false), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(ACP, true, true), 'utf-16be'],
    ['UTF-16BE without BOM', utf16(ACP, true, false), 'utf-16be'],
  ];
  for (const [name, bytes, encoding] of variants) {
    it(`${name} gives the same facts as UTF-8`, () => {
      const f = ingestChunks(bytes, [1 << 16]);
      expect(f.sources[0]!.encoding).toBe(encoding);
      expect(comparable(f)).toEqual(reference);
    });
  }

  it('chunk boundaries anywhere (inside a CRLF, inside a UTF-16 code unit) change nothing', () => {
    const crlf16 = utf16(ACP.replace(/\n/g, '\r\n'), false, true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        expect(comparable(ingestChunks(crlf16, sizes))).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('sniffs encodings from the first bytes', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x30]))).toBe('utf-8-bom');
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x30, 0]))).toBe('utf-16le');
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0, 0x30]))).toBe('utf-16be');
    expect(sniffEncoding(utf8('0: kd> !poolused 2\n'))).toBe('utf-8');
    expect(sniffEncoding(utf16('0: kd> !poolused 2\n', false, false))).toBe('utf-16le');
  });
});
