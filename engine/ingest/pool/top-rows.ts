// A bounded listing: of millions of `!poolused` rows, what a driver engineer needs are the tags that hold
// the most bytes in each pool, not the millionth 16-byte tag. Keeps the rows that rank in the top `limit`
// by nonpaged bytes or by paged bytes among all rows offered (rows with no bytes rank in neither), in the
// order offered, and counts the rest.
import type { PoolUsageFact } from '../../types/facts.js';

/** Rows kept per pool in one `!poolused` listing; a real one shows a few thousand tags at most. */
export const POOLUSED_ROWS_PER_POOL = 5000;

export interface TopRows {
  add(row: PoolUsageFact): void;
  /** The kept rows, in the order they were offered. */
  rows(): PoolUsageFact[];
  /** Rows offered, kept or not. */
  offered(): number;
}

export function createTopRows(limit = POOLUSED_ROWS_PER_POOL): TopRows {
  let kept: PoolUsageFact[] = [];
  let offered = 0;
  /** Keep the union of the top `limit` per pool. A row out of both can never rank again: the bars only rise. */
  const prune = (): void => {
    const keep = new Set<PoolUsageFact>();
    // Ties go to the earlier row (a stable sort), so the result does not depend on when pruning ran.
    for (const pool of ['nonpaged', 'paged'] as const) {
      // A row with no bytes in a pool does not rank in it.
      const ranked = kept.filter((r) => r[pool].bytes > 0).sort((a, b) => b[pool].bytes - a[pool].bytes);
      for (let i = 0; i < limit && i < ranked.length; i++) keep.add(ranked[i]!);
    }
    kept = kept.filter((r) => keep.has(r));
  };
  return {
    add(row) {
      offered++;
      kept.push(row);
      // Prune when twice the most that can survive: amortised O(log n) per row, memory O(limit).
      if (kept.length >= 4 * limit) prune();
    },
    rows() {
      if (kept.length > limit) prune();
      return kept;
    },
    offered: () => offered,
  };
}
