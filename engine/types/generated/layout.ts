// Generated from schemas/layout.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
import type { Hex, Source } from './fx-types.js';
/**
 * Struct layouts, constants, enums and rules that let the decoders read pool headers, WDF headers and FxObjects from raw bytes or dt output (rules/reference/layouts/*.json). Offsets and sizes are hex strings as the debugger prints them. Read by engine/reference/layouts.ts.
 */
export type WdfleakMemoryLayouts = {
/**
 * Relative path to this schema, for editors.
 */
$schema: string
/**
 * Which layout file this is; it decides which sections are required.
 */
kind: ("pool-header" | "fxobject" | "fx-pool" | "fx-driver-globals" | "fxobject-enums" | "handles")
/**
 * Short name of the file.
 */
title: string
/**
 * What the file holds.
 */
description: string
/**
 * Where the layouts come from.
 *
 * @minItems 1
 */
sources: [Source, ...(Source)[]]
/**
 * Architectures without their own layouts and the layouts they borrow.
 */
archAliases?: ArchAlias[]
/**
 * Named sizes and values per architecture.
 */
constants?: Constant[]
/**
 * Struct layouts.
 *
 * @minItems 1
 */
structs?: [Struct, ...(Struct)[]]
/**
 * Enums and flag sets.
 *
 * @minItems 1
 */
enums?: [Enum, ...(Enum)[]]
/**
 * Object kinds the framework marks NoDeleteDDI.
 *
 * @minItems 1
 */
noDeleteDdi?: [NoDeleteDdi, ...(NoDeleteDdi)[]]
locator?: Locator
sizeArithmetic?: SizeArithmetic
handleRule?: HandleRule
/**
 * Caveats that apply to the whole file.
 *
 * Items: A caveat.
 */
notes?: string[]
}
/**
 * An architecture with its own layout.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Arch".
 */
export type Arch = ("x64" | "x86")
/**
 * pdb: seen in dt output from public symbols; calc: computed from the source declarations; source: stated by a public header; assumed: borrowed from another architecture.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Evidence".
 */
export type Evidence = ("pdb" | "calc" | "source" | "assumed")
/**
 * When a component is present or a check applies: small-block = the block is not page-aligned; pool-tracking and handle-verifier = KMDF verifier options.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Condition".
 */
export type Condition = ("always" | "small-block" | "pool-tracking" | "handle-verifier")
/**
 * An architecture that reuses another's layouts.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ArchAlias".
 */
export interface ArchAlias {
/**
 * The borrowing architecture.
 */
arch: "arm64"
sameAs: Arch
/**
 * Always assumed: no dump of this architecture was checked.
 */
evidence: "assumed"
/**
 * Why the borrowed layout is expected to hold and what would confirm it.
 */
note: string
}
/**
 * A named size or value.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Constant".
 */
export interface Constant {
/**
 * Constant name (as in the source where it has one).
 */
name: string
values: PerArch
/**
 * What the value is.
 */
description: string
}
/**
 * A value per architecture, or one value for all.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "PerArch".
 */
export interface PerArch {
x64?: Hex
x86?: Hex
any?: Hex
}
/**
 * A struct and its layouts.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Struct".
 */
export interface Struct {
/**
 * Type name as dt knows it.
 */
name: string
/**
 * Module whose symbols define it (nt, Wdf01000, client driver).
 */
module: string
/**
 * Base class whose fields precede those listed.
 */
base?: string
/**
 * What the struct is.
 */
description: string
/**
 * One per architecture and variant.
 *
 * @minItems 1
 */
layouts: [Layout, ...(Layout)[]]
}
/**
 * A struct layout for one architecture and build variant.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Layout".
 */
export interface Layout {
arch: Arch
/**
 * shipped: what retail Wdf01000.sys matches (DBG_WDF=1); dbg-wdf-0: the layout without the DBG_WDF members; any: no variant difference.
 */
variant: ("shipped" | "dbg-wdf-0" | "any")
evidence: Evidence
size?: Hex
objectSize?: Hex
/**
 * True when only the head of the struct is listed.
 */
partial?: boolean
/**
 * Caveat for this layout.
 */
note?: string
/**
 * Fields by offset.
 *
 * @minItems 1
 */
fields: [Field, ...(Field)[]]
}
/**
 * One field of a struct layout.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Field".
 */
export interface Field {
/**
 * Field name as dt prints it.
 */
name: string
offset: Hex
size: Hex
/**
 * C type; bit fields as TYPE:bits.
 */
type: string
/**
 * First bit of a bit field inside the storage unit at offset (dt: Pos).
 */
bitPosition?: number
/**
 * Width of a bit field (dt: Bits).
 */
bitCount?: number
/**
 * pool-blocks: multiply by POOL_BLOCK_SIZE for bytes; ascii-tag: four characters in memory order.
 */
units?: ("pool-blocks" | "ascii-tag")
/**
 * Union members and bit-field views at the same offset.
 *
 * Items: Another name dt prints at the same offset.
 */
aliases?: string[]
evidence?: Evidence
/**
 * What the field means for triage.
 */
description: string
}
/**
 * An enum or a set of flag bits.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Enum".
 */
export interface Enum {
/**
 * Enum name.
 */
name: string
/**
 * enum: one value; flags: OR of bits.
 */
kind: ("enum" | "flags")
/**
 * Struct field that holds it.
 */
field?: string
/**
 * What the enum is.
 */
description: string
/**
 * Values in order.
 *
 * @minItems 1
 */
members: [EnumMember, ...(EnumMember)[]]
}
/**
 * One value of an enum or flag set.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "EnumMember".
 */
export interface EnumMember {
/**
 * Constant name.
 */
name: string
/**
 * Numeric value.
 */
value: number
hex: Hex
/**
 * Name without the common prefix, as findings print it.
 */
shortName?: string
/**
 * Name of the same bit in the bit-field view.
 */
bitfieldName?: string
/**
 * What it means for triage.
 */
meaning?: string
}
/**
 * Object kinds that WdfObjectDelete refuses.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "NoDeleteDdi".
 */
export interface NoDeleteDdi {
/**
 * The FX types concerned.
 *
 * @minItems 1
 *
 * Items: An FX_TYPE name.
 */
fxTypes: [string, ...(string)[]]
/**
 * always: every object of the type; some: only those the description names.
 */
scope: ("always" | "some")
/**
 * Which objects.
 */
description: string
}
/**
 * How to find the FxObject in a pool block.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Locator".
 */
export interface Locator {
/**
 * The rule in words.
 */
description: string
/**
 * What precedes the object, in memory order.
 *
 * @minItems 1
 *
 * Items: One component of the block.
 */
components: [{
/**
 * Struct name.
 */
name: string
present: Condition
/**
 * Constant giving its size.
 */
sizeConstant?: string
}, ...({
/**
 * Struct name.
 */
name: string
present: Condition
/**
 * Constant giving its size.
 */
sizeConstant?: string
})[]]
/**
 * Consistency checks a decoder runs.
 *
 * @minItems 1
 *
 * Items: One check.
 */
checks: [{
/**
 * Check id the decoder implements.
 */
id: ("base-self" | "globals-match" | "type-known" | "debug-signature" | "tracker-tag")
/**
 * The check in words.
 */
description: string
appliesTo: Condition
}, ...({
/**
 * Check id the decoder implements.
 */
id: ("base-self" | "globals-match" | "type-known" | "debug-signature" | "tracker-tag")
/**
 * The check in words.
 */
description: string
appliesTo: Condition
})[]]
/**
 * Rule for page-aligned blocks.
 */
largeBlock: string
/**
 * Offsets from the block start for known configurations.
 *
 * @minItems 1
 *
 * Items: One configuration.
 */
examples: [{
arch: Arch
/**
 * Which verifier options are on.
 */
mode: ("retail" | "pool-tracking" | "handle-verifier" | "pool-tracking+handle-verifier")
fxPoolHeaderOffset?: Hex
debugExtensionOffset?: Hex
signatureOffset?: Hex
objectOffset: Hex
/**
 * Where the example comes from.
 */
note?: string
}, ...({
arch: Arch
/**
 * Which verifier options are on.
 */
mode: ("retail" | "pool-tracking" | "handle-verifier" | "pool-tracking+handle-verifier")
fxPoolHeaderOffset?: Hex
debugExtensionOffset?: Hex
signatureOffset?: Hex
objectOffset: Hex
/**
 * Where the example comes from.
 */
note?: string
})[]]
}
/**
 * How a block size relates to m_ObjectSize and the context.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SizeArithmetic".
 */
export interface SizeArithmetic {
/**
 * How m_ObjectSize is computed.
 */
objectSize: string
/**
 * Size WDF asks its pool allocator for.
 */
request: string
/**
 * Size passed to ExAllocatePool*.
 */
ntRequest: string
/**
 * The rule for internal objects.
 */
internalObjects: string
/**
 * A worked example.
 */
example: {
arch: Arch
objectSize: Hex
fxRequest: Hex
ntRequest: Hex
poolfindSize?: Hex
contextSizeMin?: Hex
contextSizeMax?: Hex
/**
 * Where the numbers come from.
 */
note?: string
}
}
/**
 * WDF handle <-> FxObject pointer arithmetic.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "HandleRule".
 */
export interface HandleRule {
/**
 * FxHandleValueMask per pointer width.
 *
 * @minItems 2
 *
 * Items: Mask for one pointer width.
 */
masks: [{
/**
 * Pointer width in bits.
 */
pointerBits: (32 | 64)
mask: Hex
}, {
/**
 * Pointer width in bits.
 */
pointerBits: (32 | 64)
mask: Hex
}, ...({
/**
 * Pointer width in bits.
 */
pointerBits: (32 | 64)
mask: Hex
})[]]
flagMask: Hex
offsetFlag: Hex
/**
 * Alignment of FxObject pointers in bytes.
 */
objectAlignment: number
/**
 * Pointer to handle, in words.
 */
toHandle: string
/**
 * Handle to pointer, in words.
 */
toObject: string
/**
 * What the framework does with a bad handle.
 */
invalidHandle: string
/**
 * Handle/object pairs seen in public output.
 *
 * @minItems 1
 *
 * Items: One pair.
 */
examples: [{
/**
 * Pointer width in bits.
 */
pointerBits: (32 | 64)
object: Hex
handle: Hex
offset?: Hex
/**
 * Source id or description of where the pair was seen.
 */
source: string
/**
 * Context of the example.
 */
note?: string
}, ...({
/**
 * Pointer width in bits.
 */
pointerBits: (32 | 64)
object: Hex
handle: Hex
offset?: Hex
/**
 * Source id or description of where the pair was seen.
 */
source: string
/**
 * Context of the example.
 */
note?: string
})[]]
}
