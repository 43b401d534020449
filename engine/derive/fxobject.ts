// Decode an FxObject (and the FxWorkItem fields after it) from raw bytes or from `dt` fields, with
// the layouts of rules/reference/layouts/fxobject.json and the enums of fxobject-enums.json.
import { fxTypeByName, fxTypeByValue, handleTypeOfMType } from '../reference/fx-types.js';
import {
  bytesFromHex,
  enumDefinition,
  layoutConstant,
  pointerBytes,
  readField,
  readUnsigned,
  structLayout,
  structLayoutVariants,
  type ResolvedLayout,
  type WdfVariant,
} from '../reference/layouts.js';
import type { Arch, DtField, TypedObjectFact } from '../types/facts.js';
import type { BuildVariant, LayoutEvidence, MTypeStorage } from '../types/reference.js';

const FX_TYPE_WORKITEM_VALUE = fxTypeByName('FX_TYPE_WORKITEM')!.value;

// ---- enums ----------------------------------------------------------------------------------

export interface FxTypeDecoded {
  value: number;
  hex: string;
  name?: string;
  handleType?: string;
  /** False when the handle type is inferred (0x1000 is WDFMEMORY only for objects with a context). */
  handleTypeCertain?: boolean;
  storedInMType?: MTypeStorage;
  known: boolean;
}

export function decodeFxType(value: number): FxTypeDecoded {
  const t = fxTypeByValue(value);
  const hex = '0x' + value.toString(16);
  if (!t) return { value, hex, known: false };
  const h = handleTypeOfMType(value);
  return {
    value,
    hex,
    name: t.name,
    ...(h ? { handleType: h.handleType, handleTypeCertain: h.certain } : {}),
    storedInMType: t.storedInMType,
    known: true,
  };
}

export interface ObjectFlagsDecoded {
  value: number;
  hex: string;
  /** Short names in bit order: PASSIVE_CALLBACKS, COMMITTED … */
  names: string[];
  /** `PASSIVE_CALLBACKS|COMMITTED|…` */
  text: string;
  /** Bits no FXOBJECT_FLAGS member names. */
  unknownBits: number;
  deleteCalled: boolean;
  noDeleteDdi: boolean;
  committed: boolean;
  hasDebug: boolean;
}

const FLAGS = enumDefinition('FXOBJECT_FLAGS')!;
const flagValue = (short: string): number => FLAGS.members.find((m) => m.shortName === short)?.value ?? 0;
const F_DELETECALLED = flagValue('DELETECALLED');
const F_NODELETEDDI = flagValue('NODELETEDDI');
const F_COMMITTED = flagValue('COMMITTED');
const F_HAS_DEBUG = flagValue('HAS_DEBUG');
const KNOWN_FLAG_BITS = FLAGS.members.reduce((a, m) => a | m.value, 0);

export function decodeObjectFlags(value: number): ObjectFlagsDecoded {
  const names = FLAGS.members.filter((m) => (value & m.value) !== 0).map((m) => m.shortName ?? m.name);
  return {
    value,
    hex: '0x' + value.toString(16),
    names,
    text: names.join('|'),
    unknownBits: value & ~KNOWN_FLAG_BITS & 0xffff,
    deleteCalled: (value & F_DELETECALLED) !== 0,
    noDeleteDdi: (value & F_NODELETEDDI) !== 0,
    committed: (value & F_COMMITTED) !== 0,
    hasDebug: (value & F_HAS_DEBUG) !== 0,
  };
}

/** FXOBJECT_FLAGS value from the bit-field view (`m_ObjectFlagsByName` children `PassiveCallbacks : 0y1`). */
export function flagsFromBitfieldNames(bits: ReadonlyMap<string, number>): number {
  let v = 0;
  for (const m of FLAGS.members) if (m.bitfieldName && bits.get(m.bitfieldName)) v |= m.value;
  return v;
}

export interface ObjectStateDecoded {
  value: number;
  name?: string;
  meaning?: string;
}

const STATES = enumDefinition('FxObjectState')!;

export function decodeObjectState(value: number): ObjectStateDecoded {
  const m = STATES.members.find((s) => s.value === value);
  return { value, ...(m ? { name: m.name } : {}), ...(m?.meaning ? { meaning: m.meaning } : {}) };
}

// ---- decoded object -------------------------------------------------------------------------

export interface CallbackSymbol {
  symbol: string;
  module: string;
  function: string;
  offset: number;
}

export interface FxWorkItemDecoded {
  /** PIO_WORKITEM (raw bytes only: dt shows it as an embedded MxWorkItem). */
  ioWorkItem?: string | null;
  runningDown?: boolean;
  enqueued?: boolean;
  runningCount?: number;
  /** Parent object the work item references. */
  object?: string | null;
  callbackLock?: string | null;
  callbackLockObject?: string | null;
  callback?: string | null;
  callbackSymbol?: CallbackSymbol;
  thread?: string | null;
  /** Not queued, not running, no thread: a work item nobody is using. */
  idle?: boolean;
}

export interface FxObjectDecoded {
  source: 'bytes' | 'dt';
  arch: Arch;
  /** `unknown` when dt offsets match no known variant. */
  variant: BuildVariant | 'unknown';
  evidence: LayoutEvidence;
  assumed: boolean;
  /** Object address, lower-case hex without 0x, when known. */
  address?: string;
  vtable?: string | null;
  type?: FxTypeDecoded;
  objectSize?: number;
  refcnt?: number;
  globals?: string | null;
  flags?: ObjectFlagsDecoded;
  state?: ObjectStateDecoded;
  childListHead?: [string, string];
  /** True when the child list head points to itself (needs the address). */
  childListEmpty?: boolean;
  parent?: string | null;
  childEntry?: [string, string];
  deviceBase?: string | null;
  /** this + m_ObjectSize, where the FxContextHeader sits (external objects only). */
  contextHeader?: string;
  /** Raw bytes only: whether FxContextHeader.Object points back at the object. */
  contextBackPointerOk?: boolean;
  workItem?: FxWorkItemDecoded;
  problems: string[];
}

const hexPtr = (v: bigint, arch: Arch): string => v.toString(16).padStart(pointerBytes(arch) * 2, '0');
const ptrOrNull = (v: bigint | undefined, arch: Arch): string | null | undefined =>
  v === undefined ? undefined : v === 0n ? null : hexPtr(v, arch);

/** `amdacpbus2!AcpDspResponseWorkItem+0` → parts; undefined when there is no `module!function`. */
export function parseCallbackSymbol(text: string): CallbackSymbol | undefined {
  const m = /([A-Za-z_][\w.]*)!([^\s+]+)(?:\+(0x[0-9a-f]+|[0-9a-f]+))?\s*$/i.exec(text.trim());
  if (!m) return undefined;
  const off = m[3] ? parseInt(m[3].replace(/^0x/i, ''), 16) : 0;
  return { symbol: `${m[1]}!${m[2]}`, module: m[1]!, function: m[2]!, offset: off };
}

function problemsOf(o: FxObjectDecoded, layout: ResolvedLayout | undefined): string[] {
  const p: string[] = [];
  if (o.type && !o.type.known) p.push(`m_Type ${o.type.hex} is not an FX_TYPE value`);
  else if (o.type?.storedInMType === 'no') p.push(`m_Type ${o.type.hex} (${o.type.name}) is never stored in m_Type`);
  if (o.refcnt !== undefined && o.refcnt <= 0) p.push(`m_Refcnt ${o.refcnt} is not positive`);
  if (o.state && !o.state.name) p.push(`m_ObjectState ${o.state.value} is not an FxObjectState`);
  if (o.flags && o.flags.unknownBits) p.push(`m_ObjectFlags has undefined bits 0x${o.flags.unknownBits.toString(16)}`);
  const align = layoutConstant('MEMORY_ALLOCATION_ALIGNMENT', o.arch);
  if (o.objectSize && align && o.objectSize % align !== 0) p.push(`m_ObjectSize 0x${o.objectSize.toString(16)} is not a multiple of 0x${align.toString(16)}`);
  if (layout?.size !== undefined && o.objectSize && o.objectSize < layout.size) p.push(`m_ObjectSize 0x${o.objectSize.toString(16)} is smaller than sizeof(FxObject)`);
  if (o.contextBackPointerOk === false) p.push('FxContextHeader.Object does not point back at the object');
  if (o.assumed) p.push('layout assumed (ARM64 uses the x64 offsets without a verified dump)');
  return p;
}

// ---- from raw bytes -------------------------------------------------------------------------

export interface DecodeBytesOptions {
  variant?: WdfVariant;
  /** Offset of the object in `bytes`. */
  at?: number;
  /** Address of the object (bigint or hex), to check the child list and the context back-pointer. */
  address?: bigint | string;
  /** Decode FxWorkItem fields even when m_Type is not FX_TYPE_WORKITEM. */
  workItem?: boolean;
}

const toBig = (a: bigint | string | undefined): bigint | undefined => {
  if (a === undefined) return undefined;
  if (typeof a === 'bigint') return a;
  const s = a.trim().replace(/`/g, '').replace(/^0x/i, '');
  return /^[0-9a-f]{1,16}$/i.test(s) ? BigInt('0x' + s) : undefined;
};

/** An FxObject starting at `opts.at` in `bytes`; undefined when the bytes do not cover the base. */
export function decodeFxObjectBytes(input: Uint8Array | string, arch: Arch, opts: DecodeBytesOptions = {}): FxObjectDecoded | undefined {
  const bytes = typeof input === 'string' ? bytesFromHex(input) : input;
  const layout = structLayout('FxObject', arch, opts.variant ?? 'shipped');
  if (!bytes || !layout || layout.size === undefined) return undefined;
  const at = opts.at ?? 0;
  if (at < 0 || at + layout.size > bytes.length) return undefined;
  const get = (l: ResolvedLayout, name: string): bigint | undefined => {
    const f = l.field(name);
    return f ? readField(bytes, f, at) : undefined;
  };
  const n = (name: string): number => Number(get(layout, name) ?? 0n);
  const list = (name: string): [string, string] | undefined => {
    const f = layout.field(name);
    if (!f) return undefined;
    const ptr = pointerBytes(arch);
    const a = readUnsigned(bytes, at + f.offset, ptr);
    const b = readUnsigned(bytes, at + f.offset + ptr, ptr);
    return a === undefined || b === undefined ? undefined : [hexPtr(a, arch), hexPtr(b, arch)];
  };

  const address = toBig(opts.address);
  const refcntRaw = n('m_Refcnt');
  const o: FxObjectDecoded = {
    source: 'bytes',
    arch,
    variant: layout.variant,
    evidence: layout.evidence,
    assumed: layout.assumed,
    ...(address !== undefined ? { address: hexPtr(address, arch) } : {}),
    vtable: ptrOrNull(get(layout, '__VFN_table'), arch),
    type: decodeFxType(n('m_Type')),
    objectSize: n('m_ObjectSize'),
    refcnt: refcntRaw | 0,
    globals: ptrOrNull(get(layout, 'm_Globals'), arch),
    flags: decodeObjectFlags(n('m_ObjectFlags')),
    state: decodeObjectState(n('m_ObjectState')),
    parent: ptrOrNull(get(layout, 'm_ParentObject'), arch),
    deviceBase: ptrOrNull(get(layout, 'm_DeviceBase'), arch),
    problems: [],
  };
  const head = list('m_ChildListHead');
  if (head) o.childListHead = head;
  const entry = list('m_ChildEntry');
  if (entry) o.childEntry = entry;
  if (address !== undefined && head) {
    const self = hexPtr(address + BigInt(layout.field('m_ChildListHead')!.offset), arch);
    o.childListEmpty = head[0] === self && head[1] === self;
  }
  if (address !== undefined && o.objectSize) {
    o.contextHeader = hexPtr(address + BigInt(o.objectSize), arch);
    // FxContextHeader.Object is its first field.
    const back = readUnsigned(bytes, at + o.objectSize, pointerBytes(arch));
    if (back !== undefined) o.contextBackPointerOk = back === address;
  }
  if (opts.workItem || o.type?.value === FX_TYPE_WORKITEM_VALUE) {
    const wi = structLayout('FxWorkItem', arch, opts.variant ?? 'shipped');
    if (wi && at + (wi.size ?? 0) <= bytes.length) {
      const w: FxWorkItemDecoded = {
        ioWorkItem: ptrOrNull(get(wi, 'm_WorkItem'), arch),
        runningDown: (get(wi, 'm_RunningDown') ?? 0n) !== 0n,
        enqueued: (get(wi, 'm_Enqueued') ?? 0n) !== 0n,
        runningCount: Number(get(wi, 'm_WorkItemRunningCount') ?? 0n),
        object: ptrOrNull(get(wi, 'm_Object'), arch),
        callbackLock: ptrOrNull(get(wi, 'm_CallbackLock'), arch),
        callbackLockObject: ptrOrNull(get(wi, 'm_CallbackLockObject'), arch),
        callback: ptrOrNull(get(wi, 'm_Callback'), arch),
        thread: ptrOrNull(get(wi, 'm_WorkItemThread'), arch),
      };
      w.idle = !w.enqueued && w.runningCount === 0 && !w.thread;
      o.workItem = w;
    }
  }
  o.problems = problemsOf(o, layout);
  return o;
}

// ---- from dt fields -------------------------------------------------------------------------

/** A dt value as a number: `0x1025`, `0n2`, `1` (bare = hex, as dt prints), `0 ''`, `(null)`, `0y1`. */
function dtNumber(f: DtField | undefined): bigint | undefined {
  if (!f) return undefined;
  if (f.isNull) return 0n;
  if (f.number !== undefined && Number.isSafeInteger(f.number)) return BigInt(f.number);
  const token = (f.raw.trim().split(/\s+/)[0] ?? '').replace(/`/g, '');
  if (token === '(null)') return 0n;
  let m = /^0n(-?\d+)$/i.exec(token);
  if (m) return BigInt(m[1]!);
  m = /^0y([01]+)$/i.exec(token);
  if (m) return BigInt('0b' + m[1]);
  m = /^(?:0x)?([0-9a-f]+)$/i.exec(token);
  if (m) return BigInt('0x' + m[1]);
  if (f.value !== undefined && /^-?[0-9a-f]+$/i.test(f.value)) {
    return f.value.startsWith('-') ? -BigInt('0x' + f.value.slice(1)) : BigInt('0x' + f.value);
  }
  return undefined;
}

function dtPointer(f: DtField | undefined, arch: Arch): string | null | undefined {
  const v = dtNumber(f);
  return v === undefined ? undefined : v === 0n ? null : hexPtr(v, arch);
}

function dtList(f: DtField | undefined, arch: Arch): [string, string] | undefined {
  if (!f) return undefined;
  const pair = f.list ?? (/\[\s*(\S+)\s*-\s*(\S+)\s*\]/.exec(f.raw)?.slice(1, 3) as [string, string] | undefined);
  if (!pair) return undefined;
  const a = toBig(pair[0]);
  const b = toBig(pair[1]);
  return a === undefined || b === undefined ? undefined : [hexPtr(a, arch), hexPtr(b, arch)];
}

export interface DtLayoutMatch {
  arch: Arch;
  variant: BuildVariant | 'unknown';
}

/**
 * The architecture and variant whose FxObject/FxWorkItem offsets agree with every field the dump
 * shows. Arch comes from m_Globals' offset (0x10 on 64-bit, 0xc on 32-bit) unless given.
 */
export function matchDtLayout(fields: readonly DtField[], arch?: Arch): DtLayoutMatch {
  const top = fields.filter((f) => f.depth === 0);
  const globals = top.find((f) => f.name === 'm_Globals');
  const a: Arch = arch ?? (globals?.offset === 0xc ? 'x86' : 'x64');
  for (const candidate of structLayoutVariants('FxObject', a)) {
    const wi = structLayout('FxWorkItem', a, candidate.variant === 'any' ? 'shipped' : candidate.variant);
    const agrees = top.every((f) => {
      const known = candidate.field(f.name) ?? wi?.field(f.name);
      return known === undefined || known.offset === f.offset;
    });
    if (agrees) return { arch: a, variant: candidate.variant };
  }
  return { arch: a, variant: 'unknown' };
}

export interface DecodeDtOptions {
  arch?: Arch;
  /** Resolved address of the instance (TypedObjectFact.address). */
  address?: string;
}

/** Decode the fields of `dt Wdf01000!FxObject|FxWorkItem|… <addr>`; undefined without m_Type. */
export function decodeFxObjectDt(fields: readonly DtField[], opts: DecodeDtOptions = {}): FxObjectDecoded | undefined {
  const top = new Map<string, DtField>();
  for (const f of fields) if (f.depth === 0 && !top.has(f.name)) top.set(f.name, f);
  const typeValue = dtNumber(top.get('m_Type'));
  if (typeValue === undefined) return undefined;
  const match = matchDtLayout(fields, opts.arch);
  const arch = match.arch;
  const layout = structLayout('FxObject', arch, match.variant === 'dbg-wdf-0' ? 'dbg-wdf-0' : 'shipped');
  const num = (name: string): number | undefined => {
    const v = dtNumber(top.get(name));
    return v === undefined ? undefined : Number(v);
  };
  const address = toBig(opts.address);

  const o: FxObjectDecoded = {
    source: 'dt',
    arch,
    variant: match.variant,
    evidence: layout?.evidence ?? 'pdb',
    assumed: layout?.assumed ?? false,
    ...(address !== undefined ? { address: hexPtr(address, arch) } : {}),
    type: decodeFxType(Number(typeValue)),
    problems: [],
  };
  if (top.has('__VFN_table')) o.vtable = dtPointer(top.get('__VFN_table'), arch);
  const size = num('m_ObjectSize');
  if (size !== undefined) o.objectSize = size;
  const ref = num('m_Refcnt');
  if (ref !== undefined) o.refcnt = ref;
  if (top.has('m_Globals')) o.globals = dtPointer(top.get('m_Globals'), arch);
  let flags = num('m_ObjectFlags');
  if (flags === undefined) flags = flagsFromDtBitfields(fields);
  if (flags !== undefined) o.flags = decodeObjectFlags(flags);
  const state = num('m_ObjectState');
  if (state !== undefined) o.state = decodeObjectState(state);
  const head = dtList(top.get('m_ChildListHead'), arch);
  if (head) {
    o.childListHead = head;
    const off = top.get('m_ChildListHead')!.offset;
    if (address !== undefined) {
      const self = hexPtr(address + BigInt(off), arch);
      o.childListEmpty = head[0] === self && head[1] === self;
    }
  }
  if (top.has('m_ParentObject')) o.parent = dtPointer(top.get('m_ParentObject'), arch);
  const entry = dtList(top.get('m_ChildEntry'), arch);
  if (entry) o.childEntry = entry;
  if (top.has('m_DeviceBase') || top.has('m_Device')) o.deviceBase = dtPointer(top.get('m_DeviceBase') ?? top.get('m_Device'), arch);
  if (address !== undefined && o.objectSize) o.contextHeader = hexPtr(address + BigInt(o.objectSize), arch);

  if (top.has('m_Callback') || top.has('m_Enqueued') || top.has('m_WorkItemRunningCount')) {
    const w: FxWorkItemDecoded = {};
    if (top.has('m_RunningDown')) w.runningDown = (dtNumber(top.get('m_RunningDown')) ?? 0n) !== 0n;
    if (top.has('m_Enqueued')) w.enqueued = (dtNumber(top.get('m_Enqueued')) ?? 0n) !== 0n;
    const count = num('m_WorkItemRunningCount');
    if (count !== undefined) w.runningCount = count;
    if (top.has('m_Object')) w.object = dtPointer(top.get('m_Object'), arch);
    if (top.has('m_CallbackLock')) w.callbackLock = dtPointer(top.get('m_CallbackLock'), arch);
    if (top.has('m_CallbackLockObject')) w.callbackLockObject = dtPointer(top.get('m_CallbackLockObject'), arch);
    const cb = top.get('m_Callback');
    if (cb) {
      w.callback = dtPointer(cb, arch);
      const sym = cb.symbol ? parseCallbackSymbol(cb.symbol) : parseCallbackSymbol(cb.raw);
      if (sym) w.callbackSymbol = sym;
    }
    if (top.has('m_WorkItemThread')) w.thread = dtPointer(top.get('m_WorkItemThread'), arch);
    if (w.enqueued !== undefined && w.runningCount !== undefined && w.thread !== undefined) {
      w.idle = !w.enqueued && w.runningCount === 0 && !w.thread;
    }
    o.workItem = w;
  }
  o.problems = problemsOf(o, layout);
  if (match.variant === 'unknown') o.problems.push('dt offsets match no known FxObject layout variant');
  return o;
}

/** m_ObjectFlags rebuilt from the children of `m_ObjectFlagsByName` (`PassiveCallbacks : 0y1`). */
function flagsFromDtBitfields(fields: readonly DtField[]): number | undefined {
  const i = fields.findIndex((f) => f.name === 'm_ObjectFlagsByName');
  if (i < 0) return undefined;
  const bits = new Map<string, number>();
  for (let j = i + 1; j < fields.length && fields[j]!.depth > fields[i]!.depth; j++) {
    const v = dtNumber(fields[j]);
    if (v !== undefined) bits.set(fields[j]!.name, Number(v));
  }
  return bits.size ? flagsFromBitfieldNames(bits) : undefined;
}

/** decodeFxObjectDt for a whole `dt` fact (its resolved address included). */
export function decodeFxObjectFact(fact: TypedObjectFact, arch?: Arch): FxObjectDecoded | undefined {
  return decodeFxObjectDt(fact.fields, { address: fact.address, ...(arch ? { arch } : {}) });
}
