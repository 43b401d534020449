// A tag's companion: the kernel tag that gets one allocation per WDF object of the leak (IoWI for
// work items), and the ratio of the two allocation counts.
import { cite, ref, type Subject } from './subject.js';
import type { TagUsage } from './growth.js';
import type { TagContext } from './tag-context.js';
import { round } from './numbers.js';

/** Tags whose allocations are one kernel object per WDF object (companions of a WDF leak). */
const WORKITEM_COMPANION = 'IoWI';

export function addCompanion(s: Subject, tag: string, row: TagUsage, ctx: TagContext): void {
  const iowi = ctx.current.get(WORKITEM_COMPANION);
  if (iowi && tag !== WORKITEM_COMPANION && iowi.nonpaged.allocs > 0) {
    const ratio = row.nonpaged.allocs / iowi.nonpaged.allocs;
    s.facts['companion'] = { iowiAllocs: iowi.nonpaged.allocs, iowiRatio: round(ratio, 4) };
    cite(s, 'companion', ref(`IoWI ${iowi.nonpaged.allocs} allocations`, iowi.provenance!));
    cite(s, 'companion', ref(`${tag} ${row.nonpaged.allocs} allocations`, row.provenance!));
  }
}
