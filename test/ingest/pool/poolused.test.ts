import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';
import { splitRow } from '../../../engine/ingest/pool/poolused.js';
import { POOLUSED_ROWS_PER_POOL } from '../../../engine/ingest/pool/top-rows.js';

const MODERN = [
  '0: kd> !poolused 2',
  '....................',
  ' Sorting by NonPaged Pool Consumed',
  '',
  '               NonPaged                  Paged',
  ' Tag     Allocs         Used     Allocs         Used',
  '',
  " amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt",
  ' IoWI   5769999    646239888          0            0\tIo work items , Binary: nt!io',
].join('\n');

const LEGACY = [
  '0: kd> !poolused',
  '   Sorting by  Tag',
  '',
  '  Pool Used:',
  '            NonPaged            Paged',
  ' Tag    Allocs     Used    Allocs     Used',
  " 1394        1      520         0        0UNKNOWN pooltag '1394', please update pooltag.txt",
  ' 8042        4     3944         0        0PS/2 kb and mouse , Binary: i8042prt.sys',
  ' ohci        1      136         0        01394 OHCI host controller driver ',
  " rx..       3     1248         0        0UNKNOWN pooltag '  rx', please update pooltag.txt",
  ' TOTAL     3570214 209120008     38769 13066104',
].join('\n');

const VERBOSE = [
  '0: kd> !poolused 1 Hack',
  '....',
  ' Sorting by Tag',
  '',
  '                            NonPaged                                         Paged',
  ' Tag       Allocs       Frees      Diff         Used       Allocs       Frees      Diff         Used',
  '',
  " Hack           1           0         1          112            0           0         0            0\tUNKNOWN pooltag 'Hack', please update pooltag.txt",
  '',
  'TOTAL           1           0         1          112            0           0         0            0',
].join('\n');

describe('!poolused', () => {
  it('reads modern rows: outstanding allocations, bytes, binary, unknown tags', () => {
    const f = ingestText(MODERN);
    expect(f.poolUsage).toHaveLength(2);
    const amda = f.poolUsage[0]!;
    expect(amda.tag).toBe('amda');
    expect(amda.nonpaged).toEqual({ allocs: 5768754, bytes: 1938325232 });
    expect(amda.paged).toEqual({ allocs: 32, bytes: 9360 });
    expect(amda.unknownTag).toBe(true);
    expect(f.poolUsage[1]).toMatchObject({ tag: 'IoWI', description: 'Io work items', binary: 'nt!io' });
    expect(f.poolUsageSnapshots[0]).toMatchObject({ sortedBy: 'nonpaged', generation: 'modern', verbose: false, flags: 2 });
    expect(amda.provenance).toMatchObject({ lines: [8, 8], command: '!poolused 2' });
    expect(f.diagnostics).toEqual([]);
  });

  it('cuts legacy rows by column, even when the description starts with digits', () => {
    const f = ingestText(LEGACY);
    const byTag = Object.fromEntries(f.poolUsage.map((r) => [r.tag, r]));
    expect(byTag['ohci']!.paged).toEqual({ allocs: 0, bytes: 0 });
    expect(byTag['ohci']!.description).toBe('1394 OHCI host controller driver');
    expect(byTag['1394']!.nonpaged).toEqual({ allocs: 1, bytes: 520 });
    expect(byTag['8042']).toMatchObject({ nonpaged: { allocs: 4, bytes: 3944 }, binary: 'i8042prt.sys' });
    // The doc's rx.. row is one column short; the drift of the earlier numbers corrects it.
    expect(byTag['rx..']!.nonpaged).toEqual({ allocs: 3, bytes: 1248 });
    expect(byTag['rx..']!.paged).toEqual({ allocs: 0, bytes: 0 });
    expect(f.poolUsageSnapshots[0]).toMatchObject({
      generation: 'legacy',
      sortedBy: 'tag',
      total: { nonpaged: { allocs: 3570214, bytes: 209120008 }, paged: { allocs: 38769, bytes: 13066104 } },
    });
  });

  it('reads verbose rows as Diff outstanding with cumulative allocs and frees', () => {
    const f = ingestText(VERBOSE);
    expect(f.poolUsage[0]).toMatchObject({ tag: 'Hack', nonpaged: { allocs: 1, bytes: 112, totalAllocs: 1, frees: 0 } });
    expect(f.poolUsageSnapshots[0]!.verbose).toBe(true);
    expect(f.poolUsageSnapshots[0]!.total!.nonpaged.bytes).toBe(112);
  });

  it('recognises output pasted without its command line', () => {
    const f = ingestText(MODERN.split('\n').slice(1).join('\n'));
    expect(f.poolUsage.map((r) => r.tag)).toEqual(['amda', 'IoWI']);
    expect(f.blocks[0]).toMatchObject({ family: 'poolused', parsed: true });
    expect(f.blocks[0]!.command).toBeUndefined();
  });

  it('reports a malformed row with its line and keeps the rest', () => {
    const text = MODERN.replace(' IoWI   5769999', ' IoWI   57x9999');
    const f = ingestText(text + '\n EtwB      1428    254173440          6       196608\tEtw Buffer , Binary: nt!etw');
    expect(f.poolUsage.map((r) => r.tag)).toEqual(['amda', 'EtwB']);
    expect(f.diagnostics[0]).toMatchObject({ code: 'malformed-line', line: 9 });
  });

  it('reads rows a paste moved: tag in column 0, blanks collapsed by a web page', () => {
    expect(splitRow('amda   5768754   1938325232          0            0\tUNKNOWN pooltag', 4)).toMatchObject({ tag: 'amda', numbers: [5768754, 1938325232, 0, 0] });
    expect(splitRow('amda 5768754 1938325232 0 0 UNKNOWN pooltag \'amda\', please update pooltag.txt', 4)).toMatchObject({ tag: 'amda', numbers: [5768754, 1938325232, 0, 0] });
    expect(splitRow(' Mm 5 120 0 0 general Mm Allocations , Binary: nt!mm', 4)).toMatchObject({ tag: 'Mm', numbers: [5, 120, 0, 0] });
    expect(splitRow('Mm 5 120 0 0\tgeneral Mm Allocations', 4)).toMatchObject({ tag: 'Mm', numbers: [5, 120, 0, 0] });
    expect(splitRow('not a row at all', 4)).toBeUndefined();
  });

  it('splits a row with a space-padded tag', () => {
    expect(splitRow(' Io         12      4096          0            0\tgeneral IO', 4)).toMatchObject({ tag: 'Io', numbers: [12, 4096, 0, 0] });
  });

  it('keeps the tags with the most bytes of a huge listing and says how many it left out', () => {
    // 12,000 tags: nonpaged bytes rise with the row, paged bytes fall; TOTAL counts them all.
    const n = 12_000;
    const rows = Array.from({ length: n }, (_, i) => ` ${i.toString(36).padStart(4, '0')}  1 ${(i + 1) * 16} 1 ${(n - i) * 16}`);
    const text = [MODERN.split('\n').slice(0, 7).join('\n'), ...rows, ' TOTAL 12000 1152096000 12000 1152096000'].join('\n');
    const f = ingestText(text);
    const limit = POOLUSED_ROWS_PER_POOL;
    expect(f.poolUsage).toHaveLength(2 * limit);
    // Kept: the first `limit` rows (most paged bytes) and the last `limit` (most nonpaged bytes).
    expect(f.poolUsage[limit - 1]!.paged.bytes).toBe((n - limit + 1) * 16);
    expect(f.poolUsage[limit]!.nonpaged.bytes).toBe((n - limit + 1) * 16);
    expect(f.poolUsage[limit]!.provenance.lines[0]).toBe(8 + n - limit);
    const dropped = n - 2 * limit;
    expect(f.poolUsageSnapshots[0]).toMatchObject({ droppedRows: dropped, partial: true, total: { nonpaged: { bytes: 1152096000 } } });
    expect(f.diagnostics).toHaveLength(1);
    expect(f.diagnostics[0]).toMatchObject({ code: 'rows-dropped', line: 2 });
    expect(f.diagnostics[0]!.message).toContain(`has ${n} tags`);
    expect(f.diagnostics[0]!.message).toContain(`left out ${dropped}`);
  });

  it('joins a description hard-wrapped onto the next line back to its row', () => {
    const doc = ingestText([
      '0: kd> !poolused 2',
      ' Sorting by NonPaged Pool Consumed',
      ' Tag     Allocs         Used     Allocs         Used',
      " amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda',",
      'please update pooltag.txt',
      ' IoWI   5769999    646239888          0            0\tIo work items , Binary:',
      'nt!io',
      ' IoWJ   5769999    646239888          0            0\tIo work items , Binary: nt!i',
      'o',
      " DAL3      1854    132887776          0            0\tUNKNOWN pooltag 'DAL3', ple",
      'ase update pooltag.txt',
      ' EtwB      1428    254173440          6       196608\tEtw Buffer , Binary: nt!etw',
    ].join('\n'));
    expect(doc.poolUsage.map(({ tag, description, binary, unknownTag }) => ({ tag, description, binary, unknownTag }))).toEqual([
      { tag: 'amda', description: undefined, binary: undefined, unknownTag: true },
      { tag: 'IoWI', description: 'Io work items', binary: 'nt!io', unknownTag: undefined },
      { tag: 'IoWJ', description: 'Io work items', binary: 'nt!io', unknownTag: undefined },
      { tag: 'DAL3', description: undefined, binary: undefined, unknownTag: true },
      { tag: 'EtwB', description: 'Etw Buffer', binary: 'nt!etw', unknownTag: undefined },
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'malformed-line')).toEqual([]);
  });

  it('reads legacy rows by words when a web page collapsed the columns, header included', () => {
    const doc = ingestText(['lkd> !poolused 3', ' Sorting by NonPaged Pool Consumed', ' Pool Used:', ' NonPaged', ' Tag Allocs Frees Diff Used', ' EtwB 304 134 170 6550080 Etw Buffer , Binary: nt!etw', ' File 32630649 32618671 11978 3752928 File objects'].join('\n'));
    expect(doc.poolUsage.map((r) => [r.tag, r.nonpaged.bytes, r.description])).toEqual([
      ['EtwB', 6550080, 'Etw Buffer'],
      ['File', 3752928, 'File objects'],
    ]);
  });
});

describe('a listing joined onto its command line', () => {
  // Microsoft Learn (ja-jp) "Using the Kernel Debugger to Find a Kernel-Mode Memory Leak" as a mirror's
  // stored text gives it: the code block lost its line breaks.
  const JOINED =
    'kd> !poolused 4 Sorting by Paged Pool Consumed Pool Used: NonPaged Paged Tag Allocs Used Allocs Used Abc 0 0 36405 33930272 Tron 0 0 552 7863232 IoN7 0 0 10939 998432 Gla5 1 128 2222 924352 Ggb 0 0 22 828384';

  it('reads the flags before `Sorting by`, the sort order and every row', () => {
    const f = ingestText(`${JOINED}\n`);
    expect(f.poolUsageSnapshots).toHaveLength(1);
    expect(f.poolUsageSnapshots[0]).toMatchObject({ flags: 4, sortedBy: 'paged', verbose: false });
    expect(f.poolUsageSnapshots[0]!.tagFilter).toBeUndefined();
    expect(f.poolUsage.map((r) => [r.tag, r.paged.allocs, r.paged.bytes])).toEqual([
      ['Abc', 36405, 33930272],
      ['Tron', 552, 7863232],
      ['IoN7', 10939, 998432],
      ['Gla5', 2222, 924352],
      ['Ggb', 22, 828384],
    ]);
    expect(f.poolUsage[3]!.nonpaged).toEqual({ allocs: 1, bytes: 128 });
    expect(f.poolUsage[0]!.provenance.lines).toEqual([1, 1]);
  });

  it('passes words of a description and reports a joined listing with no rows', () => {
    const f = ingestText(
      "0: kd> !poolused 2 Sorting by NonPaged Pool Consumed NonPaged Paged Tag Allocs Used Allocs Used amda 5768754 1938325232 32 9360 UNKNOWN pooltag 'amda', please update pooltag.txt IoWI 5769999 646239888 0 0 Io work items , Binary: nt!io\n",
    );
    expect(f.poolUsage.map((r) => [r.tag, r.nonpaged.allocs])).toEqual([['amda', 5768754], ['IoWI', 5769999]]);
    const g = ingestText('0: kd> !poolused 2 Sorting by NonPaged Pool Consumed (nothing)\n');
    expect(g.poolUsage).toEqual([]);
    expect(g.diagnostics).toMatchObject([{ code: 'malformed-line', line: 1 }]);
  });
});
