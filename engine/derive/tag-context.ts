// What every tag subject is derived from, read once per transcript: the pool usage moments and their
// rankings, decoded WDF objects and driver globals, creation stacks, module names, the breakpoints
// that watch a tag, and the growth between the first and last snapshot.
import type { Arch, FactsDocument, PoolTagDefinition, Provenance } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { creationOf, type Creation } from './stacks.js';
import { decodeFxObjects, decodeGlobals, type DecodedFxObject, type DecodedGlobals } from './fx-objects.js';
import { growthOf, snapshotViews, tagsByBytes, type GrowthReport, type PoolSnapshotView, type TagUsage } from './growth.js';
import { moduleNames } from './tag-owner.js';
import { watchedTags, type WatchedTag } from './tag-allocation.js';
import { sum } from './numbers.js';

export interface TagSubjectOptions {
  poolTags?: readonly PoolTagDefinition[];
}

export interface TagContext {
  facts: FactsDocument;
  k: Knowledge;
  options: TagSubjectOptions;
  arch: Arch;
  /** The last pool usage moment: now. */
  now: PoolSnapshotView | undefined;
  earliest: Map<string, TagUsage>;
  current: Map<string, TagUsage>;
  listed: TagUsage[];
  rank: Record<'nonpaged' | 'paged', TagUsage[]>;
  poolTotal(pool: 'nonpaged' | 'paged'): number;
  totalsListedOnly: boolean;
  objects: DecodedFxObject[];
  globals: DecodedGlobals[];
  creations: Creation[];
  modules: Map<string, Provenance[]>;
  bpTags: WatchedTag[];
  growth: GrowthReport | undefined;
}

export function tagContext(facts: FactsDocument, k: Knowledge, options: TagSubjectOptions): TagContext {
  const arch = facts.arch ?? 'x64';
  // Pool usage moments (`!poolused` listings and poolmon screens) in transcript order; the last is now.
  const moments = snapshotViews(facts);
  const now = moments[moments.length - 1];
  const earliest = moments.length > 1 ? moments[0]!.rows : new Map<string, TagUsage>();
  const current = now?.rows ?? new Map<string, TagUsage>();
  const listed = [...current.values()];
  const rank = { nonpaged: tagsByBytes(listed, 'nonpaged'), paged: tagsByBytes(listed, 'paged') };
  const poolTotal = (pool: 'nonpaged' | 'paged'): number => now?.totals?.[pool] ?? sum(listed.map((r) => r[pool].bytes));
  const totalsListedOnly = now?.totals === undefined;

  const objects = decodeFxObjects(facts, arch);
  const globals = decodeGlobals(facts, k);
  const creations = facts.stacks
    .map((s, i) => creationOf(s, i, (api) => k.createApi(api) !== undefined))
    .filter((c): c is Creation => !!c);
  const modules = moduleNames(facts, objects);
  const bpTags = watchedTags(facts, k);
  // First vs last snapshot, with rates and time to exhaustion when times and !vm limits are known.
  const growth = growthOf(facts);
  return { facts, k, options, arch, now, earliest, current, listed, rank, poolTotal, totalsListedOnly, objects, globals, creations, modules, bpTags, growth };
}
