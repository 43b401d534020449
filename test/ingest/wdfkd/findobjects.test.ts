import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');
const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

describe('!wdffindobjects', () => {
  it('gives one fact per handle with the slots it was found in and the object pointer the output shows', () => {
    const f = ingestText(fixture('wdffindobjects/doc-x64.log'));
    expect(f.wdfHandles.map((h) => [h.handle, h.handleType, h.object, h.foundAt])).toEqual([
      ['0000057ffd184e08', 'WDFREQUEST', 'fffffa8002e7b1f0', ['fffffa600211b670', 'fffffa600211b6c8']],
      ['0000057ff955c9b8', 'WDFUSBPIPE', 'fffffa8006aa3640', ['fffffa600211b688', 'fffffa600211b6c0']],
      ['0000057ffc51ea18', 'WDFMEMORY', undefined, ['fffffa600211b6d8']],
    ]);
    expect(f.diagnostics).toEqual([]);
  });

  it('without the Type column, a value that differs from the handle is the object pointer', () => {
    const text = ['1: kd> !wdffindobjects 0xfffffa600211b668', '  0xfffffa600211b670  0xfffffa8002e7b1f0  !WDFREQUEST 0x0000057ffd184e08', '  0xfffffa600211b6d8  0x0000057ffc51ea18  !WDFMEMORY 0x0000057ffc51ea18'].join('\n');
    const f = ingestText(text);
    expect(f.wdfHandles[0]!.object).toBe('fffffa8002e7b1f0');
    expect(f.wdfHandles[1]!.object).toBeUndefined();
  });

  it('keeps the scanned slots as a memory dump from the start address (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-wdffindobjects.txt'));
    expect(f.memory).toHaveLength(2);
    for (const m of f.memory) {
      expect(m).toMatchObject({ address: 'fffffa600211b668', unit: 8 });
      expect(m.bytes).toHaveLength(16 * 16);
      expect(m.bytes.slice(0, 32)).toBe('0800000000000000f0b1e70280faffff');
    }
    expect(f.memory.map((m) => [m.command, m.provenance.lines])).toEqual([
      ['!wdffindobjects 0xfffffa600211b668', [5, 20]],
      ['!wdffindobjects 0xfffffa600211b668 1', [25, 40]],
    ]);
    expect(f.wdfHandles.map((h) => h.handle)).toEqual(['0000057ffd184e08', '0000057ff955c9b8', '0000057ffc51ea18', '0000057ffd184e08', '0000057ff955c9b8', '0000057ffc51ea18']);
    expect(f.diagnostics).toEqual([]);
  });

  it('starts a new dump where the slots are not contiguous', () => {
    const text = ['1: kd> !wdffindobjects 0x1000', '  0x00001000  0x00000008', '  0x00001004  0x7ca7b1c0  !WDFDEVICE 0x7ca7b1c0', '  0x00002000  0x00000001'].join('\n');
    const f = ingestText(text);
    expect(f.memory.map((m) => [m.address, m.unit, m.bytes])).toEqual([
      ['00001000', 4, '08000000c0b1a77c'],
      ['00002000', 4, '01000000'],
    ]);
  });
});
