import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIngest, ingestBytes, ingestText } from '../../../engine/ingest/ingest.js';
import { GROUPS_PER_SCAN, poolfind, parsePoolfindArgs, tagOfValue } from '../../../engine/ingest/pool/poolfind.js';
import { printedTagValue as valueOfTag } from '../../../engine/format/pool-tag.js';
import { FAMILIES } from '../../../engine/ingest/families.js';
import type { LaneParser } from '../../../engine/transcript/segment.js';
import type { BlockContext } from '../../../engine/types/ingest.js';
import type { FactsDocument, PoolBlockGroup } from '../../../engine/types/facts.js';
import { ingestJunk, junkTranscript } from '../junk.js';
import { fixtureSchemaErrors } from '../schema-check.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/windbg/poolfind/${name}`, import.meta.url), 'utf8');

/** Groups as `tag size(hex) section pool state count`, in first-seen order. */
const summary = (groups: PoolBlockGroup[]): string[] =>
  groups.map((g) => `${g.tag} ${g.size.toString(16)} ${g.section} ${g.pool} ${g.state} ${g.count}`);

/** Everything a run produced, for comparing two runs over the same text. */
const comparable = (f: FactsDocument): unknown => ({ ...f, sources: f.sources.map((s) => s.name) });

describe('!poolfind modern (ACP case)', () => {
  const f = ingestText(fixture('acp-amda-modern.log'), 'acp');

  it('folds the rows into groups per section and size', () => {
    // Counted by hand in the transcript: big-page table section lines 76–97 (22 rows), scan section
    // lines 101–110 (10 rows of 0x140).
    expect(summary(f.poolBlockGroups)).toEqual([
      'amda 18f0 large nonpaged allocated 2',
      'amda 3f0 large nonpaged allocated 2',
      'amda 140 large nonpaged allocated 14',
      'amda 300 large nonpaged allocated 1',
      'amda 3420 large nonpaged allocated 1',
      'amda 730 large nonpaged allocated 1',
      'amda 3d0 large nonpaged allocated 1',
      'amda 140 small nonpaged allocated 10',
    ]);
  });

  it('keeps the addresses of a group with their lines (all ten rows of the small amda 0x140 group)', () => {
    const small = f.poolBlockGroups[7]!;
    // Lines 30-39 of the fixture, as printed.
    const printed = ['ffffda000a9b6d30', 'ffffda000a9e0010', 'ffffda000a9e0400', 'ffffda000a9e07f0', 'ffffda000a9e0be0',
      'ffffda000f102140', 'ffffda000f102290', 'ffffda000f1023e0', 'ffffda000f16ed30', 'ffffda000f198e80'];
    expect(small.samples).toEqual(printed.map((address, i) => ({ address, line: 30 + i })));
    expect(small.provenance).toMatchObject({ lines: [30, 39], command: '!poolfind amda -nonpaged' });
    expect(f.poolBlockGroups[0]!.samples).toEqual([
      { address: 'ffffda0ff9791000', line: 5 },
      { address: 'ffffda0ff9793000', line: 14 },
    ]);
  });

  it('records the scan: tag value, ranges, interruption', () => {
    expect(f.poolScans).toEqual([
      {
        scan: 0,
        tag: 'amda',
        tagValue: 0x61646d61,
        poolArg: '-nonpaged',
        terminatedAt: 'ffffda000fb7df50',
        ranges: [
          { section: 'large', pool: 'unknown', start: 'ffffda0fe5b10000', end: 'ffffda0fe5f10000' },
          { section: 'small', pool: 'nonpaged', start: 'ffffda0000000000', end: 'ffffea0000000000' },
        ],
        blocks: 32,
        generation: 'modern',
        provenance: { source: 'acp', lines: [1, 40], command: '!poolfind amda -nonpaged', block: 0 },
      },
    ]);
    expect(f.diagnostics).toEqual([]);
    expect(f.blocks[0]).toMatchObject({ family: 'poolfind', parsed: true });
  });

  it('infers x64 from 16-digit addresses', () => {
    expect(f.arch).toBe('x64');
    expect(f.archEvidence).toContain('64-bit');
  });
});

describe('!poolfind legacy (Microsoft docs sample)', () => {
  const f = ingestText(fixture('doc-sesd-legacy.log'), 'doc');

  it('groups small blocks by size and state, one scan per command', () => {
    // Counted by hand: 3 × c0, 11 × a0, 2 free × 10, 2 × 60, 1 × 100 = 19 rows; then 2 × d0, 2 × a0.
    expect(summary(f.poolBlockGroups.filter((g) => g.scan === 0))).toEqual([
      'SeSd c0 small nonpaged allocated 3',
      'SeSd a0 small nonpaged allocated 11',
      'SeSd 10 small nonpaged free 2',
      'SeSd 60 small nonpaged allocated 2',
      'SeSd 100 small nonpaged allocated 1',
    ]);
    expect(summary(f.poolBlockGroups.filter((g) => g.scan === 1))).toEqual([
      'SeSd d0 small paged allocated 2',
      'SeSd a0 small paged allocated 2',
    ]);
    const free = f.poolBlockGroups.find((g) => g.state === 'free')!;
    expect(free.samples).toEqual([
      { address: '82721c00', line: 11 },
      { address: '8278b830', line: 19 },
    ]);
  });

  it('reads the legacy headers, the pool argument and the interruption', () => {
    expect(f.poolScans).toHaveLength(2);
    expect(f.poolScans[0]).toMatchObject({
      tag: 'SeSd',
      tagValue: 0x64536553,
      poolArg: '0',
      blocks: 19,
      generation: 'legacy',
      ranges: [
        { section: 'large', pool: 'unknown', start: '827d1000', end: '827e9000' },
        { section: 'small', pool: 'nonpaged', start: '823b1000', end: '82800000' },
        { section: 'small', pool: 'nonpaged', start: 'fe7c3000', end: 'ffbe0000' },
      ],
    });
    expect(f.poolScans[0]!.terminatedAt).toBeUndefined();
    expect(f.poolScans[1]).toMatchObject({ poolArg: '1', blocks: 4, terminatedAt: 'e1224000' });
    expect(f.poolScans[1]!.ranges[1]).toEqual({ section: 'small', pool: 'paged', start: 'e1000000', end: 'e4400000' });
    expect(f.diagnostics).toEqual([]);
    expect(f.arch).toBe('x86');
  });
});

describe('!poolfind other shapes', () => {
  it('reads a wildcard scan and a size printed as a bare 0, past the kd cache preamble', () => {
    const f = ingestText(fixture('wildcard-x86-modern.log'));
    expect(summary(f.poolBlockGroups)).toEqual([
      'XPPH 79e8 large nonpaged allocated 1',
      'Frag 0 large nonpaged allocated 1',
      'IdeP 600 large nonpaged allocated 1',
      'Cont a000 large nonpaged allocated 1',
    ]);
    expect(f.poolScans[0]).toMatchObject({ tag: '*', tagValue: 0x2020202a, poolArg: '-nonpaged', blocks: 4 });
    expect(f.diagnostics).toEqual([]);
    expect(f.arch).toBe('x86');
  });

  it('recognises output pasted without its command line', () => {
    const f = ingestText(fixture('proc-unprompted.log'));
    expect(f.blocks).toHaveLength(1);
    expect(f.blocks[0]).toMatchObject({ family: 'poolfind', parsed: true, lines: [1, 15] });
    expect(f.blocks[0]!.command).toBeUndefined();
    expect(summary(f.poolBlockGroups)).toEqual(['Proc b70 large nonpaged allocated 13']);
    expect(f.poolScans[0]).toMatchObject({ tag: 'Proc', tagValue: 0x636f7250, blocks: 13 });
    expect(f.poolScans[0]!.poolArg).toBeUndefined();
  });

  it('also recognises bare rows, modern and legacy', () => {
    const modern = ingestText('ffffda000f16ed30 : tag amda, size    0x140, Nonpaged pool\nffffda000f198e80 : tag amda, size    0x140, Nonpaged pool');
    expect(summary(modern.poolBlockGroups)).toEqual(['amda 140 unknown nonpaged allocated 2']);
    const legacy = ingestText('826fa130 size:   c0 previous size:   40  (Allocated) SeSd');
    expect(summary(legacy.poolBlockGroups)).toEqual(['SeSd c0 unknown unknown allocated 1']);
  });

  it('reads legacy big-page, quota, protected, lookaside-free and special-pool rows', () => {
    const f = ingestText(fixture('legacy-rows-src.log'));
    expect(summary(f.poolBlockGroups)).toEqual([
      // The big-page table holds every pool's blocks and its legacy rows do not say which.
      'Ntfx 2000 large unknown allocated 1',
      'Ntfx 1000 large unknown free 1',
      'Ntfx c8 small nonpaged allocated 1',
      // The quota owner took the tag's place; the scan's tag stands in.
      'Ntfx 68 small nonpaged allocated 1',
      'Ntfx c40 small nonpaged allocated 1',
      'Ntfx 10 small nonpaged free 1',
      'Ntfx 10 small special allocated 1',
      'Ntfx 100 small special allocated 1',
    ]);
    expect(f.poolBlockGroups[1]!.samples).toEqual([{ address: '8a3c6000', line: 6 }]);
    expect(f.poolScans.map((s) => [s.tag, s.blocks, s.generation])).toEqual([
      ['Ntfx', 6, 'legacy'],
      ['Ntfx', 2, 'legacy'],
    ]);
    expect(f.poolScans[1]!.ranges).toEqual([{ section: 'small', pool: 'special', start: 'a1000000', end: 'a3000000' }]);
    expect(f.diagnostics).toEqual([]);
  });

  it('takes the pool from the command when rows and headers do not say', () => {
    const f = ingestText('kd> !poolfind SeSd 1\ne10000b0 size:   d0 previous size:   20  (Allocated) SeSd');
    expect(summary(f.poolBlockGroups)).toEqual(['SeSd d0 unknown paged allocated 1']);
  });

  it('reads Paged and Session pool words of modern rows', () => {
    const f = ingestText([
      '0: kd> !poolfind MmSt -paged',
      'Searching paged pool (ffff8a0000000000 : ffff9a0000000000) for tag 0x74536d4d (MmSt)',
      'ffff8a0000001000 : tag MmSt, size     0x1a0, Paged pool',
      'ffff8a0000002000 : tag MmSt, size     0x1a0, Session pool',
    ].join('\n'));
    expect(summary(f.poolBlockGroups)).toEqual(['MmSt 1a0 small paged allocated 1', 'MmSt 1a0 small session allocated 1']);
    expect(f.poolScans[0]!.ranges[0]!.pool).toBe('paged');
  });
});

describe('!poolfind rows wrapped by a terminal', () => {
  const rows = fixture('acp-amda-modern.log').split('\n');
  it('joins a row cut after `size` with its continuation', () => {
    // Line 30 of the fixture, cut after `size` (the terminal's trailing blanks are gone).
    const text = [...rows.slice(0, 29), 'ffffda000a9b6d30 : tag amda, size', '    0x140, Nonpaged pool', ...rows.slice(30)].join('\n');
    const f = ingestText(text);
    expect(f.diagnostics).toEqual([]);
    const small = f.poolBlockGroups.find((g) => g.section === 'small')!;
    expect(small.count).toBe(10);
    expect(small.samples[0]).toEqual({ address: 'ffffda000a9b6d30', line: 30 });
  });

  it('joins rows cut inside a word or a number, and reports a fragment that joins nothing', () => {
    const text = [
      '0: kd> !poolfind amda -nonpaged',
      'ffffda000a9b6d30 : tag amda, size    0x1',
      '40, Nonpaged pool',
      'ffffda000a9e0010 : tag amda, size    0x140, Nonpa',
      'ged pool',
      'ffffda000a9e0400 : tag amda, si',
      'ffffda000a9e07f0 : tag amda, size    0x140, Nonpaged pool',
    ].join('\n');
    const f = ingestText(text);
    expect(summary(f.poolBlockGroups)).toEqual(['amda 140 unknown nonpaged allocated 3']);
    expect(f.diagnostics).toEqual([
      expect.objectContaining({ code: 'malformed-line', line: 6, expected: expect.stringContaining('tag XXXX') }),
    ]);
  });
});

describe('!poolfind on bad input', () => {
  it('reports junk lines with their numbers and keeps counting rows', () => {
    const f = ingestText([
      '0: kd> !poolfind amda',
      'ffffda000a9b6d30 : tag amda, size    0x140, Nonpaged pool',
      'this is not debugger output',
      'Searching nonpaged pool for tag',
      'ffffda000a9e0010 : tag amda, size    0x140, Nonpaged pool',
    ].join('\n'));
    expect(f.poolBlockGroups[0]!.count).toBe(2);
    expect(f.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['malformed-line', 3],
      ['malformed-line', 4],
    ]);
  });

  it('caps the diagnostics of one block', () => {
    const junk = Array.from({ length: 120 }, (_, i) => `junk line ${i}`);
    const f = ingestText(['0: kd> !poolfind amda', ...junk].join('\n'));
    expect(f.diagnostics.filter((d) => d.code === 'malformed-line')).toHaveLength(50);
    expect(f.diagnostics.at(-1)).toMatchObject({ code: 'malformed-lines-dropped', message: expect.stringContaining('70 more') });
  });

  it('turns debugger errors into diagnostics', () => {
    const f = ingestText('kd> !poolfind SeSd 0\nunable to get large pool allocation table - either wrong symbols or pool tagging is disabled');
    expect(f.diagnostics[0]).toMatchObject({ code: 'debugger-error', line: 2 });
    expect(f.poolScans[0]).toMatchObject({ tag: 'SeSd', blocks: 0 });
  });

  it('never throws and never hangs on arbitrary text', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom(
        'ffffda000a9b6d30 : tag amda, size    0x140, Nonpaged pool',
        '826fa130 size:   c0 previous size:   40  (Allocated) SeSd',
        '*8a3c2000 :large page allocation, Tag  is Ntfx, size  is 0x2000 bytes',
        'Scanning large pool allocation table for tag 0x61646d61 (amda) (ffffda0fe5b10000 : ffffda0fe5f10000)',
        'Searching NonPaged pool (823b1000 : 82800000) for Tag: SeSd',
        '...terminating - searched pool to e1224000',
        'ffffda000a9b6d30 : tag amda, size',
        '0: kd> !poolfind amda',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const f = ingestText(['0: kd> !poolfind amda -nonpaged', ...lines].join('\n'));
        expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
        for (const g of f.poolBlockGroups) expect(g.count).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('junk, binary and cut lines under !poolfind never stop the parser', () => {
    const samples = [...fixture('acp-amda-modern.log').split('\n'), ...fixture('doc-sesd-legacy.log').split('\n'), ...fixture('legacy-rows-src.log').split('\n')];
    fc.assert(
      fc.property(junkTranscript(['!poolfind amda -nonpaged', '!poolfind SeSd 0', '!poolfind * -paged'], samples), (text) => {
        const f = ingestJunk(text);
        expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
        const rows = f.poolBlockGroups.reduce((n, g) => n + g.count, 0);
        expect(f.poolScans.reduce((n, s) => n + s.blocks, 0)).toBe(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('long adversarial lines finish quickly', () => {
    const t0 = performance.now();
    ingestText(['0: kd> !poolfind amda', 'f'.repeat(60000), 'ffffda000a9b6d30 : tag amda, size ' + ' '.repeat(60000), '*'.repeat(60000)].join('\n'));
    expect(performance.now() - t0).toBeLessThan(10_000); // a hang guard against regex backtracking, not a speed measurement
  });
});

describe('!poolfind: schema', () => {
  it('the facts of every capture in fixtures/windbg/poolfind validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('poolfind')).toEqual([]);
  });
});

describe('!poolfind arguments', () => {
  it('reads tag strings, tag values and pool arguments of both generations', () => {
    expect(parsePoolfindArgs('amda -nonpaged')).toEqual({ tag: 'amda', tagValue: 0x61646d61, poolArg: '-nonpaged', pool: 'nonpaged' });
    expect(parsePoolfindArgs('0x61646d61')).toEqual({ tag: 'amda', tagValue: 0x61646d61 });
    expect(parsePoolfindArgs('SeSd 1')).toMatchObject({ tag: 'SeSd', poolArg: '1', pool: 'paged' });
    expect(parsePoolfindArgs('Gla1 -session')).toMatchObject({ pool: 'session' });
    expect(parsePoolfindArgs('-tag "AB C" -paged')).toMatchObject({ tag: 'AB C', pool: 'paged' });
    expect(parsePoolfindArgs('-x "dt nt!_MDL @$extret" Mdl')).toEqual({ tag: 'Mdl', tagValue: 0x206c644d });
    expect(parsePoolfindArgs('Mm*')).toEqual({ tag: 'Mm*' });
  });

  it('converts between tags and their little-endian values', () => {
    expect(valueOfTag('amda')).toBe(0x61646d61);
    expect(tagOfValue(0x61646d61)).toBe('amda');
    expect(tagOfValue(0x2020202a)).toBe('*');
    expect(valueOfTag('Io')).toBe(0x20206f49);
  });
});

describe('!poolfind read from bytes (the fast lane) gives the same facts as from text', () => {
  const acp = fixture('acp-amda-modern.log');
  const legacy = fixture('doc-sesd-legacy.log');
  const wrapped = acp.replace('ffffda000a9e0010 : tag amda, size    0x140, Nonpaged pool', 'ffffda000a9e0010 : tag amda, size\n    0x140, Nonpaged pool');
  // Enough rows that the lane runs, around lines it must leave to the text path.
  const many = Array.from({ length: 400 }, (_, i) => `ffffda00${(0x0a9b6d30 + i * 0x150).toString(16).padStart(8, '0')} : tag amda, size    0x${i % 7 === 0 ? '3f0' : '140'}, Nonpaged pool`);
  // Legacy rows in each state layout, a blank-padded tag, and rows the lane leaves to line().
  const states = ['(Allocated) SeSd', '(Free)      SeSd', '(Free ) SeSd', '(Allocated) Mm  ', '(Allocated) SeSd (Protected)', '(Allocated) Process: 8507a030'];
  const old = Array.from({ length: 300 }, (_, i) => `${(0x826fa130 + i * 0x40).toString(16)} size:   ${i % 5 === 0 ? 'a0' : 'c0'} previous size:   40  ${states[i % 6]}`);
  const log = [acp, 'µ-note: a non-ASCII line', legacy, wrapped, '0: kd> !poolfind amda', ...many, '', 'Searching paged pool (ffff8a0000000000 : ffff9a0000000000) for tag 0x61646d61 (amda)', ...many.slice(0, 50).map((r) => r.replace('Nonpaged', 'Paged')), 'kd> !poolfind SeSd 0', 'Searching NonPaged pool (823b1000 : 82800000) for Tag: SeSd', ...old, '0: kd> '].join('\n');

  const viaBytes = (text: string, cuts: number[]): FactsDocument => {
    const bytes = new TextEncoder().encode(text);
    const ingest = createIngest();
    const w = ingest.source('<text>');
    let at = 0;
    for (const c of [...cuts].sort((a, b) => a - b)) {
      const end = Math.min(bytes.length, Math.max(at, Math.floor(c * bytes.length)));
      w.bytes(bytes.subarray(at, end));
      at = end;
    }
    w.bytes(bytes.subarray(at));
    w.end();
    return ingest.finish();
  };

  for (const [name, text] of [
    ['LF', log],
    ['CRLF', log.replace(/\n/g, '\r\n')],
    ['trailing blanks', log.replace(/\n/g, '  \n')],
  ] as const) {
    it(`${name}: any chunking`, () => {
      const expected = comparable(ingestText(text));
      expect(comparable(ingestBytes(new TextEncoder().encode(text), '<text>'))).toEqual(expected);
      fc.assert(
        fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (cuts) => {
          expect(comparable(viaBytes(text, cuts))).toEqual(expected);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('UTF-16LE (`.logopen /u`) and UTF-16BE give the same facts as UTF-8', () => {
    const utf16 = (t: string, le: boolean): Uint8Array => {
      const out = new Uint8Array(2 + t.length * 2);
      out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        out[2 + i * 2 + (le ? 0 : 1)] = c & 0xff;
        out[2 + i * 2 + (le ? 1 : 0)] = c >> 8;
      }
      return out;
    };
    const text = log.replace(/\n/g, '\r\n');
    const expected = comparable(ingestText(text));
    expect(comparable(ingestBytes(utf16(text, true), '<text>'))).toEqual(expected);
    expect(comparable(ingestBytes(utf16(text, false), '<text>'))).toEqual(expected);
  });

  it('counts every row of the lane', () => {
    // Count the lines the lane takes, so this test cannot pass on the text path alone.
    let taken = 0;
    const families = FAMILIES.map((fam) =>
      fam !== poolfind
        ? fam
        : {
            ...fam,
            create: (ctx: BlockContext) => {
              const p = fam.create(ctx) as LaneParser;
              const lane = p.lane!;
              const take = lane.take.bind(lane);
              lane.take = (buf, start, end, firstLine) => {
                const n = take(buf, start, end, firstLine);
                taken += n;
                return n;
              };
              return p;
            },
          },
    );
    const ingest = createIngest({ families });
    const w = ingest.source('<text>');
    const bytes = new TextEncoder().encode(log);
    for (let at = 0; at < bytes.length; at += 4096) w.bytes(bytes.subarray(at, at + 4096));
    w.end();
    const f = ingest.finish();
    expect(comparable(f)).toEqual(comparable(ingestText(log)));
    // Most of the 400 + 50 modern rows and of the 200 canonical legacy rows go through the lane.
    expect(taken).toBeGreaterThan(500);
    const scan = f.poolScans.find((s) => s.blocks === 450)!;
    const groups = f.poolBlockGroups.filter((g) => g.scan === scan.scan);
    // 400 rows: indexes 0, 7, …, 399 (58 rows) are 0x3f0; then 50 paged rows, 8 of them 0x3f0.
    expect(summary(groups)).toEqual([
      'amda 3f0 unknown nonpaged allocated 58',
      'amda 140 unknown nonpaged allocated 342',
      'amda 3f0 small paged allocated 8',
      'amda 140 small paged allocated 42',
    ]);
    // 300 legacy rows: i % 5 === 0 → a0 (60 rows), else c0; states cycle with i % 6: free for 1, 2;
    // tag Mm for 3; the quota row (5) takes the scan's tag. By hand over i mod 30:
    // a0 rows are i ≡ 0, 5, 10, 15, 20, 25 (mod 30) → states 0, 5, 4, 3, 2, 1 → one each per 30.
    const legacyScan = f.poolScans.at(-1)!;
    expect(legacyScan.blocks).toBe(300);
    expect(summary(f.poolBlockGroups.filter((g) => g.scan === legacyScan.scan))).toEqual([
      'SeSd a0 small nonpaged allocated 30',
      'SeSd c0 small nonpaged free 80',
      'Mm c0 small nonpaged allocated 40',
      'SeSd c0 small nonpaged allocated 120',
      'Mm a0 small nonpaged allocated 10',
      'SeSd a0 small nonpaged free 20',
    ]);
  });

  it('keeps at most 100 addresses a group and 10,000 a scan; the blocks past them are still counted', () => {
    const row = (tag: string, i: number): string => `ffffda${(i * 64).toString(16).padStart(10, '0')} : tag ${tag}, size   0x40, Nonpaged pool`;
    const one = ingestText(['0: kd> !poolfind amda -nonpaged', '', ...Array.from({ length: 150 }, (_, i) => row('amda', i))].join('\n'));
    expect(one.poolBlockGroups[0]!.count).toBe(150);
    expect(one.poolBlockGroups[0]!.samples.map((x) => x.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 3));
    // 120 tags of 90 rows each: 10,800 rows, so the last 800 (the 12th tag on) are counted without an address.
    const many = Array.from({ length: 120 }, (_, t) => Array.from({ length: 90 }, (_, i) => row(`t${t.toString(36).padStart(3, '0')}`, t * 90 + i))).flat();
    const f = ingestText(['0: kd> !poolfind t* -nonpaged', '', ...many].join('\n'));
    expect(f.poolBlockGroups).toHaveLength(120);
    expect(f.poolBlockGroups.reduce((n, g) => n + g.samples.length, 0)).toBe(10_000);
    expect(f.poolBlockGroups.every((g) => g.count === 90)).toBe(true);
    expect(f.poolScans[0]!.blocks).toBe(10_800);
  });

  it('groups at most GROUPS_PER_SCAN tag × size pairs and counts the blocks of the others', () => {
    // One row per distinct tag (base-36 names), 0x40 bytes each, 7 more tags than the bound.
    const n = GROUPS_PER_SCAN + 7;
    const rows = Array.from({ length: n }, (_, i) => `ffffda${(i * 64).toString(16).padStart(10, '0')} : tag ${i.toString(36).padStart(4, '0')}, size   0x40, Nonpaged pool`);
    const f = ingestText(['0: kd> !poolfind amda -nonpaged', '', ...rows].join('\n'));
    expect(f.poolBlockGroups).toHaveLength(GROUPS_PER_SCAN);
    expect(f.poolBlockGroups.at(-1)!.tag).toBe((GROUPS_PER_SCAN - 1).toString(36).padStart(4, '0'));
    expect(f.poolScans[0]!.blocks).toBe(n);
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'groups-dropped', line: 1 })]);
    expect(f.diagnostics[0]!.message).toMatch(/^7 blocks fell in more than/);
  });
});

