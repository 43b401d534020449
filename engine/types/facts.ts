// Normalized debugger facts: what the ingest layer produces from WinDbg text and what
// derivations and signatures read. Mirrors schemas/facts.schema.json; change both together.

export type Arch = 'x64' | 'x86' | 'arm64';

/** Where a fact came from, so a finding can quote its evidence. Lines are 1-based, inclusive. */
export interface Provenance {
  source: string;
  lines: [number, number];
  /** The raw command of the block, e.g. `!poolfind amda -nonpaged`; absent when recognised by content. */
  command?: string;
  /** Index of the block in `FactsDocument.blocks`. */
  block: number;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface Diagnostic {
  level: 'error' | 'warning' | 'info';
  /** Machine-readable code, e.g. `malformed-line`, `unknown-command`, `truncated-block`. */
  code: string;
  source: string;
  line: number;
  message: string;
  /** What the parser expected to see, in words. */
  expected?: string;
}

export interface SourceInfo {
  name: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
  bytes: number;
  lines: number;
}

/** One command and its output, as segmented from the transcript. */
export interface BlockSummary {
  index: number;
  source: string;
  lines: [number, number];
  /** Prompt text as written (`0: kd>`, `lkd>`, `0:000>`); absent when recognised by content. */
  prompt?: string;
  processor?: number;
  command?: string;
  /** Parser family that handled it (`poolused`, `dt`, …) or `unknown`. */
  family: string;
  parsed: boolean;
}

export type PoolKind = 'nonpaged' | 'paged' | 'session' | 'special' | 'unknown';

/** One tag row of `!poolused` (or a poolmon/poolsnap row folded into the same shape). */
export interface PoolUsageFact {
  tag: string;
  /** Outstanding allocations (non-verbose Allocs; verbose Diff). */
  nonpaged: PoolCounters;
  paged: PoolCounters;
  description?: string;
  /** Binary from `..., Binary: nt!io`. */
  binary?: string;
  /** True for `UNKNOWN pooltag 'xx', please update pooltag.txt`. */
  unknownTag?: boolean;
  /** Index of the snapshot (one per `!poolused` block) this row belongs to. */
  snapshot: number;
  provenance: Provenance;
}

export interface PoolCounters {
  /** Outstanding allocations. */
  allocs: number;
  bytes: number;
  /** Verbose output only: cumulative allocations and frees. */
  totalAllocs?: number;
  frees?: number;
}

/** A `!poolused` invocation: its flags, sort, totals. Rows are in `poolUsage` with the same snapshot. */
export interface PoolUsageSnapshot {
  snapshot: number;
  flags?: number;
  tagFilter?: string;
  sortedBy?: 'tag' | 'nonpaged' | 'paged';
  verbose: boolean;
  generation: 'modern' | 'legacy';
  /** The listing was cut (`...` after rows): a tag it does not show is unknown, not zero. */
  partial?: boolean;
  total?: { nonpaged: PoolCounters; paged: PoolCounters };
  /** Wall time when known (from `.time`, poolmon headers or the log), ISO 8601. */
  time?: string;
  provenance: Provenance;
}

/** Pool blocks aggregated per tag × pool × size; a scan of millions of blocks stays small. */
export interface PoolBlockGroup {
  tag: string;
  pool: PoolKind;
  /** Block size in bytes as printed (hex in output). */
  size: number;
  count: number;
  /** `large` = from the big-page table section; `small` = pool scan section. */
  section: 'large' | 'small' | 'unknown';
  state: 'allocated' | 'free';
  /** The first few addresses (hex, no backtick) with their line numbers. */
  samples: Array<{ address: string; line: number }>;
  scan: number;
  provenance: Provenance;
}

/** One `!poolfind` invocation. */
export interface PoolScanFact {
  scan: number;
  tag: string;
  tagValue?: number;
  poolArg?: string;
  /** Address at which the scan was interrupted (`...terminating - searched pool to X`). */
  terminatedAt?: string;
  ranges: Array<{ section: 'large' | 'small'; pool: PoolKind; start: string; end: string }>;
  blocks: number;
  generation: 'modern' | 'legacy';
  provenance: Provenance;
}

/** One block line of `!pool <addr>`. */
export interface PoolBlockFact {
  address: string;
  size: number;
  previousSize?: number;
  state: 'allocated' | 'free';
  tag: string;
  /** The line marked with `*`: the block containing the queried address. */
  containsQuery: boolean;
  large: boolean;
  region?: string;
  protected?: boolean;
  quotaProcess?: string;
  description?: string;
  binary?: string;
  queriedAddress: string;
  provenance: Provenance;
}

/** A field of a `dt` type layout or instance dump. */
export interface DtField {
  offset: number;
  name: string;
  /** Transcript line of the field, so evidence can quote one field rather than the whole dump. */
  line?: number;
  /** Raw value text after ` : ` (instance dumps) or the type (layouts). */
  raw: string;
  /** Parsed numeric value when the value is a number or pointer (bigint-safe as hex string). */
  value?: string;
  /** Decimal value when it fits a safe integer. */
  number?: number;
  /** Type named after a pointer (`_FX_DRIVER_GLOBALS`, `FxDevice`). */
  type?: string;
  /** Symbol named by a pointer value (`amdacpbus2!AcpDspResponseWorkItem+0`). */
  symbol?: string;
  bitfield?: { position: number; bits: number };
  /** `_LIST_ENTRY [ a - b ]`. */
  list?: [string, string];
  isNull?: boolean;
  depth: number;
}

export interface TypedObjectFact {
  /** Module-qualified type, e.g. `Wdf01000!FxWorkItem`. */
  type: string;
  module?: string;
  /** Resolved address of the instance (expression `base+0x10` evaluated), hex without backtick. */
  address: string;
  /** The address expression as typed. */
  addressExpression: string;
  fields: DtField[];
  elided: boolean;
  provenance: Provenance;
}

export interface TypeLayoutFact {
  type: string;
  module?: string;
  size?: number;
  elements?: number;
  fields: DtField[];
  elided: boolean;
  provenance: Provenance;
}

export interface StackFrame {
  index?: number;
  childSp?: string;
  returnAddress?: string;
  args?: string[];
  module?: string;
  function?: string;
  offset?: number;
  /** The call site as printed, without source annotation. */
  site: string;
  inline: boolean;
  sourceFile?: string;
  sourceLine?: number;
  line: number;
}

export interface StackFact {
  /** `k`, `kb`, `kv`, `kp`, `kc`, `kn` …, or `STACK_TEXT` / `!thread`. */
  kind: string;
  arch?: Arch;
  frames: StackFrame[];
  provenance: Provenance;
}

export interface RegisterFact {
  /** Register name (lower case) → value as hex string without 0x. */
  values: Record<string, string>;
  flags?: string;
  /** Symbolic location line (`Wdf01000!FxPoolAllocateWithTag2+0x4e [inlined in ...]`). */
  location?: string;
  instruction?: { address: string; bytes: string; text: string };
  /** `.frame /c /r` frame line and the `Reset base frame` note. */
  frame?: { requested?: number; actual?: number; site?: string };
  arch?: Arch;
  provenance: Provenance;
}

export interface MemoryFact {
  /** Start address of the dump (hex, no backtick). */
  address: string;
  unit: 1 | 2 | 4 | 8;
  /** Raw bytes as lowercase hex, in memory order. */
  bytes: string;
  /** For `dps`/`dqs`: symbol per pointer slot. */
  symbols?: Array<{ address: string; value: string; symbol: string }>;
  /** For `du`/`da`/`dS`/`dU`/`dA`: the string the debugger read at `address` (then `bytes` is empty). */
  text?: string;
  command: string;
  provenance: Provenance;
}

export interface SymbolFact {
  address: string;
  module?: string;
  name: string;
  signature?: string;
  /** `ln <address>`: the address asked about, on the symbol that contains it. */
  query?: string;
  /** … and the site as printed (`nt!MiAddMdlTracker+0xfd`). */
  site?: string;
  provenance: Provenance;
}

export interface BreakpointFact {
  /** `set` for a `bp` command; `hit` for `Breakpoint N hit`. */
  event: 'set' | 'hit';
  id?: number;
  target?: string;
  condition?: string;
  /** Register compared with a value in the condition, e.g. r8 == 0x61646d61. */
  compares?: Array<{ register: string; value: string }>;
  provenance: Provenance;
}

export interface VmCounterFact {
  /** Label as printed (`NonPagedPool Usage`, `NonPagedPoolNx  0`). */
  label: string;
  pages?: number;
  kb: number;
  node?: number;
  /** `!vm 4`: the session the counter belongs to, and its session space address. */
  session?: number;
  sessionAddress?: string;
  provenance: Provenance;
}

/**
 * A verdict `!vm` prints between its counters: `***** Excessive NonPaged Pool Usage *****`,
 * `***** 48530 pool allocations have failed *****`, `***** 356363 system PTE allocations have failed *****`.
 */
export interface VmWarningFact {
  kind: 'excessive-pool-usage' | 'allocations-failed' | 'other';
  /** For excessive usage and pool allocation failures: which pool, when the banner says. */
  pool?: 'nonpaged' | 'paged';
  /** For failures: how many. */
  count?: number;
  /** For failures: what could not be allocated (`pool`, `system PTE`, `kernel stack PTE`, …). */
  what?: string;
  /** The banner text without its stars. */
  text: string;
  provenance: Provenance;
}

export interface PoolTagDefinition {
  tag: string;
  binary?: string;
  description: string;
  origin: 'bundled' | 'pooltag.txt' | 'transcript';
}

// ---- WDF extension, verifier, crash analysis (issue 4) ----

export interface WdfDriverFact {
  name: string;
  image?: string;
  library?: string;
  version?: string;
  build?: string;
  globals?: string;
  bindInfo?: string;
  driverHandle?: string;
  driverTag?: string;
  verifierOn?: boolean;
  verifierSettings?: string[];
  objectCounts?: Record<string, number>;
  /** `WdfGlobals` of `!wdfldr` (the public WDF_DRIVER_GLOBALS inside the Fx globals). */
  wdfGlobals?: string;
  imageAddress?: string;
  imageSize?: number;
  framework?: 'KMDF' | 'UMDF';
  /** `!wdfldr Driver`: one row per library the driver is bound to (Wdf01000, Acx01000). */
  bindings?: Array<{ library: string; libraryVersion?: string; version?: string; wdfGlobals?: string; bindInfo?: string }>;
  /** `!wdfldr Driver`: the loader's client module record and its binding list head. */
  clientModule?: string;
  bindingList?: string;
  /** `!wdfldr` list: the library (`LIBRARY_MODULE` block) this client row is listed under. */
  loaderLibrary?: WdfLoaderLibrary;
  /** `!wdfldr` UMDF list: the driver manager process. */
  driverManagerProcess?: string;
  /** UMDF `!wdfcrashdump`: the failure the host process recorded for its faulting driver. */
  failure?: { type?: string; code?: string; thread?: string; minidump?: string };
  /** UMDF `!wdfcrashdump`: the drivers (service names) loaded in the same host process. */
  hostDrivers?: string[];
  /** Handles listed under the potentially-leaked section of `!wdfdriverinfo ... 0x200`. */
  potentiallyLeakedHandles?: string[];
  /** Lines of the output no parser rule knew (capped), kept so nothing printed is lost. */
  notes?: string[];
  provenance: Provenance;
}

/** A framework library as `!wdfldr` lists it (`LIBRARY_MODULE 0x...`, `Version`, `Associated Clients: 16`). */
export interface WdfLoaderLibrary {
  module?: string;
  /** Library name without `.sys` (`Wdf01000`). */
  name?: string;
  image?: string;
  version?: string;
  service?: string;
  imageAddress?: string;
  imageSize?: number;
  clients?: number;
  /** `LoadedModuleList` head printed above the library. */
  loadedModuleList?: string;
}

/** One queue of `!wdfdevicequeues`. */
export interface WdfQueueInfo {
  /** `Queue: 1`. */
  index?: number;
  /** Dispatch type and state words (`Sequential`, `Default`, `Not power-managed`, `PowerOn`, `Can accept` …). */
  flags?: string[];
  driverOwnedRequests?: number;
  waitingRequests?: number;
  /** `This is WDF internal queue for create requests.`: what the framework uses the queue for. */
  frameworkQueueFor?: string;
}

export interface WdfHandleFact {
  handle: string;
  /** Object pointer computed with the handle↔pointer rule or read from `dt FxXxx 0x...`. */
  object?: string;
  handleType?: string;
  fxClass?: string;
  refcount?: number;
  parent?: string;
  parentType?: string;
  owningDevice?: string;
  state?: string;
  stateValue?: number;
  stateHistory?: string[];
  /** `type` as printed; a module-qualified type (`AcxHdAudio!CODEC_DEVICE_CONTEXT`) also gives `module` and `typeName`. */
  contexts?: Array<{ address: string; type?: string; module?: string; typeName?: string; size?: number }>;
  callbacks?: Array<{ kind: string; address: string; symbol?: string }>;
  children?: string[];
  depth?: number;
  driver?: string;
  tagTracker?: string;
  /** `(FDO)` / `(PDO)` after a `!wdfdevice` row of `!wdfdriverinfo`. */
  role?: string;
  pnpState?: string;
  powerState?: string;
  powerPolicyState?: string;
  pnpHistory?: string[];
  powerHistory?: string[];
  powerPolicyHistory?: string[];
  /** `# Power references: N` and the power tag tracker of `!wdfdevice`. */
  powerReferences?: number;
  powerTagTracker?: string;
  /** WDM device object (`WDM PDEVICE_OBJECTs:  self 81fb00e8`). */
  wdmDevice?: string;
  /** Custom type names shown in brackets (`[ACXCIRCUIT]`). */
  customTypes?: string[];
  /** A `WDF INTERNAL` row of a child tree: an object without a handle (`handle` is empty). */
  internal?: boolean;
  /** Object pointer of the direct parent in a child tree (also for internal parents). */
  parentObject?: string;
  /** `!wdfmemory`: buffer address and length in bytes. */
  buffer?: string;
  length?: number;
  /** `!wdffindobjects`: the memory slots where the handle or object was found. */
  foundAt?: string[];
  potentiallyLeaked?: boolean;
  /** `!wdfobject` with verifier tracking: the object's debug extension and verifier lock. */
  debugExtension?: string;
  verifierLock?: string;
  /** `!wdfdevice` and `!wdfdevicequeues`: `ExecutionLevel is WdfExecutionLevelDispatch`, `SynchronizationScopeNone`. */
  executionLevel?: string;
  synchronizationScope?: string;
  /** `!wdfdevice`: `Device is (not) the power policy owner for the stack`. */
  powerPolicyOwner?: boolean;
  /** `!wdfdevicequeues`: the queue's settings and request counts. */
  queue?: WdfQueueInfo;
  provenance: Provenance;
}

export interface WdfTagTrackerEntry {
  op: 'ref' | 'release' | 'initial';
  refs?: number;
  tag: string;
  time?: string;
  file?: string;
  line?: number;
}

export interface WdfTagTrackerFact {
  tracker?: string;
  /** `N entries, history depth is D` as printed. */
  declaredEntries?: number;
  historyDepth?: number;
  entries: WdfTagTrackerEntry[];
  /** References minus releases over the shown history. */
  balance: number;
  provenance: Provenance;
}

export interface WdfPoolUsageFact {
  driver?: string;
  driverTag?: string;
  nonpagedBytes?: number;
  pagedBytes?: number;
  nonpagedAllocations?: number;
  pagedAllocations?: number;
  peakNonpagedBytes?: number;
  peakPagedBytes?: number;
  peakNonpagedAllocations?: number;
  peakPagedAllocations?: number;
  allocations: Array<{ address: string; size: number; tag: string; pool: PoolKind; caller?: string }>;
  /** `FxDriverGlobals 83b7af18 pool stats`. */
  globals?: string;
  provenance: Provenance;
}

export interface IfrRecord {
  sequence?: number;
  time?: string;
  function?: string;
  message: string;
  line: number;
  /** Log name printed before the sequence number when logs are merged (`03 SLT01 DCI03`). */
  stream?: string;
  /** `TRACE_LEVEL_ERROR` … when the trace prefix prints it. */
  level?: string;
  /** Provider in brackets of the tracefmt prefix (`[wdf01000]`). */
  component?: string;
  /** Last line of a record that was wrapped over several lines. */
  lastLine?: number;
}

export interface IfrLogFact {
  driver?: string;
  /** `-d` driver log, `-f` framework log, `-m` merged. */
  kind?: 'driver' | 'framework' | 'merged';
  /** `There are N log entries`. */
  declaredEntries?: number;
  formatPrefix?: string;
  /** `Trace searchpath is: ...`. */
  searchPath?: string;
  /** `Gather log: ... (reading 4024 bytes)`: the size of the log buffer read. */
  bufferBytes?: number;
  /** `!rcdrlogdump Driver -a Address` or a `Log at ...` line: the recorder log read. */
  address?: string;
  /** `!rcdrlogdump Driver`: the logs the recorder lists (`Log dump command  Log ID  Size`). */
  available?: Array<{ address: string; id: string; size?: number }>;
  /** No log could be read: the extension's reasons (`wdm-driver`, `image-not-loaded`, `no-framework-image`), the image and the error it printed. */
  unavailable?: { reasons: Array<'wdm-driver' | 'image-not-loaded' | 'no-framework-image'>; image?: string; error?: string };
  records: IfrRecord[];
  provenance: Provenance;
}

export type VerifierLeakKind =
  | 'fxpool-summary'
  | 'fxpool-leak'
  | 'mdl-leak'
  | 'abandoned-reference'
  | 'excessive-objects'
  | 'object-leak';

/** A leak the KMDF verifier reported in the IFR. */
export interface WdfVerifierReportFact {
  kind: VerifierLeakKind;
  driver?: string;
  fxPool?: string;
  address?: string;
  trackingBlock?: string;
  pool?: PoolKind;
  nonpagedBytes?: number;
  pagedBytes?: number;
  nonpagedAllocations?: number;
  pagedAllocations?: number;
  objectCount?: number;
  limit?: number;
  handle?: string;
  objectType?: string;
  peakNonpagedBytes?: number;
  peakPagedBytes?: number;
  peakNonpagedAllocations?: number;
  peakPagedAllocations?: number;
  /** `PMDL ... leaked, FxObject owner %p, Callers Address %p`. */
  owner?: string;
  caller?: string;
  /** Abandoned reference: tag value, source file and line of the reference. */
  tag?: string;
  file?: string;
  sourceLine?: number;
  /** `Possibly Abandonded ref ...` (benign for embedded objects). */
  possible?: boolean;
  tagTracker?: string;
  scaledLimit?: number;
  message: string;
  provenance: Provenance;
}

export interface VerifierDriverFact {
  module: string;
  moduleAddress?: string;
  loaded?: 'loaded' | 'unloaded' | 'loaded-and-unloaded';
  currentNonpagedAllocations?: number;
  currentPagedAllocations?: number;
  currentNonpagedBytes?: number;
  currentPagedBytes?: number;
  peakNonpagedAllocations?: number;
  peakPagedAllocations?: number;
  peakNonpagedBytes?: number;
  peakPagedBytes?: number;
  allocations: Array<{ address: string; size: number; tag: string; caller?: string; callerSymbol?: string; line?: number }>;
  flags?: string[];
  /** `Verify Flags Level 0x000209bb` / `Verify Level 9bb`. */
  verifyLevel?: number;
  /** `!verifier 0x80 Address`: pool Allocate/Free log entries attributed to this module. */
  poolLog?: Array<{ address: string; size: number; thread?: string; operation: 'allocate' | 'free' | 'unknown'; caller?: string; lines: [number, number] }>;
  /** True when `module` was inferred from the first non-system frame of a pool log trace. */
  inferredModule?: boolean;
  provenance: Provenance;
}

/** `!verifier` statistics (`Summary of All Verifier Statistics`): counters over every verified driver. */
export interface VerifierStatisticsFact {
  /** `RaiseIrqls`, `Pool Allocations Attempted`, … as printed, with their values. */
  counters: Record<string, number>;
  currentPagedAllocations?: number;
  currentPagedBytes?: number;
  currentNonpagedAllocations?: number;
  currentNonpagedBytes?: number;
  peakPagedAllocations?: number;
  peakPagedBytes?: number;
  peakNonpagedAllocations?: number;
  peakNonpagedBytes?: number;
  provenance: Provenance;
}

export interface BugcheckFact {
  code: number;
  name?: string;
  args: string[];
  /** Meaning of the arguments for the codes wdfleak knows (0xC4/0x62, 0x10D, 0x19, 0xC2, 0xA). */
  meaning?: string;
  subcode?: number;
  bugcheckStr?: string;
  defaultBucketId?: string;
  failureBucketId?: string;
  bucketId?: string;
  moduleName?: string;
  imageName?: string;
  processName?: string;
  followup?: string;
  symbolName?: string;
  keyValues?: Record<string, string>;
  /** Index into `stacks` of the STACK_TEXT. */
  stack?: number;
  /** Line range of the STACK_TEXT rows (the StackFact with the same block and lines). */
  stackLines?: [number, number];
  /** Text after each `ArgN: value,` (wrapped lines joined). */
  argDescriptions?: string[];
  /** `Probably caused by : x.sys ( x!f+1e )`. */
  probablyCausedBy?: string;
  followupIp?: string;
  faultingModule?: string;
  /** Other single-line `FIELD: value` pairs of the analysis (capped). */
  fields?: Record<string, string>;
  provenance: Provenance;
}

export interface PoolmonRowFact {
  tag: string;
  pool: PoolKind;
  allocs: number;
  frees: number;
  diff: number;
  bytes: number;
  perAlloc?: number;
  mappedDriver?: string;
  /** `( n)` changes since the previous refresh, when shown. */
  allocsDelta?: number;
  freesDelta?: number;
  bytesDelta?: number;
  /** `Unknown Driver` in the Mapped_Driver column. */
  unknownDriver?: boolean;
}

export interface PoolmonSnapshotFact {
  snapshot: number;
  time?: string;
  rows: PoolmonRowFact[];
  format: 'poolmon' | 'poolsnap';
  /** The time as written in the input when it could not be turned into ISO 8601 (or both). */
  timeText?: string;
  /** `System pool information`, `Session 0 pool information`, `All sessions pool information`. */
  scope?: 'system' | 'session' | 'all-sessions';
  session?: number;
  /** Header counters in KB (`Memory:`, `Avail:`, `Commit:`, `Limit:`, `Peak:`, `Pool N:`, `P:`). */
  memory?: { totalKb?: number; availKb?: number; commitKb?: number; limitKb?: number; peakKb?: number; poolNonpagedKb?: number; poolPagedKb?: number };
  provenance: Provenance;
}

/** Record type of each array of facts that parsers append to. */
export interface FactRecordMap {
  blocks: BlockSummary;
  poolUsage: PoolUsageFact;
  poolUsageSnapshots: PoolUsageSnapshot;
  poolBlockGroups: PoolBlockGroup;
  poolScans: PoolScanFact;
  poolBlocks: PoolBlockFact;
  typedObjects: TypedObjectFact;
  typeLayouts: TypeLayoutFact;
  stacks: StackFact;
  registers: RegisterFact;
  memory: MemoryFact;
  symbols: SymbolFact;
  breakpoints: BreakpointFact;
  vm: VmCounterFact;
  vmWarnings: VmWarningFact;
  poolTags: PoolTagDefinition;
  wdfDrivers: WdfDriverFact;
  wdfHandles: WdfHandleFact;
  wdfTagTrackers: WdfTagTrackerFact;
  wdfPoolUsage: WdfPoolUsageFact;
  ifrLogs: IfrLogFact;
  wdfVerifierReports: WdfVerifierReportFact;
  verifierDrivers: VerifierDriverFact;
  verifierStatistics: VerifierStatisticsFact;
  bugchecks: BugcheckFact;
  poolmon: PoolmonSnapshotFact;
  diagnostics: Diagnostic;
}

export type FactCollection = keyof FactRecordMap;

/** The normalized facts of one or more transcripts. */
export type FactsDocument = { [K in FactCollection]: Array<FactRecordMap[K]> } & {
  schemaVersion: 1;
  sources: SourceInfo[];
  arch?: Arch;
  archEvidence?: string;
  /** Counts of blocks and of unparsed blocks, and lines read. */
  stats: { blocks: number; unparsedBlocks: number; lines: number };
};
