import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ingestText } from '../../../engine/ingest/ingest.js';
import { parseHeaderRow } from '../../../engine/ingest/pool/pool-lines.js';
import type { PoolBlockFact } from '../../../engine/types/facts.js';
import { ingestJunk, junkTranscript } from '../junk.js';
import { fixtureSchemaErrors } from '../schema-check.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/windbg/pool/${name}`, import.meta.url), 'utf8');

/** Block as `address size state tag [*]`. */
const row = (b: PoolBlockFact): string =>
  `${b.address} ${b.size.toString(16)} ${b.state} ${b.tag}${b.containsQuery ? ' *' : ''}`;

describe('!pool, segment-heap generation', () => {
  const f = ingestText(fixture('segment-heap-paged.log'), 'c3');

  it('reads the region header and every block line', () => {
    expect(f.poolBlocks.map(row)).toEqual([
      'ffffde87fe461020 30 allocated CMNb',
      'ffffde87fe461080 30 free Ntf0',
      'ffffde87fe461140 30 allocated TEMP *',
    ]);
    for (const b of f.poolBlocks) {
      expect(b).toMatchObject({ previousSize: 0, large: false, region: 'Paged pool', queriedAddress: 'ffffde87fe461150' });
    }
  });

  it('ties the owning-component line to the queried block, without a description for Unknown', () => {
    const temp = f.poolBlocks[2]!;
    expect(temp.provenance).toMatchObject({ lines: [5, 6], command: '!pool rcx' });
    expect(temp.description).toBeUndefined();
    expect(f.poolTags).toEqual([]);
    expect(f.diagnostics).toEqual([]);
    expect(f.arch).toBe('x64');
  });
});

describe('!pool large allocations', () => {
  it('reads a large page allocation and its Pooltag line', () => {
    const f = ingestText(fixture('large-proc.log'));
    expect(f.poolBlocks).toEqual([
      {
        address: 'ffff8287ad34f000',
        size: 0x1000,
        state: 'allocated',
        tag: 'Proc',
        containsQuery: true,
        large: true,
        region: 'Nonpaged pool',
        description: 'Process objects',
        binary: 'nt!ps',
        queriedAddress: 'ffff8287ad34f9a4',
        provenance: { source: '<text>', lines: [3, 4], command: '!pool ffff8287`ad34f9a4', block: 0 },
      },
    ]);
    expect(f.poolTags).toEqual([{ tag: 'Proc', description: 'Process objects', binary: 'nt!ps', origin: 'transcript' }]);
  });

  it('passes over the session-pool lookup note', () => {
    const f = ingestText(fixture('large-session-gh05.log'));
    expect(f.poolBlocks.map(row)).toEqual(['fffff901400d0000 1090 allocated Gh05 *']);
    expect(f.poolBlocks[0]).toMatchObject({ large: true, region: 'Unknown', binary: 'win32k.sys', description: 'GDITAG_HMGR_SURF_TYPE' });
    expect(f.diagnostics).toEqual([]);
  });
});

describe('!pool, pre-19H1 x86 and x64', () => {
  it('reads quota owners, blank-padded tags, free blocks and the starred block (HEVD capture)', () => {
    const f = ingestText(fixture('x86-hevd-quota.log'));
    expect(f.poolBlocks.map(row)).toEqual([
      '85246000 c8 allocated Ntfx',
      '852460c8 10 free .PZH',
      '852460d8 20 allocated ReTa',
      '852460f8 20 allocated ReTa',
      '85246118 48 allocated Vad',
      '85246160 68 allocated NpFn',
      '852461c8 20 allocated ReTa',
      '852461e8 20 allocated ReTa',
      '85246208 168 free CcSc',
      '85246370 b8 allocated NbtD',
      '85246428 200 allocated Hack *',
      '85246628 20 allocated ReTa',
      '85246648 68 allocated FMsl',
    ]);
    expect(f.poolBlocks[5]).toMatchObject({ quotaProcess: '8507a030', previousSize: 0x48 });
    expect(f.poolBlocks[10]!.provenance.lines).toEqual([13, 14]);
    expect(f.diagnostics).toEqual([]);
    expect(f.arch).toBe('x86');
  });

  it('reads (Protected) with flag 2 and the tag description', () => {
    const f = ingestText(fixture('x64-protected-thread.log'));
    expect(f.poolBlocks).toHaveLength(1);
    expect(f.poolBlocks[0]).toMatchObject({
      address: 'fffffa800d168b00',
      size: 0x500,
      previousSize: 0x280,
      tag: 'Thre',
      protected: true,
      containsQuery: true,
      description: 'Thread objects',
      binary: 'nt!ps',
      queriedAddress: 'fffffa800d168b60',
    });
  });

  it('reads (Protected) on an unmarked block', () => {
    const f = ingestText(fixture('x86-txfp.log'));
    expect(f.poolBlocks.map(row)).toEqual([
      '850a5000 c40 allocated Devi',
      '850a5c40 30 allocated Ntfn',
      '850a5c70 48 allocated Vadl',
      '850a5cb8 348 allocated Txfp *',
    ]);
    expect(f.poolBlocks[0]!.protected).toBe(true);
    expect(f.poolBlocks[3]!.protected).toBeUndefined();
  });

  it('passes over block contents (flag 1) and elisions (Microsoft docs sample)', () => {
    const f = ingestText(fixture('doc-e1001050.log'));
    const first = f.poolBlocks.filter((b) => b.provenance.block === 0);
    const second = f.poolBlocks.filter((b) => b.provenance.block === 1);
    expect(first.map(row)).toEqual([
      'e1001000 40 allocated MmDT',
      'e1001040 10 free Mm',
      'e1001050 10 allocated ObDi *',
      'e1001060 10 allocated ObDi',
      'e1001070 10 allocated Symt',
      'e1001080 40 allocated ObDm',
      'e10010c0 10 allocated ObDi',
    ]);
    expect(second.map(row)).toEqual(first.slice(0, 4).map(row));
    // No `Pool page` header here: the queried address comes from the command.
    expect(first[0]!.queriedAddress).toBe('e1001050');
    expect(first[0]!.region).toBeUndefined();
    expect(f.diagnostics).toEqual([]);
  });
});

describe('!pool errors', () => {
  it('turns a freed address and a broken header chain into diagnostics', () => {
    const f = ingestText(fixture('freed-and-corrupt-src.log'));
    expect(f.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['pool-freed-or-corrupt', 4],
      ['pool-corruption', 8],
    ]);
    expect(f.diagnostics[0]!.message).toContain('ffffa30f12345000');
    expect(f.poolBlocks.map(row)).toEqual(['8a1b2000 40 allocated Ntfx']);
  });

  it('reads !poolval as the page check it is, not as a headless !pool block', () => {
    // Output of the InsightEngineering 0x19 double-free walk-through (DebugPrivilege), one line per shape.
    const text = [
      '0: kd> !poolval ffffbd06d46e0000',
      'Pool page ffffbd06d46e0000 region is Paged pool',
      '',
      'Validating Pool headers for pool page: ffffbd06d46e0000',
      '',
      'Pool page [ ffffbd06d46e0000 ] is INVALID.',
      '',
      'Analyzing linked list...',
      '[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]',
      '',
      '',
      'Scanning for single bit errors...',
      '',
      'None found',
    ].join('\n');
    const f = ingestText(text);
    expect(f.blocks.map((b) => [b.family, b.command, b.lines])).toEqual([['pool', '!poolval ffffbd06d46e0000', [1, 14]]]);
    expect(f.diagnostics.map((d) => [d.level, d.code, d.line])).toEqual([
      ['warning', 'pool-corruption', 6],
      ['info', 'pool-corruption-detail', 9],
    ]);
    expect(f.diagnostics[0]!.message).toContain('ffffbd06d46e0000');
  });

  it('reads the walk of current debuggers past an address in no pool', () => {
    // InsightEngineering, 0x19 after a double MmFreeContiguousMemory (DebugPrivilege), lines as printed.
    const f = ingestText([
      '0: kd> !pool ffffc48068d7d000',
      'Pool page ffffc48068d7d000 region is Unknown',
      'ffffc48068d7d000 is not a valid large pool allocation, checking large session pool...',
      'Unable to read large session pool table (Session data is not present in mini and kernel-only dumps)',
      'ffffc48068d7d000 is not valid pool. Checking for freed (or corrupt) pool',
      'Address ffffc48068d7d000 could not be read. It may be a freed, invalid or paged out page',
    ].join('\n'));
    expect(f.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['debugger-error', 4],
      ['pool-freed-or-corrupt', 6],
    ]);
    expect(f.diagnostics[1]!.message).toContain('ffffc48068d7d000 could not be read');
  });

  it('says nothing of a page !poolval found valid', () => {
    const f = ingestText('kd> !poolval e1001050\nPool page e1001050 region is Paged pool\n\nValidating Pool headers for pool page: e1001000\n\nPool page [ e1001000 ] is VALID.\n');
    expect(f.blocks).toHaveLength(1);
    expect(f.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });

  it('reports a line of no known shape', () => {
    const f = ingestText('0: kd> !pool 8a1b2c40\nPool page 8a1b2c40 region is Nonpaged pool\nsomething else entirely');
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'malformed-line', line: 3, expected: expect.stringContaining('Pool page') })]);
  });

  it('recognises output pasted without its command line', () => {
    const f = ingestText(fixture('segment-heap-paged.log').split('\n').slice(1).join('\n'));
    expect(f.blocks[0]).toMatchObject({ family: 'pool', parsed: true });
    expect(f.poolBlocks).toHaveLength(3);
  });

  it('junk, binary and cut lines under !pool never stop the parser', () => {
    const samples = ['x86-hevd-quota.log', 'large-proc.log', 'x64-protected-thread.log', 'doc-e1001050.log'].flatMap((n) => fixture(n).split('\n'));
    fc.assert(
      fc.property(junkTranscript(['!pool 85246430', '!pool rcx 2', '!pool'], samples), (text) => {
        const f = ingestJunk(text);
        expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
        for (const b of f.poolBlocks) expect(b.address).toMatch(/^[0-9a-f]+$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('block-header rows', () => {
  it('finds the tag after each state in both layouts, and in pastes with collapsed blanks', () => {
    expect(parseHeaderRow(' e1001040 size:   10 previous size:   40  (Free)       Mm')).toMatchObject({ tag: 'Mm', state: 'free', marked: false });
    expect(parseHeaderRow('82721c00 size:   10 previous size:   30  (Free)      SeSd')).toMatchObject({ tag: 'SeSd', state: 'free' });
    expect(parseHeaderRow('852460c8 size:   10 previous size:   c8  (Free ) Ntfx')).toMatchObject({ tag: 'Ntfx', state: 'free' });
    expect(parseHeaderRow('826fa130 size: c0 previous size: 40 (Allocated) SeSd')).toMatchObject({ tag: 'SeSd', size: 0xc0, previousSize: 0x40 });
    expect(parseHeaderRow(' 4a0 size: 10 previous size: 0 (Allocated) Ab')).toBeUndefined();
  });
});

describe('!pool: schema', () => {
  it('the facts of every capture in fixtures/windbg/pool validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('pool')).toEqual([]);
  });
});
