// A tag's pool usage: allocations and bytes per pool, its share, rank and lead over the next tag,
// the pool its leak is in, and how much it grew between the first and last listing.
import { cite, ref, type Subject } from './subject.js';
import type { TagUsage } from './growth.js';
import type { TagContext } from './tag-context.js';
import { round } from './numbers.js';
import { GROWTH_MIN_BYTES, GROWTH_MIN_FRACTION } from '../reference/thresholds.js';

export function addPoolUsage(s: Subject, tag: string, row: TagUsage, ctx: TagContext): void {
  const { now, earliest, listed, rank, poolTotal, totalsListedOnly, growth } = ctx;
  const pool: Record<string, unknown> = {
    nonpagedAllocs: row.nonpaged.allocs,
    nonpagedBytes: row.nonpaged.bytes,
    pagedAllocs: row.paged.allocs,
    pagedBytes: row.paged.bytes,
    shareOfListedOnly: totalsListedOnly,
    nonpagedShareOfListedOnly: totalsListedOnly,
    averageSize: row.nonpaged.allocs > 0 ? Math.round(row.nonpaged.bytes / row.nonpaged.allocs) : 0,
    nonpagedMB: Math.round(row.nonpaged.bytes / 1048576),
    listedTags: listed.length,
    source: now!.kind,
  };
  // Per pool: share of the pool, rank, and how many times the next tag's bytes it holds.
  let dominant: { pool: string; share: number; ratio: number; bytes: number } | undefined;
  for (const p of ['nonpaged', 'paged'] as const) {
    const order = rank[p];
    const at = order.findIndex((r) => r.tag === tag);
    const bytes = row[p].bytes;
    const total = poolTotal(p);
    const share = total > 0 ? round(bytes / total) : 0;
    const next = at === 0 ? order[1]?.[p].bytes : order[0]?.[p].bytes;
    const ratio = bytes > 0 ? (next ? round(bytes / next, 2) : listed.length > 1 ? 1000 : undefined) : 0;
    pool[`${p}Share`] = share;
    pool[`${p}Rank`] = bytes > 0 ? at + 1 : 0;
    if (ratio !== undefined) pool[`${p}RatioToNext`] = ratio;
    if (bytes > 0 && at === 0 && ratio !== undefined && (!dominant || share > dominant.share)) dominant = { pool: p, share, ratio, bytes };
  }
  if (dominant) {
    Object.assign(pool, { dominantPool: dominant.pool, dominantShare: dominant.share, dominantRatio: dominant.ratio, dominantBytes: dominant.bytes, dominantMB: Math.round(dominant.bytes / 1048576) });
  }
  s.facts['pool'] = pool;
  cite(s, 'pool', ref(`${now!.kind === 'poolmon' ? 'poolmon' : '!poolused'}: ${tag} ${row.nonpaged.allocs} nonpaged allocations, ${row.nonpaged.bytes} bytes; ${row.paged.allocs} paged allocations, ${row.paged.bytes} bytes`, row.provenance!));
  const before = earliest.get(tag);
  const grown = growth?.tags.filter((g) => g.tag === tag);
  if (before && grown) {
    const np = grown.find((g) => g.pool === 'nonpaged');
    // Growing means more allocations and more bytes, by rules/reference/thresholds.json's growth minimums.
    const grew = grown.filter((g) => g.delta.allocs > 0 && g.delta.bytes > 0 && (g.delta.bytes >= GROWTH_MIN_BYTES || g.delta.bytes >= g.before.bytes * GROWTH_MIN_FRACTION));
    s.facts['growth'] = {
      nonpagedAllocs: np?.delta.allocs ?? 0,
      nonpagedBytes: np?.delta.bytes ?? 0,
      growing: grew.length > 0,
      growingPool: grew[0]?.pool,
      bytesAdded: grew[0]?.delta.bytes,
      allocationsAdded: grew[0]?.delta.allocs,
      hours: growth!.hours,
      nonpagedBytesPerHour: np?.ratePerHour?.bytes,
      hoursToExhaustion: np?.hoursToExhaustion,
    };
    const mostAdded = Math.max(0, ...(growth?.tags ?? []).map((t) => t.delta.bytes));
    (s.facts['growth'] as Record<string, unknown>)['largestGrowth'] = grew.length > 0 && grew[0]!.delta.bytes >= mostAdded;
    cite(s, 'growth', ref(`earlier: ${before.nonpaged.allocs} nonpaged / ${before.paged.allocs} paged allocations, ${before.nonpaged.bytes + before.paged.bytes} bytes`, before.provenance!));
    cite(s, 'growth', ref(`later: ${row.nonpaged.allocs} nonpaged / ${row.paged.allocs} paged allocations, ${row.nonpaged.bytes + row.paged.bytes} bytes`, row.provenance!));
  }
  // The pool this tag's leak is in (where it grew, else where it dominates) and one sentence on it.
  const g = s.facts['growth'] as { growingPool?: 'nonpaged' | 'paged'; bytesAdded?: number; allocationsAdded?: number } | undefined;
  const leakPool = g?.growingPool ?? (dominant?.pool as 'nonpaged' | 'paged' | undefined) ?? (row.paged.bytes > row.nonpaged.bytes ? 'paged' : 'nonpaged');
  const share = pool[`${leakPool}Share`] as number;
  Object.assign(pool, {
    leakPool,
    leakPoolUpper: leakPool.toUpperCase(),
    leakBytes: row[leakPool].bytes,
    poolfindFlag: leakPool === 'paged' ? '-paged' : '-nonpaged',
    poolusedFlag: leakPool === 'paged' ? 4 : 2,
    leakSummary:
      `${row[leakPool].bytes} bytes in ${row[leakPool].allocs} allocations of ${leakPool} pool` +
      (share >= 0.01 ? ` (${Math.round(share * 100)}% of ${totalsListedOnly ? 'the tags listed' : 'the pool'})` : '') +
      (g?.bytesAdded ? `, ${g.bytesAdded} bytes and ${g.allocationsAdded} allocations more than in the earlier listing` : ''),
  });
}
