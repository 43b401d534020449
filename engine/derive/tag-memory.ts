// WDFMEMORY buffers under their own tag. WdfMemoryCreate puts a small nonpaged buffer inside the object's
// own allocation (driver tag), but a buffer of a page or more, a paged buffer, or any buffer while the
// verifier tracks pool is a separate ExAllocatePoolWithTag with the caller's PoolTag. A leaked WDFMEMORY
// then shows as two tags growing together: the driver tag (the FxMemoryBufferFromPool objects) and the
// buffer tag (the buffers). This adds a `memoryBuffer` fact to the tag subjects of such buffer tags.
import type { FactsDocument } from '../types/facts.js';
import { cite, ref, type EvidenceRef, type Subject } from './subject.js';
import { isOneForOne, PAIR_MIN_ALLOCATIONS } from '../reference/thresholds.js';

/** Classes whose buffer is a separate pool allocation (`m_Pool`). */
const SEPARATE_BUFFER_CLASS = /(?:^|!)Fx(?:Memory(?:Paged)?BufferFromPool|Memory(?:Paged)?BufferFromPoolLookaside)$/;
const PAGE_SIZE = 0x1000;

interface PoolFacts {
  nonpagedAllocs: number;
  nonpagedBytes: number;
  pagedAllocs: number;
  pagedBytes: number;
}

const allocsOf = (p: PoolFacts | undefined): number => (p ? p.nonpagedAllocs + p.pagedAllocs : 0);

/** Adds `memoryBuffer` to each tag subject whose blocks look like separate WDFMEMORY buffers. Mutates `tags`. */
export function enrichTagMemory(tags: Subject[], facts: FactsDocument): void {
  const pointers = bufferPointers(facts);
  for (const s of tags) {
    if (s.kind !== 'tag') continue;
    const tag = s.id;
    const tagFacts = s.facts['tag'] as { kmdfDriverTag?: boolean; driver?: string } | undefined;
    const pool = s.facts['pool'] as PoolFacts | undefined;
    const blocks = s.facts['blocks'] as { dominantSize?: number } | undefined;
    const creation = s.facts['creation'] as { api?: string; driver?: string } | undefined;
    const allocs = allocsOf(pool);
    const bytes = pool ? pool.nonpagedBytes + pool.pagedBytes : 0;
    const averageSize = allocs > 0 ? Math.round(bytes / allocs) : undefined;
    const large = (averageSize !== undefined && averageSize >= PAGE_SIZE) || (blocks?.dominantSize ?? 0) >= PAGE_SIZE;
    const createdByWdfMemoryCreate = creation?.api === 'WdfMemoryCreate';
    const pointed = pointers.filter((x) => blockOfTag(facts, tag, x.pointer));
    const pair = pairedDriverTag(s, tags, allocs);
    if (!pointed.length && !createdByWdfMemoryCreate && !pair) continue;

    const isDriverTag = tagFacts?.kmdfDriverTag === true;
    const separate = !isDriverTag && (pointed.length > 0 || createdByWdfMemoryCreate || (!!pair && large));
    const m: Record<string, unknown> = {
      separate,
      isDriverTag,
      pointedByObject: pointed.length > 0,
      createdByWdfMemoryCreate,
      largeBuffers: large,
      averageSize,
      outstanding: allocs,
      pagedShare: allocs > 0 && pool ? round(pool.pagedAllocs / allocs) : undefined,
    };
    if (pair) {
      m['objectTag'] = pair.subject.id;
      m['pairRatio'] = pair.ratio;
      m['objectDriver'] = (pair.subject.facts['tag'] as { driver?: string } | undefined)?.driver;
      for (const e of pair.subject.evidence['pool'] ?? []) cite(s, 'memoryBuffer', { ...e, description: `object tag ${pair.subject.id}: ${e.description}` });
    }
    const first = pointed[0];
    if (first) {
      m['object'] = `0x${first.object}`;
      m['buffer'] = `0x${first.pointer}`;
      cite(s, 'memoryBuffer', first.evidence);
      const b = facts.poolBlocks.find((x) => x.tag === tag && x.containsQuery && sameAddress(x.queriedAddress, first.pointer));
      if (b) cite(s, 'memoryBuffer', ref(`!pool ${first.pointer}: block of tag ${tag}, size 0x${b.size.toString(16)}`, b.provenance));
    }
    if (separate) {
      s.summary.handleType ??= 'WDFMEMORY';
      s.summary.fxType ??= 'IFX_TYPE_MEMORY';
      const driver = creation?.driver ?? (m['objectDriver'] as string | undefined);
      if (driver) s.summary.driver ??= driver;
    }
    s.facts['memoryBuffer'] = m;
  }
}

/** The driver tag whose outstanding allocations match this tag's one for one (object ↔ buffer). */
function pairedDriverTag(s: Subject, tags: Subject[], allocs: number): { subject: Subject; ratio: number } | undefined {
  if (allocs < PAIR_MIN_ALLOCATIONS) return undefined;
  let best: { subject: Subject; ratio: number } | undefined;
  for (const t of tags) {
    if (t === s || t.kind !== 'tag') continue;
    if ((t.facts['tag'] as { kmdfDriverTag?: boolean } | undefined)?.kmdfDriverTag !== true) continue;
    const other = allocsOf(t.facts['pool'] as PoolFacts | undefined);
    if (other < PAIR_MIN_ALLOCATIONS) continue;
    const ratio = round(allocs / other, 4);
    if (!isOneForOne(ratio)) continue;
    if (!best || Math.abs(1 - ratio) < Math.abs(1 - best.ratio)) best = { subject: t, ratio };
  }
  return best;
}

/** `m_Pool` of every dumped WDFMEMORY object whose buffer is a separate allocation. */
function bufferPointers(facts: FactsDocument): Array<{ object: string; pointer: string; evidence: EvidenceRef }> {
  const out: Array<{ object: string; pointer: string; evidence: EvidenceRef }> = [];
  for (const o of facts.typedObjects) {
    if (!SEPARATE_BUFFER_CLASS.test(o.type)) continue;
    const f = o.fields.find((x) => x.depth === 0 && x.name === 'm_Pool');
    const v = f && !f.isNull ? (f.value ?? /^0x([0-9a-f`]+)/i.exec(f.raw.trim())?.[1]) : undefined;
    if (!v) continue;
    const pointer = v.replace(/^0x/i, '').replace(/`/g, '').toLowerCase();
    out.push({ object: o.address, pointer, evidence: ref(`dt ${o.type} ${o.address}: m_Pool ${pointer} (the buffer, a separate allocation)`, o.provenance) });
  }
  return out;
}

/** True when `pointer` is the start of a block of `tag` (big-pool page, or just after a small block's pool header). */
function blockOfTag(facts: FactsDocument, tag: string, pointer: string): boolean {
  for (const b of facts.poolBlocks) if (b.tag === tag && b.containsQuery && sameAddress(b.queriedAddress, pointer)) return true;
  const p = toBig(pointer);
  if (p === undefined) return false;
  for (const g of facts.poolBlockGroups) {
    if (g.tag !== tag) continue;
    for (const smp of g.samples) {
      const a = toBig(smp.address);
      if (a !== undefined && (p === a || p === a + 0x10n || p === a + 0x8n)) return true;
    }
  }
  return false;
}

const toBig = (hex: string): bigint | undefined => (/^[0-9a-f]{1,16}$/i.test(hex) ? BigInt(`0x${hex}`) : undefined);

const sameAddress = (a: string, b: string): boolean => a.replace(/^0x/i, '').replace(/`/g, '').toLowerCase() === b;

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
