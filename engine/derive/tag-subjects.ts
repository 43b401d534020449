// Pool-tag subjects: everything the transcript says about one tag, gathered into the facts the tag
// signatures read. Which tags become subjects is decided here; each family of facts comes from the
// module named for it: owner (tag-owner), pool usage and growth (tag-pool-usage), companion tags
// (tag-companion), blocks (tag-blocks), WDF objects (tag-objects), creation and allocation
// (tag-allocation), all read from one TagContext (tag-context).
import type { FactsDocument } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import type { Subject } from './subject.js';
import { tagContext, type TagSubjectOptions } from './tag-context.js';
import { addTagOwner } from './tag-owner.js';
import { addPoolUsage } from './tag-pool-usage.js';
import { addCompanion } from './tag-companion.js';
import { addPoolBlocks } from './tag-blocks.js';
import { addTagObjects } from './tag-objects.js';
import { addAllocation, addCreation, addHuntBreakpoints } from './tag-allocation.js';
import { TOP_TAGS_PER_POOL } from '../reference/thresholds.js';

export type { TagSubjectOptions } from './tag-context.js';

export function deriveTagSubjects(facts: FactsDocument, k: Knowledge, options: TagSubjectOptions = {}): Subject[] {
  const ctx = tagContext(facts, k, options);
  const { current, rank, globals, bpTags, arch } = ctx;
  const npRank = rank.nonpaged.map((r) => r.tag);
  const pRank = rank.paged.map((r) => r.tag);

  const tags = new Set<string>([
    ...npRank.slice(0, TOP_TAGS_PER_POOL).filter((t) => current.get(t)!.nonpaged.bytes > 0),
    ...pRank.slice(0, TOP_TAGS_PER_POOL).filter((t) => current.get(t)!.paged.bytes > 0),
    ...facts.poolBlockGroups.map((g) => g.tag),
    ...facts.poolScans.map((s) => s.tag),
    ...bpTags.flatMap((x) => x.tags),
    ...globals.flatMap((g) => (g.tag ? [g.tag] : [])),
  ]);
  tags.delete('TOTAL');

  const subjects: Subject[] = [];
  for (const tag of [...tags].sort()) {
    const s: Subject = { kind: 'tag', id: tag, facts: {}, summary: { tag }, evidence: {} };
    const value = k.tagValue(tag);
    const known = options.poolTags?.find((p) => p.tag === tag) ?? k.poolTag(tag);
    const row = current.get(tag);

    addTagOwner(s, tag, value, known, row, ctx);
    if (row) {
      addPoolUsage(s, tag, row, ctx);
      addCompanion(s, tag, row, ctx);
    }
    addPoolBlocks(s, tag, ctx);
    addTagObjects(s, tag, ctx);
    const mineCreations = addCreation(s, tag, ctx);
    addAllocation(s, tag, value, mineCreations, ctx);
    addHuntBreakpoints(s, tag, arch);

    const driver = (s.facts['tag'] as { driver?: string }).driver;
    if (driver) s.summary.driver = driver;
    s.facts['arch'] = arch;
    s.facts['subject'] = { kind: 'tag', id: tag };
    subjects.push(s);
  }
  return subjects;
}
