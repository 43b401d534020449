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

  describe('two logs of different encodings joined in one file', () => {
    // The ACP log cut before `0: kd> !poolfind amda -nonpaged` (line 72): a `.logopen /u` log (UTF-16LE, BOM,
    // CR LF) with plain text appended, and the other way round. Everything after the switch must still be read.
    const lines = ACP.split('\n');
    const before = lines.slice(0, 71).join('\n') + '\n';
    const after = lines.slice(71).join('\n');
    const u16 = (text: string): Uint8Array => utf16(text.replace(/\n/g, '\r\n'), false, true);
    const join = (a: Uint8Array, b: Uint8Array): Uint8Array => new Uint8Array([...a, ...b]);
    const joined: Array<[string, Uint8Array, string, string]> = [
      ['UTF-8 then UTF-16LE', join(utf8(before), u16(after)), 'utf-8', 'utf-16le'],
      ['UTF-16LE then UTF-8', join(u16(before), utf8(after)), 'utf-16le', 'utf-8'],
    ];
    /** The reference facts but for the one diagnostic the switch adds. */
    const withoutSwitch = (f: FactsDocument): unknown => comparable({ ...f, diagnostics: f.diagnostics.filter((d) => d.code !== 'encoding-changed') });
    for (const [name, bytes, from, to] of joined) {
      it(`${name}: one diagnostic at line 72, and the facts after it are found with their line numbers`, () => {
        const f = ingestChunks(bytes, [1 << 16]);
        expect(f.diagnostics.filter((d) => d.code === 'encoding-changed')).toEqual([
          expect.objectContaining({ line: 72, message: expect.stringContaining(`from ${from.toUpperCase()} to ${to.toUpperCase()}`) }),
        ]);
        expect(f.sources[0]!.encoding).toBe(from);
        // After the switch: the first !poolfind row (line 76, `ffffda0ff9791000 : tag amda, size   0x18f0`) and the
        // FxObject of the work item (`dt Wdf01000!FxObject ffffda000f16ed30+10` at line 123, its fields from 124).
        expect(f.poolBlockGroups.map((g) => [g.tag, g.size, g.provenance.lines[0]])[0]).toEqual(['amda', 0x18f0, 76]);
        expect(f.typedObjects.some((o) => o.address === 'ffffda000f16ed40' && o.provenance.lines[0] === 124)).toBe(true);
        expect(withoutSwitch(f)).toEqual(reference);
      });

      it(`${name}: the same in chunks of any size`, () => {
        fc.assert(
          fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }), (sizes) => {
            const f = ingestChunks(bytes, sizes);
            expect(f.diagnostics.filter((d) => d.code === 'encoding-changed').map((d) => d.line)).toEqual([72]);
            expect(withoutSwitch(f)).toEqual(reference);
          }),
          { numRuns: 15 },
        );
      });
    }

    it('a stray NUL in UTF-8 text (binary junk) is not a switch', () => {
      const f = ingestChunks(utf8(ACP.replace('8: kd> k\n', '8: kd> k\n\u0000\u0001 junk\u0000\n')), [1 << 16]);
      expect(f.diagnostics.filter((d) => d.code === 'encoding-changed')).toEqual([]);
      const sizes = (d: FactsDocument): number[] => d.poolBlockGroups.map((g) => g.size);
      expect(sizes(f)).toEqual(sizes(ingestChunks(utf8(ACP), [1 << 16])));
    });
  });
});

