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
    bugchecks: [],
    poolmon: [],
    diagnostics: [],
    stats: { blocks: 0, unparsedBlocks: 0, lines: 0 },
  };
}

/** A sink writing into `doc`; the first architecture evidence wins unless one was forced. */
export function createSink(doc: FactsDocument, forcedArch?: Arch): FactsSink {
  const counters = new Map<string, number>();
  if (forcedArch) {
    doc.arch = forcedArch;
    doc.archEvidence = 'set by the caller';
  }
  return {
    add<K extends FactCollection>(kind: K, record: FactRecordMap[K]) {
      (doc[kind] as Array<FactRecordMap[K]>).push(record);
    },
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
