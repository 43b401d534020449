// A tag's companions: kernel tags that get one allocation per WDF object of a leak (IoWI per
// WDFWORKITEM, Irp per WDFREQUEST: the `companions` of rules/reference/wdf-object-apis.json), and
// the ratio of the allocation counts, as `companion.<key>Allocs` and `companion.<key>Ratio`.
import { cite, ref, type Subject } from './subject.js';
import type { TagUsage } from './growth.js';
import type { TagContext } from './tag-context.js';
import { round } from './numbers.js';
import { isOneForOne } from '../reference/thresholds.js';
import { COMPANION_TAGS } from '../reference/wdf-object-apis.js';

export function addCompanion(s: Subject, tag: string, row: TagUsage, ctx: TagContext): void {
  const companion: Record<string, unknown> = {};
  for (const c of COMPANION_TAGS) {
    const other = ctx.current.get(c.tag);
    if (!other || tag === c.tag || other.nonpaged.allocs <= 0) continue;
    const ratio = round(row.nonpaged.allocs / other.nonpaged.allocs, 4);
    companion[`${c.key}Allocs`] = other.nonpaged.allocs;
    companion[`${c.key}Ratio`] = ratio;
    // Only a companion that moves with the tag is evidence of anything.
    if (!isOneForOne(ratio)) continue;
    cite(s, 'companion', ref(`${c.tag} ${other.nonpaged.allocs} allocations`, other.provenance!));
    cite(s, 'companion', ref(`${tag} ${row.nonpaged.allocs} allocations`, row.provenance!));
  }
  if (Object.keys(companion).length) s.facts['companion'] = companion;
}
