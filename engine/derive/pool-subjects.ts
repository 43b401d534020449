// Pool subjects: nonpaged and paged pool as a whole, for what `!vm` says about them (usage against
// the maximum, `Excessive NonPaged Pool Usage`, failed pool allocations) and which tag holds most of
// each when a `!poolused` or poolmon listing is there. A pool near exhaustion is a leak even before
// the text names the tag that leaks.
import type { FactsDocument } from '../types/facts.js';
import { cite, ref, type Subject } from './subject.js';
import { poolLimits, snapshotViews, tagsByBytes, type GrowthPool } from './growth.js';

const POOLS: readonly GrowthPool[] = ['nonpaged', 'paged'];
const round = (x: number): number => Math.round(x * 1000) / 1000;

export function derivePoolSubjects(facts: FactsDocument): Subject[] {
  const limits = poolLimits(facts);
  const views = snapshotViews(facts);
  const now = views[views.length - 1];
  const subjects: Subject[] = [];
  for (const pool of POOLS) {
    const warnings = facts.vmWarnings.filter((w) => w.pool === pool);
    const limit = limits.find((l) => l.pool === pool);
    if (!warnings.length && !limit) continue;
    const s: Subject = { kind: 'pool', id: `${pool} pool`, facts: {}, summary: { pool }, evidence: {} };
    const f: Record<string, unknown> = {
      pool,
      /** What !vm warns about (excessive-pool-usage, allocations-failed …). */
      warnings: [...new Set(warnings.map((w) => w.kind))].sort(),
      allocationFailures: warnings.filter((w) => w.kind === 'allocations-failed').reduce((n, w) => n + (w.count ?? 0), 0),
      poolusedFlag: pool === 'nonpaged' ? 2 : 4,
      poolfindFlag: pool === 'nonpaged' ? '-nonpaged' : '-paged',
    };
    if (limit) {
      f['maxBytes'] = limit.maxBytes;
      if (limit.usageBytes !== undefined) {
        f['usageBytes'] = limit.usageBytes;
        f['usageOfMax'] = round(limit.usageBytes / limit.maxBytes);
      }
      const counter = facts.vm.find((v) => v.label === limit.label);
      if (counter) cite(s, 'pool', ref(`!vm: ${limit.label} ${limit.maxBytes / 1024} KB${limit.usageBytes !== undefined ? `, in use ${limit.usageBytes / 1024} KB` : ''}`, counter.provenance));
    }
    for (const w of warnings) cite(s, 'pool', ref(`!vm: ${w.text}`, w.provenance));
    // The largest tag of this pool in the latest listing, when there is one.
    const top = now ? tagsByBytes(now.rows.values(), pool)[0] : undefined;
    if (top) {
      f['topTag'] = top.tag;
      f['topTagBytes'] = top[pool].bytes;
      s.summary.tag = top.tag;
      if (top.provenance) cite(s, 'pool', ref(`largest ${pool} tag: ${top.tag}, ${top[pool].bytes} bytes`, top.provenance));
    }
    f['poolUpper'] = pool.toUpperCase();
    const said: string[] = [];
    if (warnings.some((w) => w.kind === 'excessive-pool-usage')) said.push('!vm flags excessive usage');
    if ((f['allocationFailures'] as number) > 0) said.push(`${f['allocationFailures']} pool allocations have failed`);
    if (f['usageOfMax'] !== undefined) said.push(`${Math.round((f['usageOfMax'] as number) * 100)}% of its maximum in use`);
    if (f['topTag']) said.push(`largest tag ${f['topTag']}`);
    f['verdict'] = said.join(', ') || 'see !vm';
    s.facts['pool'] = f;
    s.facts['subject'] = { kind: 'pool', id: s.id };
    subjects.push(s);
  }
  return subjects;
}
