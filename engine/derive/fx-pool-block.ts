// Find the FxObject inside a pool block from its bytes (rules/reference/layouts/fx-pool.json →
// locator), and relate a block size to m_ObjectSize + context header (→ sizeArithmetic).
import { isStorableMType } from '../reference/fx-types.js';
import {
  bytesFromHex,
  FX_POOL_LOCATOR,
  layoutConstant,
  pointerBytes,
  readField,
  readUnsigned,
  structLayout,
  type WdfVariant,
} from '../reference/layouts.js';
import type { Arch } from '../types/facts.js';
import type { LocatorCheckId, LocatorCondition, LocatorMode } from '../types/reference.js';
import { decodeFxObjectBytes, type FxObjectDecoded } from './fxobject.js';
import { displayTag, tagFromValue, tagToValue } from '../format/pool-tag.js';

export type BlockMode = LocatorMode | 'large-no-header';

export interface LocatorCheckResult {
  id: LocatorCheckId;
  ok: boolean;
  detail: string;
}

export interface FxPoolBlockLocation {
  found: boolean;
  mode?: BlockMode;
  /** Offsets from the block start. */
  trackerOffset?: number;
  fxPoolHeaderOffset?: number;
  debugExtensionOffset?: number;
  objectOffset?: number;
  /** Lower-case hex without 0x. */
  objectAddress?: string;
  driverGlobals?: string;
  /** Checks of the chosen mode (or of the last mode tried when nothing matched). */
  checks: LocatorCheckResult[];
  object?: FxObjectDecoded;
  debugExtension?: { tagTracker: string | null; verifierLock: string | null; signatureOk: boolean };
  tracker?: { tag: string; size: number; callersAddress: string | null };
  /** Modes tried, most specific first, with whether all their checks passed. */
  tried: Array<{ mode: BlockMode; ok: boolean }>;
}

export interface LocateOptions {
  arch: Arch;
  /** The block start P (what ExAllocatePool returned; the address `!poolfind` printed in the ACP case). */
  blockAddress: bigint | string;
  variant?: WdfVariant;
  /** Tag of the block (from `!poolfind`), to check FX_POOL_TRACKER.Tag when tracking is on. */
  poolTag?: string | number;
}

const MODES: ReadonlyArray<{ mode: LocatorMode; on: ReadonlySet<LocatorCondition> }> = [
  { mode: 'pool-tracking+handle-verifier', on: new Set(['pool-tracking', 'handle-verifier']) },
  { mode: 'pool-tracking', on: new Set(['pool-tracking']) },
  { mode: 'handle-verifier', on: new Set(['handle-verifier']) },
  { mode: 'retail', on: new Set() },
];

const toBig = (a: bigint | string): bigint | undefined => {
  if (typeof a === 'bigint') return a;
  const s = a.trim().replace(/`/g, '').replace(/^0x/i, '');
  return /^[0-9a-f]{1,16}$/i.test(s) ? BigInt('0x' + s) : undefined;
};

/** Offsets of the components present in `mode` on a small block, from the locator's component list. */
export function componentOffsets(arch: Arch, mode: LocatorMode): Record<string, number> | undefined {
  const on = MODES.find((m) => m.mode === mode)!.on;
  const out: Record<string, number> = {};
  let at = 0;
  for (const c of FX_POOL_LOCATOR.components) {
    const present = c.present === 'always' || c.present === 'small-block' || on.has(c.present);
    if (!present) continue;
    out[c.name] = at;
    if (c.sizeConstant) {
      const size = layoutConstant(c.sizeConstant, arch);
      if (size === undefined) return undefined;
      at += size;
    }
  }
  return out;
}

/**
 * Locate the FxObject in a pool block. A page-aligned block has no WDF header (object at P); a
 * smaller one is tried with each verifier configuration, most specific first, and the first whose
 * checks (FX_POOL_HEADER.Base == P or the tracker, globals match, known m_Type, "FxOD") all pass wins.
 */
export function locateFxObject(input: Uint8Array | string, opts: LocateOptions): FxPoolBlockLocation {
  const bytes = typeof input === 'string' ? bytesFromHex(input) : input;
  const P = toBig(opts.blockAddress);
  const tried: FxPoolBlockLocation['tried'] = [];
  if (!bytes || P === undefined) return { found: false, checks: [], tried };
  const arch = opts.arch;
  const ptr = pointerBytes(arch);
  const hex = (v: bigint): string => v.toString(16).padStart(ptr * 2, '0');
  const obj = structLayout('FxObject', arch, opts.variant ?? 'shipped');
  const typeField = obj?.field('m_Type');
  const globalsField = obj?.field('m_Globals');
  if (!obj || !typeField || !globalsField) return { found: false, checks: [], tried };
  const typeAt = (o: number): number | undefined => {
    const v = readField(bytes, typeField, o);
    return v === undefined ? undefined : Number(v);
  };
  const typeCheck = (o: number): LocatorCheckResult => {
    const t = typeAt(o);
    return {
      id: 'type-known',
      ok: t !== undefined && isStorableMType(t),
      detail: t === undefined ? 'block too short for m_Type' : `m_Type 0x${t.toString(16)}`,
    };
  };
  const decode = (o: number): FxObjectDecoded | undefined =>
    decodeFxObjectBytes(bytes, arch, { at: o, address: P + BigInt(o), ...(opts.variant ? { variant: opts.variant } : {}) });

  const pageSize = layoutConstant('PAGE_SIZE', arch) ?? 0x1000;
  if (P % BigInt(pageSize) === 0n) {
    const checks = [typeCheck(0)];
    const ok = checks.every((c) => c.ok);
    tried.push({ mode: 'large-no-header', ok });
    const out: FxPoolBlockLocation = { found: ok, mode: 'large-no-header', objectOffset: 0, objectAddress: hex(P), checks, tried };
    const o = ok ? decode(0) : undefined;
    if (o) {
      out.object = o;
      if (o.globals) out.driverGlobals = o.globals;
    }
    return out;
  }

  const hdr = structLayout('FX_POOL_HEADER', arch);
  const ext = structLayout('FxObjectDebugExtension', arch);
  const trk = structLayout('FX_POOL_TRACKER', arch);
  const signature = layoutConstant('FX_OBJECT_DEBUG_SIGNATURE', arch);
  const wantedTag = opts.poolTag === undefined ? undefined : typeof opts.poolTag === 'number' ? opts.poolTag >>> 0 : tagToValue(opts.poolTag);
  let last: LocatorCheckResult[] = [];

  for (const { mode, on } of MODES) {
    const at = componentOffsets(arch, mode);
    if (!at || !hdr || at['FxObject'] === undefined || at['FX_POOL_HEADER'] === undefined) continue;
    const h = at['FX_POOL_HEADER'];
    const o = at['FxObject'];
    const checks: LocatorCheckResult[] = [];
    const base = readUnsigned(bytes, h + hdr.field('Base')!.offset, ptr);
    // Base is the true start of the allocation: the tracker when tracking is on, else the header itself.
    checks.push({ id: 'base-self', ok: base === P, detail: base === undefined ? 'block too short' : `Base ${hex(base)}` });
    const hdrGlobals = readUnsigned(bytes, h + hdr.field('FxDriverGlobals')!.offset, ptr);
    const objGlobals = readField(bytes, globalsField, o);
    checks.push({
      id: 'globals-match',
      ok: hdrGlobals !== undefined && hdrGlobals !== 0n && hdrGlobals === objGlobals,
      detail: `FX_POOL_HEADER.FxDriverGlobals ${hdrGlobals === undefined ? '?' : hex(hdrGlobals)}, m_Globals ${objGlobals === undefined ? '?' : hex(objGlobals)}`,
    });
    checks.push(typeCheck(o));
    if (on.has('handle-verifier') && ext && signature !== undefined) {
      const e = at['FxObjectDebugExtension']!;
      const sig = readUnsigned(bytes, e + ext.field('Signature')!.offset, 4);
      checks.push({ id: 'debug-signature', ok: sig === BigInt(signature), detail: sig === undefined ? 'block too short' : `Signature "${displayTag(Number(sig))}"` });
    }
    if (on.has('pool-tracking') && trk && wantedTag !== undefined) {
      const t = readUnsigned(bytes, at['FX_POOL_TRACKER']! + trk.field('Tag')!.offset, 4);
      checks.push({ id: 'tracker-tag', ok: t === BigInt(wantedTag), detail: t === undefined ? 'block too short' : `Tag "${displayTag(Number(t))}"` });
    }
    const ok = checks.every((c) => c.ok);
    tried.push({ mode, ok });
    last = checks;
    if (!ok) continue;

    const out: FxPoolBlockLocation = {
      found: true,
      mode,
      fxPoolHeaderOffset: h,
      objectOffset: o,
      objectAddress: hex(P + BigInt(o)),
      driverGlobals: hex(hdrGlobals!),
      checks,
      tried,
    };
    if (at['FX_POOL_TRACKER'] !== undefined && trk) {
      const t0 = at['FX_POOL_TRACKER'];
      out.trackerOffset = t0;
      const size = readUnsigned(bytes, t0 + trk.field('Size')!.offset, trk.field('Size')!.size);
      const callers = readUnsigned(bytes, t0 + trk.field('CallersAddress')!.offset, ptr);
      const tag = readUnsigned(bytes, t0 + trk.field('Tag')!.offset, 4);
      out.tracker = {
        tag: tagFromValue(Number(tag ?? 0n)),
        size: Number(size ?? 0n),
        callersAddress: callers ? hex(callers) : null,
      };
    }
    if (at['FxObjectDebugExtension'] !== undefined && ext) {
      const e = at['FxObjectDebugExtension'];
      out.debugExtensionOffset = e;
      const tt = readUnsigned(bytes, e + ext.field('TagTracker')!.offset, ptr);
      const vl = readUnsigned(bytes, e + ext.field('VerifierLock')!.offset, ptr);
      out.debugExtension = { tagTracker: tt ? hex(tt) : null, verifierLock: vl ? hex(vl) : null, signatureOk: true };
    }
    const decoded = decode(o);
    if (decoded) out.object = decoded;
    return out;
  }
  return { found: false, checks: last, tried };
}

// ---- block size ↔ m_ObjectSize --------------------------------------------------------------

/**
 * What a size means: `fx-request` = FxPoolAllocator's Size; `nt-request` = ExAllocatePool's
 * NumberOfBytes; `poolfind` = a small-block size as modern `!poolfind` prints it (the request rounded
 * up to the pool block unit, header not included, as in the ACP case); `pool-block` = block bytes
 * including the _POOL_HEADER (legacy `!pool` size, BlockSize × unit); `large` = a big-pool size.
 */
export type SizeKind = 'fx-request' | 'nt-request' | 'poolfind' | 'pool-block' | 'large';

export interface BlockSizeInput {
  arch: Arch;
  size: number;
  kind: SizeKind;
  /** m_ObjectSize (0 for internal objects, which have no context header). */
  objectSize: number;
  poolTracking?: boolean;
  handleVerifier?: boolean;
}

export interface BlockSizeExplanation {
  /** The FxPoolAllocator request sizes consistent with the input. */
  fxRequestMin: number;
  fxRequestMax: number;
  /** Bytes before the object (FX_POOL_HEADER, tracker) and the debug extension. */
  headerBytes: number;
  contextHeaderBytes: number;
  /** Pointer-aligned context sizes consistent with the input, and the driver context size range. */
  contextAlignedMin: number;
  contextAlignedMax: number;
  contextMin: number;
  contextMax: number;
  /** False when the object and its headers cannot fit in the size. */
  fits: boolean;
  terms: Array<{ name: string; bytes: number }>;
}

const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

export function explainBlockSize(input: BlockSizeInput): BlockSizeExplanation | undefined {
  const { arch, size, kind, objectSize } = input;
  const c = (name: string): number | undefined => layoutConstant(name, arch);
  const maa = c('MEMORY_ALLOCATION_ALIGNMENT');
  const fxHdr = c('FX_POOL_HEADER_SIZE');
  const tracker = c('FX_POOL_TRACKER_SIZE');
  const debugExt = c('FX_OBJECT_DEBUG_EXTENSION_SIZE');
  const ctxHdr = c('FX_CONTEXT_HEADER_SIZE');
  const unit = c('POOL_BLOCK_SIZE');
  const poolHdr = c('POOL_HEADER_SIZE');
  if ([maa, fxHdr, tracker, debugExt, ctxHdr, unit, poolHdr].some((v) => v === undefined)) return undefined;
  const ptr = pointerBytes(arch);

  // WDF headers in front of the request: none on big-pool blocks.
  const large = kind === 'large';
  const before = large ? 0 : fxHdr! + (input.poolTracking ? tracker! : 0);
  let ntMin: number;
  let ntMax: number;
  switch (kind) {
    case 'fx-request': ntMin = ntMax = size + before; break;
    case 'nt-request': case 'large': ntMin = ntMax = size; break;
    case 'poolfind': ntMin = size - unit! + 1; ntMax = size; break;
    case 'pool-block': ntMin = size - poolHdr! - unit! + 1; ntMax = size - poolHdr!; break;
  }
  const fxRequestMin = Math.max(0, ntMin - before);
  const fxRequestMax = Math.max(0, ntMax - before);
  const debugBytes = input.handleVerifier ? debugExt! : 0;
  const contextHeaderBytes = objectSize > 0 ? ctxHdr! : 0;
  const fixed = alignUp(objectSize, maa!) + contextHeaderBytes + debugBytes;
  const terms = [
    ...(before ? [{ name: input.poolTracking ? 'FX_POOL_TRACKER + FX_POOL_HEADER' : 'FX_POOL_HEADER', bytes: before }] : []),
    ...(debugBytes ? [{ name: 'FxObjectDebugExtension', bytes: debugBytes }] : []),
    { name: 'm_ObjectSize', bytes: alignUp(objectSize, maa!) },
    ...(contextHeaderBytes ? [{ name: 'FxContextHeader', bytes: contextHeaderBytes }] : []),
  ];
  const lo = Math.max(0, fxRequestMin - fixed);
  const hi = fxRequestMax - fixed;
  // Only whole pointer-sized context blocks exist; internal objects have no context at all.
  const contextAlignedMin = objectSize > 0 ? alignUp(lo, ptr) : 0;
  const contextAlignedMax = objectSize > 0 ? Math.floor(Math.max(hi, 0) / ptr) * ptr : 0;
  const fits = hi >= 0 && (objectSize === 0 ? lo === 0 : contextAlignedMin <= contextAlignedMax);
  return {
    fxRequestMin,
    fxRequestMax,
    headerBytes: before + debugBytes,
    contextHeaderBytes,
    contextAlignedMin,
    contextAlignedMax,
    contextMin: contextAlignedMin === 0 ? 0 : contextAlignedMin - ptr + 1,
    contextMax: contextAlignedMax,
    fits,
    terms: [...terms, { name: 'context (pointer-aligned, max)', bytes: Math.max(contextAlignedMax, 0) }],
  };
}
