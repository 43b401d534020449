// Pool growth per tag between two snapshots (`!poolused` blocks or poolmon screens), with the rate per
// hour when both times are known and, when `!vm` printed the pool limits, how long until the pool is
// exhausted at that rate. Pure: facts in, numbers out.
import type { FactsDocument, PoolCounters, PoolKind, Provenance } from '../types/facts.js';

export type GrowthPool = 'nonpaged' | 'paged';

export interface TagUsage {
  tag: string;
  nonpaged: { allocs: number; bytes: number };
  paged: { allocs: number; bytes: number };
  description?: string;
  binary?: string;
  /** `UNKNOWN pooltag`: the debugger's pooltag.txt does not know it. */
  unknownTag?: boolean;
  /** Where the row was printed. */
  provenance?: Provenance;
}

/** One side of a comparison: the tag rows of one snapshot (or of a whole file). */
export interface PoolSnapshotView {
  /** `before.log, !poolused #0` — for humans. */
  label: string;
  source?: string;
  /** ISO time when known. */
  time?: string;
  /**
   * True when the snapshot lists every tag (no tag filter, not cut, a TOTAL row printed): a missing
   * tag then means 0. Otherwise a missing tag is unknown.
   */
  complete: boolean;
  rows: Map<string, TagUsage>;
  /** Bytes in each pool at that moment, when the output printed them (TOTAL row, poolmon header). */
  totals?: Partial<Record<GrowthPool, number>>;
  /** Which output it came from. */
  kind?: 'poolused' | 'poolmon';
  /** Where it starts in the transcript, for ordering. */
  at?: { sourceIndex: number; line: number };
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

/**
 * Every moment a document shows pool usage, in transcript order (source, then line), never grouped
 * by command: one per poolmon screen, one per `!poolused` block, except that `!poolused` blocks in a
 * row that agree on every tag they share (`!poolused 2` then `!poolused 4` of one dump) are two views
 * of one moment and are merged.
 */
export function snapshotViews(facts: FactsDocument): PoolSnapshotView[] {
  const sourceIndex = new Map(facts.sources.map((s, i) => [s.name, i]));
  const at = (p: Provenance): { sourceIndex: number; line: number } => ({ sourceIndex: sourceIndex.get(p.source) ?? 0, line: p.lines[0] });
  const views: PoolSnapshotView[] = [];
  const snapshots = new Map(facts.poolUsageSnapshots.map((s) => [s.snapshot, s]));
  const byNumber = new Map<number, TagUsage[]>();
  const totals = new Map<number, TagUsage>();
  for (const r of facts.poolUsage) {
    const u: TagUsage = { tag: r.tag, nonpaged: counts(r.nonpaged), paged: counts(r.paged), provenance: r.provenance };
    if (r.description) u.description = r.description;
    if (r.binary) u.binary = r.binary;
    if (r.unknownTag) u.unknownTag = true;
    if (r.tag === 'TOTAL') totals.set(r.snapshot, u);
    else (byNumber.get(r.snapshot) ?? byNumber.set(r.snapshot, []).get(r.snapshot)!).push(u);
  }
  for (const number of [...new Set([...byNumber.keys(), ...snapshots.keys()])].sort((a, b) => a - b)) {
    const rows = new Map((byNumber.get(number) ?? []).map((u) => [u.tag, u]));
    if (rows.size === 0) continue;
    const snap = snapshots.get(number);
    const firstRow = rows.values().next().value!.provenance!;
    const p = snap?.provenance ?? firstRow;
    // The command's own line (the prompt) is where a reader looks for the snapshot.
    const line = facts.blocks[p.block]?.lines[0] ?? p.lines[0];
    const total = snap?.total ?? (totals.get(number) && { nonpaged: totals.get(number)!.nonpaged, paged: totals.get(number)!.paged });
    const view: PoolSnapshotView = {
      label: `${p.source}:${line} ${p.command ?? '!poolused'}`,
      source: p.source,
      complete: !snap?.tagFilter && !snap?.partial && !!total,
      rows,
      kind: 'poolused',
      at: at(p),
    };
    if (total) view.totals = { nonpaged: total.nonpaged.bytes, paged: total.paged.bytes };
    if (snap?.time) view.time = snap.time;
    views.push(view);
  }
  for (const p of facts.poolmon) {
    const rows = new Map<string, TagUsage>();
    for (const r of p.rows) {
      const u = rows.get(r.tag) ?? { tag: r.tag, nonpaged: { allocs: 0, bytes: 0 }, paged: { allocs: 0, bytes: 0 }, provenance: p.provenance };
      const pool = poolOf(r.pool);
      if (pool) {
        u[pool].allocs += r.diff;
        u[pool].bytes += r.bytes;
      }
      if (r.mappedDriver) u.binary = r.mappedDriver;
      rows.set(r.tag, u);
    }
    if (rows.size === 0) continue;
    // A poolmon screen shows the rows that fit the console: a tag missing from it is unknown.
    const view: PoolSnapshotView = {
      label: `${p.provenance.source}:${p.provenance.lines[0]} ${p.format}`,
      source: p.provenance.source,
      complete: false,
      rows,
      kind: 'poolmon',
      at: at(p.provenance),
    };
    const m = p.memory;
    if (m?.poolNonpagedKb !== undefined && m.poolPagedKb !== undefined) view.totals = { nonpaged: m.poolNonpagedKb * 1024, paged: m.poolPagedKb * 1024 };
    if (p.time) view.time = p.time;
    views.push(view);
  }
  views.sort((a, b) => a.at!.sourceIndex - b.at!.sourceIndex || a.at!.line - b.at!.line);
  const moments: PoolSnapshotView[] = [];
  for (const v of views) {
    const prev = moments[moments.length - 1];
    if (prev && prev.kind === 'poolused' && v.kind === 'poolused' && prev.source === v.source && sameMoment(prev, v)) {
      for (const [tag, row] of v.rows) if (!prev.rows.has(tag)) prev.rows.set(tag, row);
      prev.complete ||= v.complete;
      prev.totals ??= v.totals;
      continue;
    }
    moments.push({ ...v, rows: new Map(v.rows) });
  }
  return moments;
}

/** Two listings of the same dump: no time tells them apart and every tag they share has the same counts. */
function sameMoment(a: PoolSnapshotView, b: PoolSnapshotView): boolean {
  if (a.time && b.time && a.time !== b.time) return false;
  for (const [tag, x] of a.rows) {
    const y = b.rows.get(tag);
    if (!y) continue;
    if (x.nonpaged.allocs !== y.nonpaged.allocs || x.nonpaged.bytes !== y.nonpaged.bytes || x.paged.allocs !== y.paged.allocs || x.paged.bytes !== y.paged.bytes) return false;
  }
  return true;
}

/** Tags with bytes in this pool, largest first (then by tag, for a stable order). */
export function tagsByBytes(rows: Iterable<TagUsage>, pool: GrowthPool): TagUsage[] {
  return [...rows].filter((r) => r[pool].bytes > 0).sort((a, b) => b[pool].bytes - a[pool].bytes || (a.tag < b.tag ? -1 : 1));
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
