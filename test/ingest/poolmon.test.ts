import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { parseRow, toIso } from '../../engine/ingest/poolmon.js';

const fixture = (p: string): string => readFileSync(new URL(`../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('poolmon', () => {
  it('reads a classic screen: header counters, scope, rows with their change columns', () => {
    const f = ingestText(fixture('poolmon/doc-sorted-allocs.log'));
    expect(f.blocks[0]).toMatchObject({ family: 'poolmon', parsed: true });
    const s = f.poolmon[0]!;
    expect(s).toMatchObject({
      snapshot: 0,
      format: 'poolmon',
      scope: 'system',
      memory: { totalKb: 260620, availKb: 96364, commitKb: 203500, limitKb: 640916, peakKb: 260632, poolNonpagedKb: 8332, poolPagedKb: 27220 },
    });
    expect(s.rows[0]).toEqual({ tag: 'Wait', pool: 'nonpaged', allocs: 3971107, frees: 3971077, diff: 30, bytes: 8456, perAlloc: 281, allocsDelta: 0, freesDelta: 0, bytesDelta: 0 });
    expect(s.rows[2]).toMatchObject({ tag: 'Gxlt', pool: 'paged', diff: 8, bytes: 864 });
    expect(f.diagnostics).toEqual([]);
  });

  it('reads /g Mapped_Driver names and Unknown Driver', () => {
    const g = ingestText(fixture('poolmon/doc-g-ntfs.log')).poolmon[0]!;
    expect(g.rows.map((r) => [r.tag, r.mappedDriver])).toEqual([
      ['NtFA', 'ntfs.sys  -  AttrSup.c'],
      ['NtFB', 'ntfs.sys  -  BitmpSup.c'],
      ['NtFC', 'ntfs.sys  -  Create.c'],
      ['NtFs', 'ntfs.sys  -  StrucSup.c'],
    ]);
    expect(g.rows[3]).toMatchObject({ allocs: 48825, frees: 47226, diff: 1599, bytes: 64536, perAlloc: 40 });
    const u = ingestText(fixture('poolmon/doc-g-unknown-driver.log')).poolmon[0]!;
    expect(u.rows.map((r) => [r.tag, r.unknownDriver, r.mappedDriver])).toEqual([
      ['1MEM', true, undefined],
      ['2MEM', true, undefined],
      ['3MEM', true, undefined],
    ]);
  });

  it('turns several screens in one paste into a time series of snapshots', () => {
    const f = ingestText(fixture('poolmon/doc-drsd-two-screens.log'));
    expect(f.poolmon.map((s) => [s.snapshot, s.rows[0]!.diff, s.rows[0]!.bytes])).toEqual([
      [0, 21, 17472],
      [1, 27, 22464],
    ]);
    expect(f.poolmon[0]!.rows[0]).toMatchObject({ allocsDelta: 177, freesDelta: 171, bytesDelta: 4992 });
    expect(f.poolmon.map((s) => s.provenance.lines)).toEqual([
      [1, 5],
      [6, 10],
    ]);
  });

  it('keeps the time printed before a screen', () => {
    const text = [
      fixture('poolmon/doc-sorted-allocs.log'),
      'Mon 05/14/2012  2:05:33.12 PM',
      fixture('poolmon/doc-sorted-allocs.log').replace('3971107', '3971999'),
    ].join('\n');
    const f = ingestText(text);
    expect(f.poolmon).toHaveLength(2);
    expect(f.poolmon[0]!.time).toBeUndefined();
    expect(f.poolmon[1]).toMatchObject({ time: '2012-05-14T14:05:33', timeText: 'Mon 05/14/2012  2:05:33.12 PM' });
    expect(f.poolmon[1]!.rows[0]!.allocs).toBe(3971999);
  });

  it('reads session pools and tags with a space', () => {
    const s = ingestText(fixture('poolmon/doc-session0-g.log')).poolmon[0]!;
    expect(s).toMatchObject({ scope: 'session', session: 0 });
    expect(s.rows.map((r) => r.tag)).toEqual(['Bmfd', 'DDfb', 'Dh 1', 'Gcac']);
    expect(s.rows[0]!.mappedDriver).toBe('Font related stuff');
  });

  it('reads snapshot rows without change columns as poolsnap', () => {
    // `/n` writes no `( n)` columns (windbg-formats.md §2.9); no saved file was found to copy.
    const text = [' Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc', '', ' amda Nonp    5768754          0           5768754  1938325232    336'].join('\n');
    const s = ingestText(text).poolmon[0]!;
    expect(s.format).toBe('poolsnap');
    expect(s.rows[0]).toEqual({ tag: 'amda', pool: 'nonpaged', allocs: 5768754, frees: 0, diff: 5768754, bytes: 1938325232, perAlloc: 336 });
  });

  it('reports a line that is not a row', () => {
    const f = ingestText(fixture('poolmon/doc-sorted-allocs.log') + '\n ObSt Nonp    27912x58 (   0)\n');
    expect(f.diagnostics).toMatchObject([{ code: 'malformed-line', line: 10 }]);
    expect(f.poolmon[0]!.rows).toHaveLength(3);
  });

  it('reads a row whose tag a paste moved to column 0 or whose blanks were collapsed, keeping all four letters', () => {
    expect(parseRow('Thre Nonp 1265 ( 0) 1011 ( 0) 254 325120 ( 0) 1280', 1)!.row).toMatchObject({ tag: 'Thre', pool: 'nonpaged', allocs: 1265, bytes: 325120 });
    expect(parseRow('Io   Nonp    3971107 (   0)   3971077 (   0)       30    8456 (     0)    281', 1)!.row).toMatchObject({ tag: 'Io', diff: 30 });
  });

  it('parses a row by the tag column and converts times', () => {
    expect(parseRow('Drsd Paged       737 (   0)       710 (   0)       27   22464 (     0)    832', 0)!.row.tag).toBe('Drsd');
    expect(parseRow('garbage', 1)).toBeUndefined();
    expect(toIso('05/14/2012 12:01 AM')).toBe('2012-05-14T00:01:00');
    expect(toIso('no time here')).toBeUndefined();
  });
});
