import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { toMemoryOrder } from '../../engine/ingest/memory.js';
import { ingestJunk, junkTranscript } from './junk.js';
import { fixtureSchemaErrors } from './schema-check.js';

const fixture = (dir: string, name: string): string => readFileSync(new URL(`../fixtures/windbg/${dir}/${name}`, import.meta.url), 'utf8');
const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');
const ascii = (hex: string): string => hex.match(/../g)!.map((b) => String.fromCharCode(parseInt(b, 16))).join('');

describe('memory dumps', () => {
  it('ACP `db rsp+20`: the start comes from the output, and the bytes spell "amda"', () => {
    const f = ingestText(ACP);
    expect(f.memory).toHaveLength(1);
    const m = f.memory[0]!;
    expect(m).toMatchObject({ address: 'ffffd68d7952ee50', unit: 1, command: 'db rsp+20', provenance: { lines: [53, 53] } });
    expect(m.bytes).toBe('616d6461' + '00'.repeat(12));
    expect(ascii(m.bytes.slice(0, 8))).toBe('amda');
  });

  it('`dd` lines merge into one fact and come back in memory order', () => {
    const f = ingestText(fixture('registers', 'x86-r-dd-gdi.log'));
    expect(f.memory).toHaveLength(1);
    const m = f.memory[0]!;
    expect(m).toMatchObject({ address: '00d7f7fc', unit: 4, command: 'dd esp', provenance: { lines: [8, 15] } });
    expect(m.bytes).toHaveLength(8 * 16 * 2);
    // 009c10d8 800fdf70 → d8 10 9c 00 70 df 0f 80
    expect(m.bytes.slice(0, 16)).toBe('d8109c0070df0f80');
    // last value of the last line: 7f1c5000 at 00d7f878
    expect(m.bytes.slice(-8)).toBe('00501c7f');
  });

  it('`db` reads only the byte columns, even when the ASCII column looks like hex', () => {
    const f = ingestText(fixture('memory', 'x64-ln-db-dd-lsasrv.log'));
    const [dd, db] = f.memory;
    expect(dd).toMatchObject({ address: '00007fff887b67cc', unit: 4, bytes: '001f1300' });
    expect(db).toMatchObject({ address: '00007fff888e86d0', unit: 1, bytes: 'd4d2219d995daf89379a480e59fc71d2' });
    expect(f.diagnostics).toEqual([]);
  });

  it('`dqs` keeps each slot with its symbol', () => {
    const f = ingestText(fixture('memory', 'x64-dqs.log'));
    expect(f.memory).toHaveLength(2);
    expect(f.memory[0]).toMatchObject({
      address: '00000001400ae418', unit: 8, bytes: 'e0fe950dfb7f0000',
      symbols: [{ address: '00000001400ae418', value: '00007ffb0d95fee0', symbol: 'KERNEL32!LoadLibraryW' }],
    });
    expect(f.memory[1]!.symbols).toEqual([{ address: '00000067064ff908', value: '00007ff799a811d9', symbol: 'WindowsConsoleApp!main+0x9' }]);
  });

  it('`dc` after a pasted breakpoint hit: values in memory order, ASCII column ignored', () => {
    const f = ingestText(fixture('memory', 'x64-dc-createprocess.log'));
    expect(f.breakpoints[0]).toMatchObject({ event: 'hit', id: 0, target: 'kernel32!CreateProcessW' });
    const m = f.memory[0]!;
    expect(m).toMatchObject({ address: '000000000378b9f8', unit: 4 });
    expect(m.bytes).toHaveLength(6 * 16 * 2);
    expect(ascii(m.bytes.slice(0, 32)).replace(/\0/g, '.')).toBe('".C.:./.d.l./.t.');
  });

  it('`dd` next to a DML `ln`, `db` with an expression, physical `!dq` with its `#` prefix', () => {
    const f = ingestText(fixture('memory', 'x86-dd-ln-pagedpools.log'));
    expect(f.memory[0]).toMatchObject({ address: '83daa014', unit: 4, bytes: '04000000000008000000000001000000' });
    const g = ingestText(fixture('memory', 'x64-db-pte.log'));
    expect(g.memory.map((m) => [m.address, m.bytes.slice(0, 4), m.unit])).toEqual([
      ['ffffeffbc0000006', '0080', 1],
      ['ffffeffbc0000006', '0000', 1],
      ['1adf80', '6390', 8],
    ]);
    expect(g.memory[2]!.bytes).toBe('6390b00400000000');
  });

  it('splits at unreadable memory and at gaps, and reports junk', () => {
    const f = ingestText([
      '0: kd> dd ffffd68d`7952ee50',
      'ffffd68d`7952ee50  61646d61 00000000 00000000 00000000',
      'ffffd68d`7952ee60  ???????? ???????? ???????? ????????',
      'ffffd68d`7952ee70  00000001 00000002 00000003 00000004',
      'ffffd68d`7952ef00  00000005',
      'not memory',
    ].join('\n'));
    expect(f.memory.map((m) => [m.address, m.bytes.length / 2])).toEqual([
      ['ffffd68d7952ee50', 16],
      ['ffffd68d7952ee70', 16],
      ['ffffd68d7952ef00', 4],
    ]);
    expect(f.diagnostics.map((d) => [d.level, d.code, d.line])).toEqual([
      ['info', 'unreadable-memory', 3],
      ['warning', 'malformed-line', 6],
    ]);
  });

  it('recognises a `db` line pasted without its command', () => {
    const f = ingestText('ffffd68d`7952ee50  61 6d 64 61 00 00 00 00-00 00 00 00 00 00 00 00  amda............');
    expect(f.blocks[0]).toMatchObject({ family: 'memory', parsed: true });
    expect(f.memory[0]).toMatchObject({ address: 'ffffd68d7952ee50', command: 'db' });
  });

  it('`dw` words and pointer-sized `dp`/`dds` (widths read from the values)', () => {
    // The ACP bytes shown as words: `dw` prints 6d61 for the bytes 61 6d.
    const f = ingestText(['8: kd> dw ffffd68d`7952ee50 L4', 'ffffd68d`7952ee50  6d61 6164 0000 0000'].join('\n'));
    expect(f.memory[0]).toMatchObject({ unit: 2, bytes: '616d646100000000' });
    const p = ingestText(['8: kd> dp ffffd68d`7952ee50 L2', 'ffffd68d`7952ee50  00000000`61646d61 00000000`00000000'].join('\n'));
    expect(p.memory[0]).toMatchObject({ unit: 8, bytes: '616d646100000000' + '00'.repeat(8) });
    // An x86 `dds` line as quoted in the format notes: one pointer and its symbol.
    const d = ingestText(['0: kd> dds 847a49a0 L1', '847a49a0  77476448 ntdll!KiUserExceptionDispatcher'].join('\n'));
    expect(d.memory[0]).toMatchObject({ unit: 4, bytes: '48644777', symbols: [{ address: '847a49a0', value: '77476448', symbol: 'ntdll!KiUserExceptionDispatcher' }] });
  });

  it('converts values to memory order', () => {
    expect(toMemoryOrder('61646d61')).toBe('616d6461');
    expect(toMemoryOrder('0000000061646d61')).toBe('616d646100000000');
    expect(toMemoryOrder('abcd')).toBe('cdab');
  });
});

describe('memory: junk never stops the parser', () => {
  const samples = [...ACP.split('\n').slice(51, 53), ...fixture('registers', 'x86-r-dd-gdi.log').split('\n'), ...fixture('memory', 'x64-dqs.log').split('\n'), ...fixture('memory', 'x64-dc-createprocess.log').split('\n')];
  it('arbitrary lines under every dump command', () => {
    fc.assert(fc.property(junkTranscript(['db rsp+20', 'dd esp', 'dq @rcx', 'dps @rsp', 'dc @rdx', 'dW 0', 'dp 0', '!dq 1000'], samples), (text) => {
      const f = ingestJunk(text);
      expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
      for (const m of f.memory) {
        expect(m.bytes).toMatch(/^(?:[0-9a-f]{2})+$/);
        expect(m.address).toMatch(/^[0-9a-f]+$/);
        expect((m.bytes.length / 2) % m.unit).toBe(0);
      }
    }), { numRuns: 300 });
  });
});

describe('memory: schema', () => {
  it('the facts of every capture in fixtures/windbg/memory validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('memory')).toEqual([]);
  });
});
