// Generated from schemas/findings.schema.json by scripts/generate-types.mjs: do not edit; change the schema and run
// `npm run generate:types`.
/* eslint-disable */
/**
 * First and last line, 1-based, inclusive.
 *
 * @minItems 2
 * @maxItems 2
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineRange".
 *
 * Items: This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
export type LineRange = [number, number]
/**
 * First and last line, 1-based, inclusive.
 *
 * @minItems 2
 * @maxItems 2
 *
 * Items: This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
export type LineRange1 = [number, number]
/**
 * This interface was referenced by `WdfleakReport`'s JSON-Schema
 * via the `definition` "count".
 */
export type Count = number
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
kind: ("tag" | "driver" | "object-type" | "unload" | "bugcheck")
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
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "SourceInfo".
 */
export interface SourceInfo {
name: string
encoding: ("utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
bytes: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
lines: number
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
kind: ("tag" | "driver" | "object-type" | "unload" | "bugcheck")
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
 * A document to read.
 */
export interface Reference {
/**
 * Title of the page or source.
 */
title: string
/**
 * Absolute http(s) address.
 */
url: string
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
 * A line a parser could not read.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "Diagnostic".
 */
export interface Diagnostic {
level: ("error" | "warning" | "info")
/**
 * Machine-readable code, e.g. `malformed-line`, `unknown-command`, `truncated-block`.
 */
code: string
source: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
line: number
message: string
/**
 * What the parser expected to see, in words.
 */
expected?: string
}
/**
 * The normalized facts (with --with-facts).
 */
export interface WdfleakNormalizedFacts {
/**
 * Version of this document format; bumped on incompatible changes.
 */
schemaVersion: 1
/**
 * The transcripts read, in order.
 */
sources: SourceInfo[]
/**
 * Target architecture, when the text proves one (or the caller assumed one).
 */
arch?: ("x64" | "x86" | "arm64")
/**
 * What proved the architecture, e.g. a register name or the pointer width.
 */
archEvidence?: string
/**
 * Counts of blocks, of unparsed blocks, and of lines read.
 */
stats: {
/**
 * Command blocks segmented.
 */
blocks: number
/**
 * Blocks no parser family handled.
 */
unparsedBlocks: number
/**
 * Lines read over all sources.
 */
lines: number
}
/**
 * Every command block, parsed or not.
 */
blocks: BlockSummary[]
/**
 * Tag rows of !poolused.
 */
poolUsage: PoolUsageFact[]
/**
 * One entry per !poolused invocation.
 */
poolUsageSnapshots: PoolUsageSnapshot[]
/**
 * Pool blocks found by !poolfind, grouped by tag, pool and size.
 */
poolBlockGroups: PoolBlockGroup[]
/**
 * One entry per !poolfind invocation.
 */
poolScans: PoolScanFact[]
/**
 * Block lines of !pool.
 */
poolBlocks: PoolBlockFact[]
/**
 * dt dumps of an instance at an address.
 */
typedObjects: TypedObjectFact[]
/**
 * dt dumps of a type without an address.
 */
typeLayouts: TypeLayoutFact[]
/**
 * Call stacks (k family, !thread, STACK_TEXT).
 */
stacks: StackFact[]
/**
 * Register dumps (r, .frame /r, breakpoint stops).
 */
registers: RegisterFact[]
/**
 * Memory dumps (db, dd, dq, dps, dqs …).
 */
memory: MemoryFact[]
/**
 * Symbols resolved by x, ln and similar.
 */
symbols: SymbolFact[]
/**
 * Breakpoints set and hit.
 */
breakpoints: BreakpointFact[]
/**
 * Counters of !vm.
 */
vm: VmCounterFact[]
/**
 * Tag descriptions from the bundled list, a pooltag.txt or the transcript.
 */
poolTags: PoolTagDefinition[]
/**
 * KMDF drivers from !wdfkd.wdfdriverinfo and friends.
 */
wdfDrivers: WdfDriverFact[]
/**
 * WDF objects from !wdfkd.wdfhandle, !wdfkd.wdfobject and child lists.
 */
wdfHandles: WdfHandleFact[]
/**
 * Reference histories from !wdfkd.wdftagtracker.
 */
wdfTagTrackers: WdfTagTrackerFact[]
/**
 * KMDF pool tracking from !wdfkd.wdfpoolusage.
 */
wdfPoolUsage: WdfPoolUsageFact[]
/**
 * In-flight recorder logs (!wdfkd.wdflogdump).
 */
ifrLogs: IfrLogFact[]
/**
 * Leaks the KMDF verifier reported in the IFR.
 */
wdfVerifierReports: WdfVerifierReportFact[]
/**
 * Per-driver pool tracking of Driver Verifier (!verifier).
 */
verifierDrivers: VerifierDriverFact[]
/**
 * Bug checks from !analyze -v or .bugcheck.
 */
bugchecks: BugcheckFact[]
/**
 * poolmon and poolsnap snapshots.
 */
poolmon: PoolmonSnapshotFact[]
/**
 * What the parsers could not read, and why.
 */
diagnostics: Diagnostic[]
}
/**
 * One command and its output, as segmented from the transcript.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "BlockSummary".
 */
export interface BlockSummary {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
index: number
source: string
lines: LineRange
/**
 * Prompt text as written (`0: kd>`, `lkd>`, `0:000>`); absent when recognised by content.
 */
prompt?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
processor?: number
command?: string
/**
 * Parser family that handled it (`poolused`, `dt`, …) or `unknown`.
 */
family: string
parsed: boolean
}
/**
 * One tag row of !poolused (or a poolmon/poolsnap row folded into the same shape).
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolUsageFact".
 */
export interface PoolUsageFact {
tag: string
nonpaged: PoolCounters
paged: PoolCounters
description?: string
/**
 * Binary from `..., Binary: nt!io`.
 */
binary?: string
/**
 * True for `UNKNOWN pooltag 'xx', please update pooltag.txt`.
 */
unknownTag?: boolean
/**
 * Index of the snapshot (one per !poolused block) this row belongs to.
 */
snapshot: number
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolCounters".
 */
export interface PoolCounters {
/**
 * Outstanding allocations.
 */
allocs: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
bytes: number
/**
 * Verbose output only: cumulative allocations.
 */
totalAllocs?: number
/**
 * Verbose output only: cumulative frees.
 */
frees?: number
}
/**
 * Where a fact came from, so a finding can quote its evidence.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "Provenance".
 */
export interface Provenance {
/**
 * Name of the transcript.
 */
source: string
lines: LineRange
/**
 * The raw command of the block, e.g. `!poolfind amda -nonpaged`; absent when recognised by content.
 */
command?: string
/**
 * Index of the block in `blocks`.
 */
block: number
}
/**
 * A !poolused invocation: its flags, sort and totals.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolUsageSnapshot".
 */
export interface PoolUsageSnapshot {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
snapshot: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
flags?: number
tagFilter?: string
sortedBy?: ("tag" | "nonpaged" | "paged")
verbose: boolean
/**
 * Output format generation of the debugger extension.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "generation".
 */
generation: ("modern" | "legacy")
total?: {
nonpaged: PoolCounters
paged: PoolCounters
}
/**
 * Wall time when known, ISO 8601.
 */
time?: string
provenance: Provenance
}
/**
 * Pool blocks aggregated per tag, pool and size.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolBlockGroup".
 */
export interface PoolBlockGroup {
tag: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolKind".
 */
pool: ("nonpaged" | "paged" | "session" | "special" | "unknown")
/**
 * Block size in bytes.
 */
size: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
count: number
/**
 * `large` = big-page table section; `small` = pool scan section.
 */
section: ("large" | "small" | "unknown")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "allocationState".
 */
state: ("allocated" | "free")
/**
 * The first few addresses with their line numbers.
 */
samples: {
/**
 * Hexadecimal digits without 0x and without the WinDbg backtick.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "hex".
 */
address: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
line: number
}[]
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
scan: number
provenance: Provenance
}
/**
 * One !poolfind invocation.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolScanFact".
 */
export interface PoolScanFact {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
scan: number
tag: string
/**
 * The tag as a 32-bit little-endian number.
 */
tagValue?: number
poolArg?: string
/**
 * Address at which the scan was interrupted (`...terminating - searched pool to X`).
 */
terminatedAt?: string
ranges: {
section: ("large" | "small")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolKind".
 */
pool: ("nonpaged" | "paged" | "session" | "special" | "unknown")
start: string
end: string
}[]
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
blocks: number
/**
 * Output format generation of the debugger extension.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "generation".
 */
generation: ("modern" | "legacy")
provenance: Provenance
}
/**
 * One block line of `!pool <addr>`.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolBlockFact".
 */
export interface PoolBlockFact {
/**
 * Hexadecimal digits without 0x and without the WinDbg backtick.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "hex".
 */
address: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
size: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
previousSize?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "allocationState".
 */
state: ("allocated" | "free")
tag: string
/**
 * The line marked with `*`: the block containing the queried address.
 */
containsQuery: boolean
large: boolean
region?: string
protected?: boolean
quotaProcess?: string
description?: string
binary?: string
queriedAddress: string
provenance: Provenance
}
/**
 * A dt dump of an instance.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "TypedObjectFact".
 */
export interface TypedObjectFact {
/**
 * Module-qualified type, e.g. `Wdf01000!FxWorkItem`.
 */
type: string
module?: string
/**
 * Resolved address of the instance (expression `base+0x10` evaluated); empty when the expression names a register or a C++ expression that text alone cannot evaluate.
 */
address: (string | "")
/**
 * The address expression as typed.
 */
addressExpression: string
fields: DtField[]
elided: boolean
provenance: Provenance
}
/**
 * A field of a dt type layout or instance dump.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "DtField".
 */
export interface DtField {
/**
 * Transcript line of the field, so evidence can quote one field rather than the whole dump.
 */
line?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
offset: number
name: string
/**
 * Raw value text after ` : ` (instance dumps) or the type (layouts).
 */
raw: string
/**
 * Parsed numeric value as a hex string (safe for 64-bit values).
 */
value?: string
/**
 * Decimal value when it fits a safe integer.
 */
number?: number
/**
 * Type named after a pointer (`_FX_DRIVER_GLOBALS`, `FxDevice`).
 */
type?: string
/**
 * Symbol named by a pointer value (`amdacpbus2!AcpDspResponseWorkItem+0`).
 */
symbol?: string
bitfield?: {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
position: number
bits: number
}
/**
 * `_LIST_ENTRY [ a - b ]`.
 *
 * @minItems 2
 * @maxItems 2
 */
list?: [string, string]
isNull?: boolean
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
depth: number
}
/**
 * A dt dump of a type layout.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "TypeLayoutFact".
 */
export interface TypeLayoutFact {
type: string
module?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
size?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
elements?: number
fields: DtField[]
elided: boolean
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "StackFact".
 */
export interface StackFact {
/**
 * `k`, `kb`, `kv`, `kp`, `kc`, `kn` …, or `STACK_TEXT` / `!thread`.
 */
kind: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "Arch".
 */
arch?: ("x64" | "x86" | "arm64")
frames: StackFrame[]
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "StackFrame".
 */
export interface StackFrame {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
index?: number
childSp?: string
returnAddress?: string
args?: string[]
module?: string
function?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
offset?: number
/**
 * The call site as printed, without source annotation.
 */
site: string
inline: boolean
sourceFile?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
sourceLine?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
line: number
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "RegisterFact".
 */
export interface RegisterFact {
/**
 * Register name (lower case) → value as hex without 0x.
 */
values: {
/**
 * Hexadecimal digits without 0x and without the WinDbg backtick.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "hex".
 */
[k: string]: string
}
flags?: string
/**
 * Symbolic location line (`Wdf01000!FxPoolAllocateWithTag2+0x4e [inlined in ...]`).
 */
location?: string
instruction?: {
address: string
bytes: string
text: string
}
/**
 * `.frame /c /r` frame line and the `Reset base frame` note.
 */
frame?: {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
requested?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
actual?: number
site?: string
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "Arch".
 */
arch?: ("x64" | "x86" | "arm64")
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "MemoryFact".
 */
export interface MemoryFact {
/**
 * Hexadecimal digits without 0x and without the WinDbg backtick.
 */
address: string
unit: (1 | 2 | 4 | 8)
/**
 * Raw bytes as lowercase hex, in memory order.
 */
bytes: string
/**
 * For dps/dqs: symbol per pointer slot.
 */
symbols?: {
address: string
value: string
symbol: string
}[]
command: string
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "SymbolFact".
 */
export interface SymbolFact {
address: string
module?: string
name: string
signature?: string
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "BreakpointFact".
 */
export interface BreakpointFact {
/**
 * `set` for a bp command; `hit` for `Breakpoint N hit`.
 */
event: ("set" | "hit")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
id?: number
target?: string
condition?: string
/**
 * Register compared with a value in the condition, e.g. r8 == 0x61646d61.
 */
compares?: {
register: string
value: string
}[]
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VmCounterFact".
 */
export interface VmCounterFact {
/**
 * Label as printed (`NonPagedPool Usage`, `NonPagedPoolNx  0`).
 */
label: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
pages?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
kb: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
node?: number
provenance: Provenance
}
/**
 * What a pool tag stands for. No provenance: it may come from the bundled list or a pooltag.txt.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolTagDefinition".
 */
export interface PoolTagDefinition {
tag: string
binary?: string
description: string
origin: ("bundled" | "pooltag.txt" | "transcript")
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfDriverFact".
 */
export interface WdfDriverFact {
name: string
image?: string
library?: string
version?: string
build?: string
globals?: string
bindInfo?: string
driverHandle?: string
driverTag?: string
verifierOn?: boolean
verifierSettings?: string[]
objectCounts?: {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
[k: string]: number
}
/**
 * WdfGlobals of !wdfldr (the public WDF_DRIVER_GLOBALS inside the Fx globals).
 */
wdfGlobals?: string
imageAddress?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
imageSize?: number
framework?: ("KMDF" | "UMDF")
/**
 * !wdfldr Driver: one row per library the driver is bound to (Wdf01000, Acx01000).
 */
bindings?: {
library: string
libraryVersion?: string
version?: string
wdfGlobals?: string
bindInfo?: string
}[]
/**
 * Handles listed under the potentially-leaked section of !wdfdriverinfo ... 0x200.
 */
potentiallyLeakedHandles?: string[]
/**
 * Lines of the output no parser rule knew (capped), kept so nothing printed is lost.
 */
notes?: string[]
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfHandleFact".
 */
export interface WdfHandleFact {
handle: string
/**
 * Object pointer computed with the handle↔pointer rule or read from `dt FxXxx 0x...`.
 */
object?: string
handleType?: string
fxClass?: string
refcount?: number
parent?: string
parentType?: string
owningDevice?: string
state?: string
stateValue?: number
stateHistory?: string[]
contexts?: {
address: string
type?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
size?: number
}[]
callbacks?: {
kind: string
address: string
symbol?: string
}[]
children?: string[]
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
depth?: number
driver?: string
tagTracker?: string
/**
 * (FDO) / (PDO) after a !wdfdevice row of !wdfdriverinfo.
 */
role?: string
pnpState?: string
powerState?: string
powerPolicyState?: string
pnpHistory?: string[]
powerHistory?: string[]
powerPolicyHistory?: string[]
/**
 * # Power references: N of !wdfdevice.
 */
powerReferences?: number
powerTagTracker?: string
/**
 * WDM device object (WDM PDEVICE_OBJECTs:  self 81fb00e8).
 */
wdmDevice?: string
/**
 * Custom type names shown in brackets ([ACXCIRCUIT]).
 */
customTypes?: string[]
/**
 * A WDF INTERNAL row of a child tree: an object without a handle (handle is empty).
 */
internal?: boolean
/**
 * Object pointer of the direct parent in a child tree (also for internal parents).
 */
parentObject?: string
/**
 * !wdfmemory: buffer address.
 */
buffer?: string
/**
 * !wdfmemory: buffer length in bytes.
 */
length?: number
/**
 * !wdffindobjects: the memory slots where the handle or object was found.
 */
foundAt?: string[]
potentiallyLeaked?: boolean
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfTagTrackerFact".
 */
export interface WdfTagTrackerFact {
tracker?: string
/**
 * N entries, as printed.
 */
declaredEntries?: number
/**
 * History depth, as printed.
 */
historyDepth?: number
entries: WdfTagTrackerEntry[]
/**
 * References minus releases over the shown history.
 */
balance: number
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfTagTrackerEntry".
 */
export interface WdfTagTrackerEntry {
op: ("ref" | "release" | "initial")
refs?: number
tag: string
time?: string
file?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
line?: number
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfPoolUsageFact".
 */
export interface WdfPoolUsageFact {
driver?: string
driverTag?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
nonpagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
pagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
nonpagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
pagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakNonpagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakPagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakNonpagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakPagedAllocations?: number
allocations: {
address: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
size: number
tag: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolKind".
 */
pool: ("nonpaged" | "paged" | "session" | "special" | "unknown")
caller?: string
}[]
/**
 * FxDriverGlobals 83b7af18 pool stats.
 */
globals?: string
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "IfrLogFact".
 */
export interface IfrLogFact {
driver?: string
/**
 * -d driver log, -f framework log, -m merged.
 */
kind?: ("driver" | "framework" | "merged")
/**
 * There are N log entries.
 */
declaredEntries?: number
formatPrefix?: string
records: IfrRecord[]
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "IfrRecord".
 */
export interface IfrRecord {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
sequence?: number
time?: string
function?: string
message: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
line: number
/**
 * Log name printed before the sequence number when logs are merged (03 SLT01 DCI03).
 */
stream?: string
/**
 * TRACE_LEVEL_ERROR … when the trace prefix prints it.
 */
level?: string
/**
 * Provider in brackets of the tracefmt prefix ([wdf01000]).
 */
component?: string
/**
 * Last line of a record that was wrapped over several lines.
 */
lastLine?: number
}
/**
 * A leak the KMDF verifier reported in the IFR.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfVerifierReportFact".
 */
export interface WdfVerifierReportFact {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VerifierLeakKind".
 */
kind: ("fxpool-summary" | "fxpool-leak" | "mdl-leak" | "abandoned-reference" | "excessive-objects" | "object-leak")
driver?: string
fxPool?: string
address?: string
trackingBlock?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolKind".
 */
pool?: ("nonpaged" | "paged" | "session" | "special" | "unknown")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
nonpagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
pagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
nonpagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
pagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
objectCount?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
limit?: number
handle?: string
objectType?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakNonpagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakPagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakNonpagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakPagedAllocations?: number
/**
 * PMDL ... leaked, FxObject owner %p.
 */
owner?: string
/**
 * Callers Address %p.
 */
caller?: string
/**
 * Abandoned reference: tag value of the reference.
 */
tag?: string
/**
 * Abandoned reference: source file of the reference.
 */
file?: string
/**
 * Abandoned reference: source line of the reference.
 */
sourceLine?: number
/**
 * Possibly Abandonded ref ... (benign for embedded objects).
 */
possible?: boolean
tagTracker?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
scaledLimit?: number
message: string
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VerifierDriverFact".
 */
export interface VerifierDriverFact {
module: string
moduleAddress?: string
loaded?: ("loaded" | "unloaded" | "loaded-and-unloaded")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
currentNonpagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
currentPagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
currentNonpagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
currentPagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakNonpagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakPagedAllocations?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakNonpagedBytes?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakPagedBytes?: number
allocations: {
address: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
size: number
tag: string
caller?: string
callerSymbol?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
line?: number
}[]
flags?: string[]
/**
 * Verify Flags Level 0x000209bb / Verify Level 9bb.
 */
verifyLevel?: number
/**
 * !verifier 0x80 Address: pool Allocate/Free log entries attributed to this module.
 */
poolLog?: {
address: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
size: number
thread?: string
operation: ("allocate" | "free" | "unknown")
caller?: string
lines: LineRange
}[]
/**
 * True when module was inferred from the first non-system frame of a pool log trace.
 */
inferredModule?: boolean
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "BugcheckFact".
 */
export interface BugcheckFact {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
code: number
name?: string
args: string[]
/**
 * Meaning of the arguments for the codes wdfleak knows (0xC4/0x62, 0x10D, 0x19, 0xC2, 0xA).
 */
meaning?: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
subcode?: number
bugcheckStr?: string
defaultBucketId?: string
failureBucketId?: string
bucketId?: string
moduleName?: string
imageName?: string
processName?: string
followup?: string
symbolName?: string
keyValues?: {
[k: string]: string
}
/**
 * Index into `stacks` of the STACK_TEXT.
 */
stack?: number
stackLines?: LineRange1
/**
 * Text after each ArgN: value, (wrapped lines joined).
 */
argDescriptions?: string[]
/**
 * Probably caused by : x.sys ( x!f+1e ).
 */
probablyCausedBy?: string
followupIp?: string
faultingModule?: string
/**
 * Other single-line FIELD: value pairs of the analysis (capped).
 */
fields?: {
[k: string]: string
}
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolmonSnapshotFact".
 */
export interface PoolmonSnapshotFact {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
snapshot: number
time?: string
rows: PoolmonRowFact[]
format: ("poolmon" | "poolsnap")
/**
 * The time as written in the input when it could not be turned into ISO 8601 (or both).
 */
timeText?: string
/**
 * System pool information, Session 0 pool information, All sessions pool information.
 */
scope?: ("system" | "session" | "all-sessions")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
session?: number
/**
 * Header counters in KB (Memory:, Avail:, Commit:, Limit:, Peak:, Pool N:, P:).
 */
memory?: {
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
totalKb?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
availKb?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
commitKb?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
limitKb?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
peakKb?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
poolNonpagedKb?: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
poolPagedKb?: number
}
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolmonRowFact".
 */
export interface PoolmonRowFact {
tag: string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolKind".
 */
pool: ("nonpaged" | "paged" | "session" | "special" | "unknown")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
allocs: number
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
frees: number
diff: number
bytes: number
perAlloc?: number
mappedDriver?: string
/**
 * ( n) changes since the previous refresh, when shown.
 */
allocsDelta?: number
freesDelta?: number
bytesDelta?: number
/**
 * Unknown Driver in the Mapped_Driver column.
 */
unknownDriver?: boolean
}
