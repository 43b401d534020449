// Generated from schemas/findings.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
import type { BlockSummary, BreakpointFact, BugcheckFact, Count, Diagnostic, DtField, IfrLogFact, IfrRecord, LineRange, LineRange1, MemoryFact, PoolBlockFact, PoolBlockGroup, PoolCounters, PoolScanFact, PoolTagDefinition, PoolUsageFact, PoolUsageSnapshot, PoolmonRowFact, PoolmonSnapshotFact, Provenance, RegisterFact, SourceInfo, StackFact, StackFrame, SymbolFact, TypeLayoutFact, TypedObjectFact, VerifierDriverFact, VerifierStatisticsFact, VerifierViolationFact, VmCounterFact, VmWarningFact, WdfDriverFact, WdfHandleFact, WdfLoaderLibrary, WdfPoolUsageFact, WdfQueueInfo, WdfTagTrackerEntry, WdfTagTrackerFact, WdfVerifierReportFact, WdfleakNormalizedFacts } from './facts.js';
import type { Reference } from './signature.js';
/**
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "ConfidenceLevel".
 */
export type ConfidenceLevel = ("confirmed" | "likely" | "suspected")

/**
 * What `wdfleak analyze` returns: the findings for the transcripts read, each with its evidence, explanation, fix and next debugger commands. Mirrors Report and Finding in engine/types/findings.ts; change both together.
 */
export interface WdfleakReport {
/**
 * The program that wrote the report.
 */
tool: {
/**
 * Always wdfleak.
 */
name: "wdfleak"
/**
 * wdfleak version.
 */
version: string
}
/**
 * The transcripts read.
 */
sources: SourceInfo[]
/**
 * Target architecture, when known.
 */
arch?: ("x64" | "x86" | "arm64")
/**
 * Findings sorted by severity, confidence, then subject.
 */
findings: Finding[]
/**
 * Per-subject derived facts (with --with-facts), for debugging a signature.
 */
subjects?: {
/**
 * Kind of subject.
 */
kind: ("tag" | "driver" | "object-type" | "unload" | "bugcheck" | "pool")
/**
 * The subject's id (a tag, a driver name …).
 */
id: string
/**
 * Fact name → value, as the signatures saw them.
 */
facts: Record<string, unknown>
}[]
/**
 * What could not be read, and why.
 */
diagnostics: Diagnostic[]
/**
 * Counts for the run.
 */
stats: {
/**
 * Command blocks segmented.
 */
blocks: number
/**
 * Blocks no parser handled.
 */
unparsedBlocks: number
/**
 * Lines read.
 */
lines: number
/**
 * Findings reported.
 */
findings: number
/**
 * Signatures evaluated.
 */
signatures: number
}
facts?: WdfleakNormalizedFacts
/**
 * Signatures not run because their status is below the lowest maturity asked for (--status, default test): the experimental ones by default, so a new signature does not match silently. Present only when there are some; --status experimental runs them all.
 */
skipped?: {
/**
 * The lowest status that ran.
 */
minStatus: ("stable" | "test")
/**
 * The signatures not run, by id (at least one).
 */
signatures: {
/**
 * Permanent signature id.
 */
id: string
/**
 * Readable signature name.
 */
slug: string
/**
 * Its status, below minStatus.
 */
status: ("experimental" | "test" | "stable" | "deprecated")
}[]
}
}
/**
 * One leak wdfleak recognised, explained for a driver developer.
 *
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "Finding".
 */
export interface Finding {
/**
 * The signature that matched.
 */
signature: {
/**
 * Permanent signature id.
 */
id: string
/**
 * Readable signature name.
 */
slug: string
/**
 * Signature title.
 */
title: string
/**
 * Signature maturity.
 */
status: ("experimental" | "test" | "stable" | "deprecated")
}
/**
 * How bad the leak is.
 */
severity: ("critical" | "high" | "medium" | "low" | "info")
/**
 * How sure wdfleak is, and which evidence decided it.
 */
confidence: {
/**
 * Base score plus the weights of the matched evidence, at most 1.
 */
score: number
/**
 * confirmed, likely or suspected.
 */
level: ("confirmed" | "likely" | "suspected")
/**
 * Evidence ids that held.
 */
matched: string[]
/**
 * Evidence ids that did not hold (the next steps aim at them).
 */
missing: string[]
}
subject: FindingSubject
/**
 * Stable across runs and machines, e.g. WDF_LEAK_WORKITEM_amdacpbus2!AcpDspSwInterruptDpc.
 */
bucket: string
/**
 * One line.
 */
summary: string
/**
 * What is happening.
 */
description: string
/**
 * Why it leaks.
 */
lifetimeRule: string
/**
 * The facts that matched, with their transcript lines.
 */
evidence: FindingEvidence[]
/**
 * How to fix it, one step per entry.
 */
remediation: string[]
/**
 * Documents to read.
 */
references: Reference[]
/**
 * Debugger commands filled with real values.
 */
nextSteps: NextStep[]
/**
 * What this text does not show (missing evidence) and the command that would show it.
 */
cannotTell: CannotTell[]
}
/**
 * What the finding is about.
 *
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "FindingSubject".
 */
export interface FindingSubject {
/**
 * Kind of subject.
 */
kind: ("tag" | "driver" | "object-type" | "unload" | "bugcheck" | "pool")
/**
 * The subject's id.
 */
id: string
/**
 * Pool tag.
 */
tag?: string
/**
 * Driver module.
 */
driver?: string
/**
 * Bug check code, hex (0xC4).
 */
bugcheck?: string
/**
 * The bug check's first argument, hex (0x62).
 */
bugcheckArg1?: string
/**
 * The pool a pool-wide finding is about.
 */
pool?: ("nonpaged" | "paged")
/**
 * FX_TYPE constant name.
 */
fxType?: string
/**
 * FX_TYPE value, hex.
 */
fxTypeValue?: string
/**
 * WDF handle type, e.g. WDFWORKITEM.
 */
handleType?: string
/**
 * The object's callback, module!function.
 */
callback?: string
/**
 * Driver function that created the object.
 */
creator?: string
/**
 * Driver frames above the creating API, innermost first.
 */
creatorChain?: string[]
/**
 * Execution context of the creation (dpc, isr, passive-worker …).
 */
context?: string
/**
 * Parent object (type or handle).
 */
parent?: string
}
/**
 * One piece of evidence and where it is in the transcript.
 *
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "FindingEvidence".
 */
export interface FindingEvidence {
/**
 * Evidence item id from the signature, or the fact family for required conditions.
 */
id: string
/**
 * What it shows.
 */
description: string
/**
 * Transcript name.
 */
source: string
lines: LineRange
/**
 * The command whose output holds it.
 */
command?: string
/**
 * The transcript lines themselves, when available.
 */
quote?: string[]
}
/**
 * A debugger command to run next.
 *
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "NextStep".
 */
export interface NextStep {
/**
 * Command with real values.
 */
command: string
/**
 * What it shows.
 */
why: string
}
/**
 * Evidence the signature looks for that the text does not show.
 *
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "CannotTell".
 */
export interface CannotTell {
/**
 * The evidence item's description.
 */
what: string
/**
 * The next-step command that would show it.
 */
command?: string
}
