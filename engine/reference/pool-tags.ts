// Pool tags that matter to WDF triage and the KMDF driver-tag rule (rules/reference/pool-tags.json).
import data from '../../rules/reference/pool-tags.json' with { type: 'json' };
import type { DriverTagRule, PoolTagEntry, PoolTagsDocument } from '../types/reference.js';

export const POOL_TAGS_DOCUMENT = data as unknown as PoolTagsDocument;
export const POOL_TAGS: readonly PoolTagEntry[] = POOL_TAGS_DOCUMENT.tags;
export const DRIVER_TAG_RULE: DriverTagRule = POOL_TAGS_DOCUMENT.driverTagRule;

const byTag = new Map<string, PoolTagEntry>();
const byValue = new Map<number, PoolTagEntry>();
for (const t of POOL_TAGS) {
  byTag.set(t.tag, t);
  byValue.set(t.value, t);
}

/** Exact (case-sensitive) tag lookup: pool tags are case-sensitive. */
export function poolTagEntry(tag: string): PoolTagEntry | undefined {
  return byTag.get(tag);
}

export function poolTagEntryByValue(value: number): PoolTagEntry | undefined {
  return byValue.get(value >>> 0);
}
