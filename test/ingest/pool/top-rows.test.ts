import { describe, expect, it } from 'vitest';
import { createTopRows } from '../../../engine/ingest/pool/top-rows.js';
import type { PoolUsageFact } from '../../../engine/types/facts.js';

const row = (tag: string, nonpaged: number, paged: number, line = 0): PoolUsageFact => ({
  tag,
  nonpaged: { allocs: 1, bytes: nonpaged },
  paged: { allocs: 1, bytes: paged },
  snapshot: 0,
  provenance: { source: 't', lines: [line, line], block: 0 },
});

describe('top rows of a !poolused listing', () => {
  it('keeps the top N by bytes in each pool, in listing order; ties go to the earlier row', () => {
    const top = createTopRows(2);
    // Nonpaged: B 50, then D and F tie at 30 (D is earlier). Paged: E 9, C 7. A and F rank in neither.
    for (const r of [row('A', 10, 0), row('B', 50, 0), row('C', 0, 7), row('D', 30, 0), row('E', 5, 9), row('F', 30, 1)]) top.add(r);
    expect(top.rows().map((r) => r.tag)).toEqual(['B', 'C', 'D', 'E']);
    expect(top.offered()).toBe(6);
  });

  it('keeps everything while the listing is within the limit, rows of zero bytes too', () => {
    const top = createTopRows(3);
    for (const r of [row('A', 0, 0), row('B', 5, 0), row('C', 0, 0)]) top.add(r);
    expect(top.rows().map((r) => r.tag)).toEqual(['A', 'B', 'C']);
  });

  it('gives the same rows when it prunes on the way as a sort of the whole listing', () => {
    const limit = 25;
    const all = Array.from({ length: 1000 }, (_, i) => row(`t${i}`, (i * 37) % 101, (i * 53) % 89, i));
    const top = createTopRows(limit);
    for (const r of all) top.add(r);
    // The naive answer: sort everything once per pool (stable, so ties go to the earlier row).
    const want = new Set<PoolUsageFact>();
    for (const pool of ['nonpaged', 'paged'] as const) {
      all.filter((r) => r[pool].bytes > 0).sort((a, b) => b[pool].bytes - a[pool].bytes).slice(0, limit).forEach((r) => want.add(r));
    }
    expect(top.rows()).toEqual(all.filter((r) => want.has(r)));
    expect(top.rows().length).toBeLessThanOrEqual(2 * limit);
  });
});
