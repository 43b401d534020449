import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

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
});
