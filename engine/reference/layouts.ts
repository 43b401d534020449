// Struct layouts, constants and enums from rules/reference/layouts/*.json, resolved once into
// numeric offsets keyed by struct + architecture + build variant, and a field reader for raw bytes.
import fxDriverGlobals from '../../rules/reference/layouts/fx-driver-globals.json' with { type: 'json' };
import fxPool from '../../rules/reference/layouts/fx-pool.json' with { type: 'json' };
import fxobjectEnums from '../../rules/reference/layouts/fxobject-enums.json' with { type: 'json' };
import fxobject from '../../rules/reference/layouts/fxobject.json' with { type: 'json' };
import handles from '../../rules/reference/layouts/handles.json' with { type: 'json' };
import poolHeader from '../../rules/reference/layouts/pool-header.json' with { type: 'json' };
import type { Arch } from '../types/facts.js';
import type {
  BuildVariant,
  EnumDefinition,
  FxPoolLocator,
  HandleRule,
  LayoutArch,
  LayoutDocument,
  LayoutEvidence,
  LayoutKind,
  NoDeleteDdiEntry,
  SizeArithmetic,
} from '../types/reference.js';

const asDoc = (d: unknown): LayoutDocument => d as LayoutDocument;

export const LAYOUT_DOCUMENTS: Readonly<Record<LayoutKind, LayoutDocument>> = {
  'pool-header': asDoc(poolHeader),
  fxobject: asDoc(fxobject),
  'fx-pool': asDoc(fxPool),
  'fx-driver-globals': asDoc(fxDriverGlobals),
  'fxobject-enums': asDoc(fxobjectEnums),
  handles: asDoc(handles),
};

/** The two build variants of Wdf01000 layouts; retail binaries match `shipped`. */
export type WdfVariant = Exclude<BuildVariant, 'any'>;

export interface ResolvedField {
  name: string;
  offset: number;
  size: number;
  type: string;
  bitPosition?: number;
  bitCount?: number;
  units?: 'pool-blocks' | 'ascii-tag';
  aliases: readonly string[];
  evidence: LayoutEvidence;
  description: string;
}

export interface ResolvedLayout {
  struct: string;
  module: string;
  /** The architecture asked for (arm64 included). */
  requestedArch: Arch;
  /** The architecture whose layout this is (x64 for arm64). */
  arch: LayoutArch;
  variant: BuildVariant;
  evidence: LayoutEvidence;
  /** True when the layout is borrowed from another architecture without a verified dump. */
  assumed: boolean;
  assumption?: string;
  size?: number;
  objectSize?: number;
  partial: boolean;
  fields: readonly ResolvedField[];
  /** A field by name or by one of its aliases (`m_ObjectFlagsByName`, `m_Device`). */
  field(name: string): ResolvedField | undefined;
}

export function hexNumber(text: string): number {
  return parseInt(text.startsWith('0x') ? text.slice(2) : text, 16);
}

export function pointerBytes(arch: Arch): 4 | 8 {
  return arch === 'x86' ? 4 : 8;
}

const aliasOf = new Map<Arch, { sameAs: LayoutArch; note: string }>();
const layouts = new Map<string, Omit<ResolvedLayout, 'requestedArch' | 'assumed' | 'assumption'>>();
const structNames = new Set<string>();
const constants = new Map<string, { x64?: number; x86?: number; any?: number }>();
const enums = new Map<string, EnumDefinition>();

const key = (struct: string, arch: LayoutArch, variant: BuildVariant): string => `${struct}|${arch}|${variant}`;

for (const doc of Object.values(LAYOUT_DOCUMENTS)) {
  for (const a of doc.archAliases ?? []) aliasOf.set(a.arch, { sameAs: a.sameAs, note: a.note });
  for (const c of doc.constants ?? []) {
    const v = c.values;
    constants.set(c.name, {
      ...(v.x64 !== undefined ? { x64: hexNumber(v.x64) } : {}),
      ...(v.x86 !== undefined ? { x86: hexNumber(v.x86) } : {}),
      ...(v.any !== undefined ? { any: hexNumber(v.any) } : {}),
    });
  }
  for (const e of doc.enums ?? []) enums.set(e.name, e);
  for (const s of doc.structs ?? []) {
    structNames.add(s.name);
    for (const l of s.layouts) {
      const fields: ResolvedField[] = l.fields.map((f) => ({
        name: f.name,
        offset: hexNumber(f.offset),
        size: hexNumber(f.size),
        type: f.type,
        ...(f.bitPosition !== undefined ? { bitPosition: f.bitPosition } : {}),
        ...(f.bitCount !== undefined ? { bitCount: f.bitCount } : {}),
        ...(f.units ? { units: f.units } : {}),
        aliases: f.aliases ?? [],
        evidence: f.evidence ?? l.evidence,
        description: f.description,
      }));
      const byName = new Map<string, ResolvedField>();
      for (const f of fields) {
        byName.set(f.name, f);
        for (const a of f.aliases) byName.set(a, f);
      }
      layouts.set(key(s.name, l.arch, l.variant), {
        struct: s.name,
        module: s.module,
        arch: l.arch,
        variant: l.variant,
        evidence: l.evidence,
        ...(l.size !== undefined ? { size: hexNumber(l.size) } : {}),
        ...(l.objectSize !== undefined ? { objectSize: hexNumber(l.objectSize) } : {}),
        partial: l.partial ?? false,
        fields,
        field: (name: string) => byName.get(name),
      });
    }
  }
}

/** Structs the layout files describe (`_POOL_HEADER`, `FxObject`, `FxWorkItem` …). */
export const LAYOUT_STRUCTS: ReadonlySet<string> = structNames;

/**
 * The layout of `struct` for an architecture and WDF build variant (default: shipped). Structs
 * without variant differences answer any variant. ARM64 gets the x64 layout marked assumed.
 */
export function structLayout(struct: string, arch: Arch, variant: WdfVariant = 'shipped'): ResolvedLayout | undefined {
  const alias = aliasOf.get(arch);
  const layoutArch: LayoutArch | undefined = arch === 'x64' || arch === 'x86' ? arch : alias?.sameAs;
  if (!layoutArch) return undefined;
  const found = layouts.get(key(struct, layoutArch, variant)) ?? layouts.get(key(struct, layoutArch, 'any'));
  if (!found) return undefined;
  const assumed = layoutArch !== arch;
  return {
    ...found,
    requestedArch: arch,
    assumed,
    evidence: assumed ? 'assumed' : found.evidence,
    ...(assumed && alias ? { assumption: alias.note } : {}),
  };
}

/** Every variant of a struct for one architecture (for telling variants apart from dt offsets). */
export function structLayoutVariants(struct: string, arch: Arch): ResolvedLayout[] {
  const out: ResolvedLayout[] = [];
  for (const v of ['shipped', 'dbg-wdf-0'] as const) {
    const l = structLayout(struct, arch, v);
    if (l && !out.some((o) => o.variant === l.variant)) out.push(l);
  }
  return out;
}

/** A named constant for an architecture (`FX_POOL_HEADER_SIZE`, `POOL_BLOCK_SIZE` …). */
export function layoutConstant(name: string, arch: Arch): number | undefined {
  const c = constants.get(name);
  if (!c) return undefined;
  if (c.any !== undefined) return c.any;
  const a = arch === 'x86' ? 'x86' : arch === 'x64' ? 'x64' : aliasOf.get(arch)?.sameAs;
  return a ? c[a] : undefined;
}

export function enumDefinition(name: string): EnumDefinition | undefined {
  return enums.get(name);
}

export const FX_POOL_LOCATOR: FxPoolLocator = LAYOUT_DOCUMENTS['fx-pool'].locator!;
export const SIZE_ARITHMETIC: SizeArithmetic = LAYOUT_DOCUMENTS['fx-pool'].sizeArithmetic!;
export const HANDLE_RULE: HandleRule = LAYOUT_DOCUMENTS.handles.handleRule!;
export const NO_DELETE_DDI: readonly NoDeleteDdiEntry[] = LAYOUT_DOCUMENTS['fxobject-enums'].noDeleteDdi ?? [];

/** True when an architecture's layouts are borrowed (ARM64), with the caveat to show. */
export function archAssumption(arch: Arch): string | undefined {
  return arch === 'x64' || arch === 'x86' ? undefined : aliasOf.get(arch)?.note;
}

// ---- raw bytes ----------------------------------------------------------------------------

/** `61 6d 64 61`, `61646d61`, `ffffd68d`7952ee50`-free hex → bytes; undefined on odd or non-hex input. */
export function bytesFromHex(hex: string): Uint8Array | undefined {
  const s = hex.replace(/[\s`]/g, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Little-endian unsigned integer of `size` bytes at `at`; undefined when out of range. */
export function readUnsigned(bytes: Uint8Array, at: number, size: number): bigint | undefined {
  if (at < 0 || size <= 0 || at + size > bytes.length) return undefined;
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
  return v;
}

/** A field's value (bit fields extracted) from a struct that starts at `base` in `bytes`. */
export function readField(bytes: Uint8Array, field: ResolvedField, base = 0): bigint | undefined {
  const raw = readUnsigned(bytes, base + field.offset, field.size);
  if (raw === undefined || field.bitPosition === undefined || field.bitCount === undefined) return raw;
  return (raw >> BigInt(field.bitPosition)) & ((1n << BigInt(field.bitCount)) - 1n);
}
