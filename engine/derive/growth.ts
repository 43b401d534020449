// Pool growth per tag between two snapshots (`!poolused` blocks or poolmon screens), with the rate per
// hour when both times are known and, when `!vm` printed the pool limits, how long until the pool is
// exhausted at that rate. Pure: facts in, numbers out.
import type { FactsDocument, PoolCounters, PoolKind } from '../types/facts.js';

export type GrowthPool = 'nonpaged' | 'paged';

export interface TagUsage {
  tag: string;
  nonpaged: { allocs: number; bytes: number };
  paged: { allocs: number; bytes: number };
  description?: string;
  binary?: string;
}

/** One side of a comparison: the tag rows of one snapshot (or of a whole file). */
export interface PoolSnapshotView {
  /** `before.log, !poolused #0` — for humans. */
  label: string;
  source?: string;
  /** ISO time when known. */
  time?: string;
  /** True when the snapshot lists every tag (no tag filter): a missing tag then means 0. */
  complete: boolean;
  rows: Map<string, TagUsage>;
}

export interface TagGrowth {
  tag: string;
  pool: GrowthPool;
  before: { allocs: number; bytes: number };
  after: { allocs: number; bytes: number };
  delta: { allocs: number; bytes: number };
  /** Per hour, when the time between the snapshots is known. */
  ratePerHour?: { allocs: number; bytes: number };
  /** Hours until the pool limit at this tag's rate alone (growing tags, known limit and time). */
  hoursToExhaustion?: number;
  description?: string;
  binary?: string;
}

export interface PoolLimit {
  pool: GrowthPool;
  /** Bytes in use when `!vm` ran. */
  usageBytes?: number;
  maxBytes: number;
  label: string;
}

export interface GrowthReport {
  before: { label: string; time?: string };
  after: { label: string; time?: string };
  /** Hours between the snapshots, when known. */
  hours?: number;
  /** Sorted by bytes added (largest first), then tag and pool. */
  tags: TagGrowth[];
  totals: Record<GrowthPool, { deltaBytes: number; ratePerHour?: number; hoursToExhaustion?: number }>;
  limits: PoolLimit[];
}

export interface GrowthOptions {
  /** Hours between the snapshots when the transcripts do not say (overrides times). */
  hours?: number;
  limits?: readonly PoolLimit[];
}

/** Growth per tag and pool between two views. Rows present on one side only count as 0 on the other when that side is complete. */
export function growthBetween(before: PoolSnapshotView, after: PoolSnapshotView, options: GrowthOptions = {}): GrowthReport {
  const hours = options.hours ?? hoursBetween(before.time, after.time);
  const limits = [...(options.limits ?? [])];
  const tags: TagGrowth[] = [];
  const names = new Set([...before.rows.keys(), ...after.rows.keys()]);
  const zero = { allocs: 0, bytes: 0 };
  for (const tag of names) {
    const b = before.rows.get(tag);
    const a = after.rows.get(tag);
    if ((!b && !before.complete) || (!a && !after.complete)) continue;
    for (const pool of ['nonpaged', 'paged'] as const) {
      const pb = b ? b[pool] : zero;
      const pa = a ? a[pool] : zero;
      if (pb.allocs === 0 && pb.bytes === 0 && pa.allocs === 0 && pa.bytes === 0) continue;
      const g: TagGrowth = {
        tag,
        pool,
        before: { allocs: pb.allocs, bytes: pb.bytes },
        after: { allocs: pa.allocs, bytes: pa.bytes },
        delta: { allocs: pa.allocs - pb.allocs, bytes: pa.bytes - pb.bytes },
      };
      if (hours !== undefined && hours > 0) {
        g.ratePerHour = { allocs: round(g.delta.allocs / hours), bytes: round(g.delta.bytes / hours) };
        const limit = limits.find((l) => l.pool === pool);
        if (limit && limit.usageBytes !== undefined && g.ratePerHour.bytes > 0) {
          g.hoursToExhaustion = round(Math.max(0, limit.maxBytes - limit.usageBytes) / g.ratePerHour.bytes);
        }
      }
      const desc = a?.description ?? b?.description;
      if (desc) g.description = desc;
      const bin = a?.binary ?? b?.binary;
      if (bin) g.binary = bin;
      tags.push(g);
    }
  }
  tags.sort((x, y) => y.delta.bytes - x.delta.bytes || y.delta.allocs - x.delta.allocs || cmp(x.tag, y.tag) || cmp(x.pool, y.pool));
  const totals = {} as GrowthReport['totals'];
  for (const pool of ['nonpaged', 'paged'] as const) {
    const deltaBytes = tags.filter((t) => t.pool === pool).reduce((s, t) => s + t.delta.bytes, 0);
    const t: GrowthReport['totals'][GrowthPool] = { deltaBytes };
    if (hours !== undefined && hours > 0) {
      t.ratePerHour = round(deltaBytes / hours);
      const limit = limits.find((l) => l.pool === pool);
      if (limit && limit.usageBytes !== undefined && t.ratePerHour > 0) {
        t.hoursToExhaustion = round(Math.max(0, limit.maxBytes - limit.usageBytes) / t.ratePerHour);
      }
    }
    totals[pool] = t;
  }
  const report: GrowthReport = {
    before: { label: before.label, ...(before.time ? { time: before.time } : {}) },
    after: { label: after.label, ...(after.time ? { time: after.time } : {}) },
    tags,
    totals,
    limits,
  };
  if (hours !== undefined) report.hours = round(hours);
  return report;
}

/** Every snapshot of a document: one per `!poolused` block and one per poolmon screen, in order. */
export function snapshotViews(facts: FactsDocument): PoolSnapshotView[] {
  const views: PoolSnapshotView[] = [];
  for (const snap of [...facts.poolUsageSnapshots].sort((a, b) => a.snapshot - b.snapshot)) {
    const rows = new Map<string, TagUsage>();
    for (const r of facts.poolUsage) {
      if (r.snapshot !== snap.snapshot || r.tag === 'TOTAL') continue;
      const u: TagUsage = { tag: r.tag, nonpaged: counts(r.nonpaged), paged: counts(r.paged) };
      if (r.description) u.description = r.description;
      if (r.binary) u.binary = r.binary;
      rows.set(r.tag, u);
    }
    // The command's own line (the prompt) is where a reader looks for the snapshot.
    const line = facts.blocks[snap.provenance.block]?.lines[0] ?? snap.provenance.lines[0];
    const view: PoolSnapshotView = {
      label: `${snap.provenance.source}:${line} ${snap.provenance.command ?? '!poolused'}`,
      source: snap.provenance.source,
      complete: !snap.tagFilter,
      rows,
    };
    if (snap.time) view.time = snap.time;
    views.push(view);
  }
  // Snapshots without a PoolUsageSnapshot record (a paste without its header) still count.
  const known = new Set(facts.poolUsageSnapshots.map((s) => s.snapshot));
  const orphan = [...new Set(facts.poolUsage.map((r) => r.snapshot))].filter((s) => !known.has(s)).sort((a, b) => a - b);
  for (const s of orphan) {
    const rows = new Map<string, TagUsage>();
    let label = `!poolused #${s}`;
    for (const r of facts.poolUsage) {
      if (r.snapshot !== s || r.tag === 'TOTAL') continue;
      rows.set(r.tag, { tag: r.tag, nonpaged: counts(r.nonpaged), paged: counts(r.paged) });
      label = `${r.provenance.source}:${r.provenance.lines[0]} !poolused`;
    }
    views.push({ label, complete: true, rows });
  }
  for (const p of facts.poolmon) {
    const rows = new Map<string, TagUsage>();
    for (const r of p.rows) {
      const u = rows.get(r.tag) ?? { tag: r.tag, nonpaged: { allocs: 0, bytes: 0 }, paged: { allocs: 0, bytes: 0 } };
      const pool = poolOf(r.pool);
      if (pool) {
        u[pool].allocs += r.diff;
        u[pool].bytes += r.bytes;
      }
      if (r.mappedDriver) u.binary = r.mappedDriver;
      rows.set(r.tag, u);
    }
    const view: PoolSnapshotView = {
      label: `${p.provenance.source}:${p.provenance.lines[0]} ${p.format}`,
      source: p.provenance.source,
      complete: true,
      rows,
    };
    if (p.time) view.time = p.time;
    views.push(view);
  }
  return views;
}

/** All snapshots of one side merged: the latest row of each tag wins (for a file compared with another file). */
export function mergeViews(views: readonly PoolSnapshotView[], label: string): PoolSnapshotView | undefined {
  if (views.length === 0) return undefined;
  const rows = new Map<string, TagUsage>();
  for (const v of views) for (const [tag, row] of v.rows) rows.set(tag, row);
  const last = views[views.length - 1]!;
  const out: PoolSnapshotView = { label, complete: views.some((v) => v.complete), rows };
  if (last.source) out.source = last.source;
  const time = [...views].reverse().find((v) => v.time)?.time;
  if (time) out.time = time;
  return out;
}

/**
 * Pool limits from `!vm`: `NonPagedPool Max` / `PagedPool Maximum` give the limit; usage is the sum of
 * the pool's `Usage` lines (NonPagedPool + NonPagedPoolNx). The last `!vm` in the document wins.
 */
export function poolLimits(facts: FactsDocument): PoolLimit[] {
  const out: PoolLimit[] = [];
  const lastBlock = Math.max(-1, ...facts.vm.map((v) => v.provenance.block));
  const vm = facts.vm.filter((v) => v.provenance.block === lastBlock && v.node === undefined);
  for (const pool of ['nonpaged', 'paged'] as const) {
    const prefix = pool === 'nonpaged' ? /^NonPagedPool(?:Nx)?\b/i : /^PagedPool\b/i;
    const max = vm.find((v) => prefix.test(v.label) && /\bMax(?:imum)?\b/i.test(v.label));
    if (!max) continue;
    const usage = vm.filter((v) => prefix.test(v.label) && /\bUsage\b/i.test(v.label) && !/\d/.test(v.label.replace(/Nx/i, '')));
    const limit: PoolLimit = { pool, maxBytes: max.kb * 1024, label: max.label };
    if (usage.length) limit.usageBytes = usage.reduce((s, v) => s + v.kb * 1024, 0);
    out.push(limit);
  }
  return out;
}

/**
 * Growth of a document with two or more snapshots (first vs last), or of two documents (each side
 * merged). Undefined when there are not two snapshots to compare.
 */
export function growthOf(before: FactsDocument, after?: FactsDocument, options: GrowthOptions = {}): GrowthReport | undefined {
  const limits = options.limits ?? poolLimits(after ?? before);
  if (after) {
    const b = mergeViews(snapshotViews(before), before.sources.map((s) => s.name).join(', ') || 'before');
    const a = mergeViews(snapshotViews(after), after.sources.map((s) => s.name).join(', ') || 'after');
    if (!b || !a) return undefined;
    return growthBetween(b, a, { ...options, limits });
  }
  const views = snapshotViews(before);
  if (views.length < 2) return undefined;
  return growthBetween(views[0]!, views[views.length - 1]!, { ...options, limits });
}

/** Hours from one ISO time to another; undefined unless both parse and the second is later. */
export function hoursBetween(a?: string, b?: string): number | undefined {
  if (!a || !b) return undefined;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb) || tb <= ta) return undefined;
  return (tb - ta) / 3_600_000;
}

function counts(c: PoolCounters): { allocs: number; bytes: number } {
  return { allocs: c.allocs, bytes: c.bytes };
}

function poolOf(kind: PoolKind): GrowthPool | undefined {
  return kind === 'nonpaged' ? 'nonpaged' : kind === 'paged' ? 'paged' : undefined;
}

const round = (n: number): number => Math.round(n * 100) / 100;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
