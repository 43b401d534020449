// The empty facts document and the sink that parsers fill.
import type { Arch, FactCollection, FactRecordMap, FactsDocument } from '../types/facts.js';
import type { FactsSink } from '../types/ingest.js';

export function emptyFacts(): FactsDocument {
  return {
    schemaVersion: 1,
    sources: [],
    blocks: [],
    poolUsage: [],
    poolUsageSnapshots: [],
    poolBlockGroups: [],
    poolScans: [],
    poolBlocks: [],
    typedObjects: [],
    typeLayouts: [],
    stacks: [],
    registers: [],
    memory: [],
    symbols: [],
    breakpoints: [],
    vm: [],
    vmWarnings: [],
    poolTags: [],
    wdfDrivers: [],
    wdfHandles: [],
    wdfTagTrackers: [],
    wdfPoolUsage: [],
    ifrLogs: [],
    wdfVerifierReports: [],
    verifierDrivers: [],
    verifierStatistics: [],
    verifierViolations: [],
    bugchecks: [],
    poolmon: [],
    diagnostics: [],
    stats: { blocks: 0, unparsedBlocks: 0, lines: 0 },
  };
}

/**
 * Records kept per collection in one document: far above any real transcript, so memory stays bounded when a
 * gigabyte of output yields one record per line (a million `x` symbols held 800 MB). The rest are counted.
 */
export const RECORDS_PER_COLLECTION = 50_000;

/**
 * Size of all records of one document, as JSON characters: the per-collection cap alone lets a gigabyte of
 * repeated real blocks (stacks, dt objects, registers: kilobytes each, in every collection at once) hold
 * gigabytes. A real case is far under it (the ACP case: 15 KB of facts); a log of many full `!poolused`
 * listings (about 0.7 MB each) keeps the first dozen or so.
 */
export const DOCUMENT_BUDGET = 8 * 2 ** 20;

/** Command blocks listed per document (the rest are counted in stats): a week of one `!poolused` a minute is 10,080. */
export const BLOCKS_LISTED = 20_000;

/** Why records of a collection were left out: the collection's cap or the document's budget. */
export type DropReason = 'collection' | 'document';

/** What the caps left out: count and the first record's place. */
export interface DroppedRecords {
  collection: FactCollection;
  reason: DropReason;
  count: number;
  source: string;
  line: number;
}

export interface DocumentSink extends FactsSink {
  dropped(): DroppedRecords[];
}

/** A sink writing into `doc`; the first architecture evidence wins unless one was forced. */
export function createSink(doc: FactsDocument, forcedArch?: Arch, perCollection = RECORDS_PER_COLLECTION, budget = DOCUMENT_BUDGET): DocumentSink {
  const counters = new Map<string, number>();
  const dropped = new Map<FactCollection, DroppedRecords>();
  let used = 0;
  let full = false;
  if (forcedArch) {
    doc.arch = forcedArch;
    doc.archEvidence = 'set by the caller';
  }
  return {
    add<K extends FactCollection>(kind: K, record: FactRecordMap[K]) {
      const list = doc[kind] as Array<FactRecordMap[K]>;
      // Diagnostics have their own budget (engine/facts/diagnostics.ts).
      if (kind === 'diagnostics') {
        list.push(structuredClone(record));
        return;
      }
      // Once a record did not fit, the document is full: later ones are not even measured.
      let reason: DropReason | undefined = full ? 'document' : list.length < perCollection ? undefined : 'collection';
      if (!reason) {
        const size = JSON.stringify(record).length;
        if (used + size <= budget) {
          used += size;
          // A copy, so the parser's objects always die young. Kept as they are, the first megabytes of a
          // long log teach V8 that records outlive their block; it then allocates every later record
          // straight into the old generation, where it is garbage once the document is full. The copy
          // also holds flat strings, not slices that pin the input text they were cut from.
          list.push(structuredClone(record));
          return;
        }
        full = true;
        reason = 'document';
      }
      const over = dropped.get(kind);
      if (over) over.count++;
      else {
        const p = (record as { provenance?: { source: string; lines: [number, number] } }).provenance;
        dropped.set(kind, { collection: kind, reason, count: 1, source: p?.source ?? '', line: p?.lines[0] ?? 0 });
      }
    },
    dropped: () => [...dropped.values()],
    next(counter) {
      const n = counters.get(counter) ?? 0;
      counters.set(counter, n + 1);
      return n;
    },
    arch(arch, evidence) {
      if (doc.arch) return;
      doc.arch = arch;
      doc.archEvidence = evidence;
    },
  };
}
