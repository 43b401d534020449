import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { growthBetween, growthOf, hoursBetween, poolLimits, snapshotViews, type PoolSnapshotView } from '../../engine/derive/growth.js';

// The first block is the ACP case's `!poolused 2` (site/cases/acp-workitem-leak/transcript.log);
// the second is the same machine later, amda and IoWI having grown by 31,246 allocations each.
const HEAD = [
  ' Sorting by NonPaged Pool Consumed',
  '',
  '               NonPaged                  Paged',
  ' Tag     Allocs         Used     Allocs         Used',
  '',
];
const BEFORE = [
  '0: kd> !poolused 2',
  ...HEAD,
  " amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt",
  ' IoWI   5769999    646239888          0            0\tIo work items , Binary: nt!io',
  ' EtwB      1428    254173440          6       196608\tEtw Buffer , Binary: nt!etw',
  '',
];
const AFTER = [
  '0: kd> !poolused 2',
  ...HEAD,
  " amda   5800000   1948825232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt",
  ' IoWI   5801245    649739888          0            0\tIo work items , Binary: nt!io',
  ' EtwB      1428    254173440          6       196608\tEtw Buffer , Binary: nt!etw',
  " Abcd        10         1000          0            0\tUNKNOWN pooltag 'Abcd', please update pooltag.txt",
  '',
];
// `!vm` lines of a Windows 7-era capture (a public blog post), with NonPagedPool Max and PagedPool Maximum.
const VM = [
  '0: kd> !vm',
  '*** Virtual Memory Usage ***',
  '    Physical Memory:          1048446 (    4193784 Kb)',
  '    NonPagedPool Usage:          9217 (      36868 Kb)',
  '    NonPagedPool Max:          774140 (    3096560 Kb)',
  '    PagedPool  0:               32876 (     131504 Kb)',
  '    PagedPool Usage:            37057 (     148228 Kb)',
  '    PagedPool Maximum:       33554432 (  134217728 Kb)',
  '',
];

describe('snapshotViews', () => {
  it('makes one view per !poolused block with its rows', () => {
    const views = snapshotViews(ingestText([...BEFORE, ...AFTER].join('\n'), 'kd.log'));
    expect(views).toHaveLength(2);
    // No TOTAL row: the paste may be cut, so a tag it does not list is unknown, not zero.
    expect(views[0]!.complete).toBe(false);
    expect(views[0]!.rows.get('amda')).toMatchObject({ nonpaged: { allocs: 5768754, bytes: 1938325232 }, paged: { allocs: 32, bytes: 9360 } });
    expect(views[1]!.rows.size).toBe(4);
    // BEFORE is 10 lines, so the second prompt is line 11.
    expect(views[1]!.label).toBe('kd.log:11 !poolused 2');
  });
});

describe('growthOf one document with two snapshots', () => {
  const facts = ingestText([...BEFORE, ...AFTER, ...VM].join('\n'), 'kd.log');

  it('lists growth per tag and pool, largest first; unchanged rows have a zero delta', () => {
    const g = growthOf(facts)!;
    expect(g.tags.map((t) => `${t.tag}/${t.pool}:${t.delta.allocs}/${t.delta.bytes}`)).toEqual([
      'amda/nonpaged:31246/10500000',
      'IoWI/nonpaged:31246/3500000',
      'EtwB/nonpaged:0/0',
      'EtwB/paged:0/0',
      'amda/paged:0/0',
    ]);
    expect(g.hours).toBeUndefined();
    expect(g.tags[0]!.ratePerHour).toBeUndefined();
    // Abcd is only in the later listing; the earlier one has no TOTAL row, so its absence there says nothing.
    expect(g.totals.nonpaged.deltaBytes).toBe(10500000 + 3500000);
  });

  it('gives rates per hour and the time to the !vm limit when the interval is known', () => {
    const g = growthOf(facts, undefined, { hours: 2 })!;
    const amda = g.tags[0]!;
    expect(amda.ratePerHour).toEqual({ allocs: 15623, bytes: 5250000 });
    // NonPagedPool Max 3096560 KB − Usage 36868 KB = 3,059,692 KB = 3,133,124,608 bytes; / 5,250,000 B/h.
    expect(amda.hoursToExhaustion).toBe(596.79);
    // All nonpaged growth together: 14,000,000 bytes in 2 h = 7,000,000 B/h → 447.59 h.
    expect(g.totals.nonpaged.ratePerHour).toBe(7000000);
    expect(g.totals.nonpaged.hoursToExhaustion).toBe(447.59);
    expect(g.tags.find((t) => t.tag === 'EtwB' && t.pool === 'nonpaged')!.hoursToExhaustion).toBeUndefined();
  });

  it('counts a tag new in the later listing from zero when the earlier one is complete (TOTAL row)', () => {
    const total = (np: number) => ` TOTAL  100   ${np}   6   205968`;
    const g = growthOf(ingestText([...BEFORE.slice(0, -1), total(2838738560), '', ...AFTER.slice(0, -1), total(2852739560), ''].join('\n'), 'kd.log'))!;
    expect(g.tags.find((t) => t.tag === 'Abcd')).toMatchObject({ before: { allocs: 0, bytes: 0 }, after: { allocs: 10, bytes: 1000 } });
  });

  it('takes `!poolused 2` and `!poolused 4` of one dump as two views of one moment, not growth', () => {
    const four = ['0: kd> !poolused 4', ' Sorting by Paged Pool Consumed', '', ' Tag     Allocs         Used     Allocs         Used', ...BEFORE.slice(6, 9).reverse(), ''];
    const views = snapshotViews(ingestText([...BEFORE, ...four].join('\n'), 'kd.log'));
    expect(views).toHaveLength(1);
    expect(growthOf(ingestText([...BEFORE, ...four].join('\n'), 'kd.log'))).toBeUndefined();
  });

  it('orders moments by where they are in the transcript, whatever the command', () => {
    const poolmon = [
      'Memory: 8304828K Avail: 357404K PageFlts:749759184 InRam Krnl:31464K P:248372K',
      ' Tag  Type     Allocs            Frees            Diff   Bytes      Per Alloc',
      ' amda Nonp    5700000 (   0)        0 (   0)  5700000 1900000000 (     0)    333',
      '',
    ];
    const views = snapshotViews(ingestText([...poolmon, ...AFTER].join('\n'), 'kd.log'));
    expect(views.map((v) => v.kind)).toEqual(['poolmon', 'poolused']);
    expect(growthOf(ingestText([...poolmon, ...AFTER].join('\n'), 'kd.log'))!.tags[0]).toMatchObject({ tag: 'amda', delta: { allocs: 100000 } });
  });

  it('returns undefined when there is only one snapshot', () => {
    expect(growthOf(ingestText(BEFORE.join('\n'), 'one.log'))).toBeUndefined();
  });
});

describe('growthOf two documents', () => {
  it('compares the merged snapshots of each file', () => {
    const g = growthOf(ingestText(BEFORE.join('\n'), 'monday.log'), ingestText(AFTER.join('\n'), 'tuesday.log'), { hours: 24 })!;
    expect(g.before.label).toBe('monday.log');
    expect(g.after.label).toBe('tuesday.log');
    expect(g.tags[0]).toMatchObject({ tag: 'amda', pool: 'nonpaged', before: { allocs: 5768754 }, after: { allocs: 5800000 }, ratePerHour: { bytes: 437500 } });
  });
});

describe('poolLimits', () => {
  it('reads NonPagedPool Max and PagedPool Maximum, and sums the Usage lines but not the per-node ones', () => {
    const limits = poolLimits(ingestText(VM.join('\n'), 'vm.log'));
    expect(limits).toEqual([
      { pool: 'nonpaged', maxBytes: 3096560 * 1024, usageBytes: 36868 * 1024, label: 'NonPagedPool Max' },
      { pool: 'paged', maxBytes: 134217728 * 1024, usageBytes: 148228 * 1024, label: 'PagedPool Maximum' },
    ]);
  });

  it('adds NonPagedPoolNx Usage to the nonpaged usage (Windows 10 !vm)', () => {
    const text = ['0: kd> !vm', 'NonPagedPool Usage:           227 (        908 Kb)', 'NonPagedPoolNx Usage:       31727 (     126908 Kb)', 'NonPagedPool Max:      4294967296 (17179869184 Kb)'].join('\n');
    expect(poolLimits(ingestText(text, 'vm.log'))[0]).toMatchObject({ usageBytes: (908 + 126908) * 1024, maxBytes: 17179869184 * 1024 });
  });
});

describe('growthBetween', () => {
  const view = (rows: Array<[string, number, number]>, extra: Partial<PoolSnapshotView> = {}): PoolSnapshotView => ({
    label: 'v',
    complete: true,
    rows: new Map(rows.map(([tag, allocs, bytes]) => [tag, { tag, nonpaged: { allocs, bytes }, paged: { allocs: 0, bytes: 0 } }])),
    ...extra,
  });

  it('takes the interval from the snapshot times', () => {
    const g = growthBetween(view([['amda', 100, 1000]], { time: '2024-11-14T08:00:00Z' }), view([['amda', 400, 4000]], { time: '2024-11-14T14:00:00Z' }));
    expect(g.hours).toBe(6);
    expect(g.tags[0]!.ratePerHour).toEqual({ allocs: 50, bytes: 500 });
  });

  it('skips a tag that a filtered snapshot does not list instead of calling it freed', () => {
    const g = growthBetween(view([['amda', 100, 1000], ['IoWI', 5, 50]]), view([['amda', 150, 1500]], { complete: false }));
    expect(g.tags.map((t) => t.tag)).toEqual(['amda']);
  });

  it('counts a tag missing from a complete snapshot as zero (shrinking tags sort last)', () => {
    const g = growthBetween(view([['Gone', 3, 300]]), view([['amda', 1, 10]]));
    expect(g.tags.map((t) => `${t.tag}:${t.delta.bytes}`)).toEqual(['amda:10', 'Gone:-300']);
  });
});

describe('hoursBetween', () => {
  it('is undefined unless both times parse and go forward', () => {
    expect(hoursBetween('2024-01-01T00:00:00Z', '2024-01-01T01:30:00Z')).toBe(1.5);
    expect(hoursBetween('2024-01-01T01:00:00Z', '2024-01-01T00:00:00Z')).toBeUndefined();
    expect(hoursBetween('yesterday', '2024-01-01T00:00:00Z')).toBeUndefined();
    expect(hoursBetween(undefined, '2024-01-01T00:00:00Z')).toBeUndefined();
  });
});
