// Generated from schemas/facts.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "count".
 */
export type Count = number
/**
 * First and last line, 1-based, inclusive.
 *
 * @minItems 2
 * @maxItems 2
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineRange".
 */
export type LineRange = [LineNumber, LineNumber]
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "lineNumber".
 */
export type LineNumber = number
/**
 * Output format generation of the debugger extension.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "generation".
 */
export type Generation = ("modern" | "legacy")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolKind".
 */
export type PoolKind = ("nonpaged" | "paged" | "session" | "special" | "unknown")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "allocationState".
 */
export type AllocationState = ("allocated" | "free")
/**
 * Hexadecimal digits without 0x and without the WinDbg backtick.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "hex".
 */
export type Hex = string
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "Arch".
 */
export type Arch = ("x64" | "x86" | "arm64")
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VerifierLeakKind".
 */
export type VerifierLeakKind = ("fxpool-summary" | "fxpool-leak" | "mdl-leak" | "abandoned-reference" | "excessive-objects" | "object-leak")
/**
 * First and last line, 1-based, inclusive.
 *
 * @minItems 2
 * @maxItems 2
 */
export type LineRange1 = [LineNumber, LineNumber]

/**
 * What the ingest layer reads out of WinDbg text: one array per kind of record, each record tied to the transcript lines it came from. Mirrors FactsDocument in engine/types/facts.ts; change both together.
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
 * Verdicts !vm prints between its counters (excessive pool usage, failed allocations).
 */
vmWarnings: VmWarningFact[]
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
 * !verifier statistics over every verified driver.
 */
verifierStatistics: VerifierStatisticsFact[]
/**
 * Per-driver pool tracking of Driver Verifier (!verifier).
 */
verifierDrivers: VerifierDriverFact[]
/**
 * What Driver Verifier reports on the console before it breaks in (`Driver Verifier detected violation:`), with no bug check.
 */
verifierViolations: VerifierViolationFact[]
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
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "SourceInfo".
 */
export interface SourceInfo {
name: string
encoding: ("utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be")
bytes: Count
lines: Count
}
/**
 * One command and its output, as segmented from the transcript.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "BlockSummary".
 */
export interface BlockSummary {
index: Count
source: string
lines: LineRange
/**
 * Prompt text as written (`0: kd>`, `lkd>`, `0:000>`); absent when recognised by content.
 */
prompt?: string
processor?: Count
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
bytes: Count
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
snapshot: Count
flags?: Count
tagFilter?: string
sortedBy?: ("tag" | "nonpaged" | "paged")
verbose: boolean
/**
 * The listing was cut (`...` after rows, or rows dropped, see droppedRows): a tag it does not show is unknown, not zero.
 */
partial?: boolean
/**
 * Rows left out to bound memory: only the tags with the most bytes in each pool are kept (TOTAL still counts the others).
 */
droppedRows?: number
generation: Generation
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
pool: PoolKind
/**
 * Block size in bytes.
 */
size: number
count: Count
/**
 * `large` = big-page table section; `small` = pool scan section.
 */
section: ("large" | "small" | "unknown")
state: AllocationState
/**
 * The first few addresses with their line numbers.
 */
samples: {
address: Hex
line: LineNumber
}[]
scan: Count
provenance: Provenance
}
/**
 * One !poolfind invocation.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolScanFact".
 */
export interface PoolScanFact {
scan: Count
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
pool: PoolKind
start: string
end: string
}[]
blocks: Count
generation: Generation
provenance: Provenance
}
/**
 * One block line of `!pool <addr>`.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolBlockFact".
 */
export interface PoolBlockFact {
address: Hex
size: Count
previousSize?: Count
state: AllocationState
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
address: (Hex | "")
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
offset: Count
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
position: Count
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
depth: Count
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
size?: Count
elements?: Count
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
arch?: Arch
frames: StackFrame[]
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "StackFrame".
 */
export interface StackFrame {
index?: Count
childSp?: string
returnAddress?: string
args?: string[]
module?: string
function?: string
offset?: Count
/**
 * The call site as printed, without source annotation.
 */
site: string
inline: boolean
sourceFile?: string
sourceLine?: Count
line: LineNumber
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
[k: string]: Hex
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
requested?: Count
actual?: Count
site?: string
}
arch?: Arch
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
 * For du/da/dS: the string the debugger read at address (bytes is then empty).
 */
text?: string
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
/**
 * ln: the address asked about, on the symbol that contains it.
 */
query?: string
/**
 * ln: the site as printed (module!name+0xoff).
 */
site?: string
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
id?: Count
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
pages?: Count
kb: Count
node?: Count
/**
 * !vm 4: the session of the counter.
 */
session?: number
/**
 * !vm 4: the session space address.
 */
sessionAddress?: string
provenance: Provenance
}
/**
 * A !vm banner such as `Excessive NonPaged Pool Usage` or `48530 pool allocations have failed`.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VmWarningFact".
 */
export interface VmWarningFact {
/**
 * What the banner reports.
 */
kind: ("excessive-pool-usage" | "allocations-failed" | "other")
/**
 * Which pool, when the banner says.
 */
pool?: ("nonpaged" | "paged")
count?: Count
/**
 * What could not be allocated (pool, system PTE, kernel stack PTE …).
 */
what?: string
/**
 * The banner without its stars.
 */
text: string
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
[k: string]: Count
}
/**
 * WdfGlobals of !wdfldr (the public WDF_DRIVER_GLOBALS inside the Fx globals).
 */
wdfGlobals?: string
imageAddress?: string
imageSize?: Count
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
 * !wdfldr Driver: CLIENT_MODULE, the loader's client record.
 */
clientModule?: string
/**
 * !wdfldr Driver: BindingList head.
 */
bindingList?: string
loaderLibrary?: WdfLoaderLibrary
/**
 * !wdfldr UMDF list: DriverManagerProcess.
 */
driverManagerProcess?: string
/**
 * UMDF !wdfcrashdump: the failure the host process recorded for its faulting driver.
 */
failure?: {
type?: string
code?: string
thread?: string
minidump?: string
}
/**
 * UMDF !wdfcrashdump: the drivers (service names) loaded in the same host process.
 */
hostDrivers?: string[]
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
 * !wdfldr list: the library (LIBRARY_MODULE block) this client row is listed under.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfLoaderLibrary".
 */
export interface WdfLoaderLibrary {
module?: string
name?: string
image?: string
version?: string
service?: string
imageAddress?: string
imageSize?: Count
/**
 * Associated Clients: N.
 */
clients?: number
loadedModuleList?: string
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
/**
 * As printed, module included (AcxHdAudio!CODEC_DEVICE_CONTEXT).
 */
type?: string
module?: string
/**
 * The type without its module.
 */
typeName?: string
size?: Count
}[]
callbacks?: {
kind: string
address: string
symbol?: string
}[]
children?: string[]
depth?: Count
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
/**
 * !wdfobject: Object debug extension (verifier tracking).
 */
debugExtension?: string
/**
 * !wdfobject: Verifier lock.
 */
verifierLock?: string
/**
 * ExecutionLevel of !wdfdevice or !wdfdevicequeues.
 */
executionLevel?: string
/**
 * SynchronizationScope of !wdfdevice or !wdfdevicequeues.
 */
synchronizationScope?: string
/**
 * !wdfdevice: Device is (not) the power policy owner for the stack.
 */
powerPolicyOwner?: boolean
queue?: WdfQueueInfo
provenance: Provenance
}
/**
 * !wdfdevicequeues: the queue's settings and request counts.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfQueueInfo".
 */
export interface WdfQueueInfo {
index?: Count
flags?: string[]
driverOwnedRequests?: Count
waitingRequests?: Count
/**
 * This is WDF internal queue for create requests.
 */
frameworkQueueFor?: string
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
line?: Count
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "WdfPoolUsageFact".
 */
export interface WdfPoolUsageFact {
driver?: string
driverTag?: string
nonpagedBytes?: Count
pagedBytes?: Count
nonpagedAllocations?: Count
pagedAllocations?: Count
peakNonpagedBytes?: Count
peakPagedBytes?: Count
peakNonpagedAllocations?: Count
peakPagedAllocations?: Count
allocations: {
address: string
size: Count
tag: string
pool: PoolKind
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
/**
 * Trace searchpath is: ...
 */
searchPath?: string
/**
 * Gather log: ... (reading N bytes).
 */
bufferBytes?: number
/**
 * !rcdrlogdump -a Address: the recorder log read.
 */
address?: string
/**
 * !rcdrlogdump Driver: the logs the recorder lists (Log dump command, Log ID, Size).
 */
available?: {
address: string
id: string
size?: Count
}[]
/**
 * No log could be read: the extension's reasons, the image and the error it printed.
 */
unavailable?: {
reasons: ("wdm-driver" | "image-not-loaded" | "no-framework-image")[]
image?: string
error?: string
}
records: IfrRecord[]
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "IfrRecord".
 */
export interface IfrRecord {
sequence?: Count
time?: string
function?: string
message: string
line: LineNumber
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
kind: VerifierLeakKind
driver?: string
fxPool?: string
address?: string
trackingBlock?: string
pool?: PoolKind
nonpagedBytes?: Count
pagedBytes?: Count
nonpagedAllocations?: Count
pagedAllocations?: Count
objectCount?: Count
limit?: Count
handle?: string
objectType?: string
peakNonpagedBytes?: Count
peakPagedBytes?: Count
peakNonpagedAllocations?: Count
peakPagedAllocations?: Count
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
scaledLimit?: Count
message: string
provenance: Provenance
}
/**
 * Summary of All Verifier Statistics.
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VerifierStatisticsFact".
 */
export interface VerifierStatisticsFact {
/**
 * Counter name as printed → value.
 */
counters: {
[k: string]: Count
}
currentPagedAllocations?: Count
currentPagedBytes?: Count
currentNonpagedAllocations?: Count
currentNonpagedBytes?: Count
peakPagedAllocations?: Count
peakPagedBytes?: Count
peakNonpagedAllocations?: Count
peakNonpagedBytes?: Count
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
currentNonpagedAllocations?: Count
currentPagedAllocations?: Count
currentNonpagedBytes?: Count
currentPagedBytes?: Count
peakNonpagedAllocations?: Count
peakPagedAllocations?: Count
peakNonpagedBytes?: Count
peakPagedBytes?: Count
/**
 * Allocation rows past the first 10,000 of the entry: counted, not kept (memory bound).
 */
unlistedAllocations?: number
allocations: {
address: string
size: Count
tag: string
caller?: string
callerSymbol?: string
line?: LineNumber
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
size: Count
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
 * A Driver Verifier console report between lines of stars: what the driver did and the `Name = value` pairs it prints (`CulpritAddress = FFFFF806E5968960, Irp = FFFFA10115546E50.`).
 *
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "VerifierViolationFact".
 */
export interface VerifierViolationFact {
/**
 * What the driver did, wrapped lines joined.
 */
text: string
/**
 * `Name = value` pairs as printed (`CulpritAddress` → `FFFFF806E5968960`).
 */
values: {
[k: string]: string
}
/**
 * Exception code of the break-in after the report (`Break instruction exception - code 80000003`).
 */
breakCode?: string
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "BugcheckFact".
 */
export interface BugcheckFact {
code: Count
name?: string
args: string[]
/**
 * Meaning of the arguments for the codes wdfleak knows (0xC4/0x62, 0x10D, 0x19, 0xC2, 0xA).
 */
meaning?: string
subcode?: Count
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
snapshot: Count
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
session?: Count
/**
 * Header counters in KB (Memory:, Avail:, Commit:, Limit:, Peak:, Pool N:, P:).
 */
memory?: {
totalKb?: Count
availKb?: Count
commitKb?: Count
limitKb?: Count
peakKb?: Count
poolNonpagedKb?: Count
poolPagedKb?: Count
}
provenance: Provenance
}
/**
 * This interface was referenced by `WdfleakNormalizedFacts`'s JSON-Schema
 * via the `definition` "PoolmonRowFact".
 */
export interface PoolmonRowFact {
tag: string
pool: PoolKind
allocs: Count
frees: Count
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
line: LineNumber
message: string
/**
 * What the parser expected to see, in words.
 */
expected?: string
}
