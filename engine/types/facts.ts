// Normalized debugger facts: what the ingest layer produces from WinDbg text and what derivations and
// signatures read. The record types are generated from schemas/facts.schema.json into
// engine/types/generated/facts.ts (`npm run generate:types`; a test fails when they are stale): change the
// schema, never a twin of it here. This file names the document and adds what a schema cannot say.
import type { WdfleakNormalizedFacts } from './generated/facts.js';

export type {
  AllocationState, Arch, BlockSummary, BreakpointFact, BugcheckFact, Count, Diagnostic, DtField, Generation, Hex,
  IfrLogFact, IfrRecord, LineNumber, LineRange, MemoryFact, PoolBlockFact, PoolBlockGroup, PoolCounters, PoolKind,
  PoolmonRowFact, PoolmonSnapshotFact, PoolScanFact, PoolTagDefinition, PoolUsageFact, PoolUsageSnapshot, Provenance,
  RegisterFact, SourceInfo, StackFact, StackFrame, SymbolFact, TypedObjectFact, TypeLayoutFact, VerifierDriverFact,
  VerifierLeakKind, VerifierStatisticsFact, VerifierViolationFact, VmCounterFact, VmWarningFact, WdfDriverFact, WdfLoaderLibrary, WdfQueueInfo, WdfHandleFact, WdfPoolUsageFact, WdfTagTrackerEntry, WdfTagTrackerFact,
  WdfVerifierReportFact,
} from './generated/facts.js';

/** The normalized facts of one or more transcripts. */
export type FactsDocument = WdfleakNormalizedFacts;

export type { Severity } from './generated/signature.js';

/** The arrays of facts that parsers append to: every array of the document but `sources`. */
export type FactCollection = Exclude<
  { [K in keyof FactsDocument]-?: NonNullable<FactsDocument[K]> extends unknown[] ? K : never }[keyof FactsDocument],
  'sources'
>;

/** Record type of each array of facts that parsers append to. */
export type FactRecordMap = { [K in FactCollection]: NonNullable<FactsDocument[K]>[number] };
