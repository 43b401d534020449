// Generated from schemas/fx-types.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
/**
 * One FX_TYPE constant.
 *
 * This interface was referenced by `WdfleakFX_TYPETable`'s JSON-Schema
 * via the `definition` "FxType".
 */
export type FxType = (({
base?: never
offset?: never
} | {
[k: string]: unknown
}) & {
name: TypeName
/**
 * Numeric value (a USHORT).
 */
value: number
hex: Hex
/**
 * The enum range it belongs to; base-enum for the FX_*_BASE constants themselves.
 */
range: ("core" | "packages" | "io_target" | "dma" | "interfaces" | "base-enum" | "sentinel")
base?: TypeName
/**
 * value minus the value of base.
 */
offset?: number
/**
 * external: backs a handle type drivers get; internal: framework-only object; external-qi-only / qi-only: only answered by QueryInterface; interface: internal interface id; unlisted(-km): not in the (kernel-mode) object-info table; range-base / sentinel: not an object type.
 */
visibility: ("external" | "internal" | "external-qi-only" | "qi-only" | "interface" | "unlisted" | "unlisted-km" | "range-base" | "sentinel")
/**
 * WDF handle type of such objects (WDFWORKITEM …).
 */
handleType?: string
/**
 * Which flavour of the handle type (miniport device, self target).
 */
handleQualifier?: string
/**
 * Handle types whose objects store this value in m_Type although another constant names them (WDFMEMORY stores FX_TYPE_OBJECT).
 *
 * Items: A handle type.
 */
alsoCarriedBy?: string[]
/**
 * Whether objects ever carry this value in m_Type: no for QueryInterface-only types, bases and the sentinel; unverified where the source does not settle it.
 */
storedInMType: ("yes" | "no" | "unverified")
storedAs?: TypeName
/**
 * APIs whose objects store this value in m_Type.
 */
createApis: ApiName[]
/**
 * APIs whose objects answer QueryInterface for this type but store another m_Type (see storedAs).
 */
qiCreateApis: ApiName[]
/**
 * APIs a driver calls to delete such objects; empty when the driver cannot delete them.
 */
deleteApis: ApiName[]
/**
 * What matters about the type for triage.
 */
notes?: string
/**
 * Regular expression matching the framework C++ class names behind objects of this type, as `dt` and `!wdfhandle` print them (FxRequest, FxMemoryBufferFromPool …). Entries are tried in file order; the first match wins.
 */
classPattern?: string
})
/**
 * An FX_TYPE constant name.
 *
 * This interface was referenced by `WdfleakFX_TYPETable`'s JSON-Schema
 * via the `definition` "TypeName".
 */
export type TypeName = string
/**
 * A number written in hex with a 0x prefix.
 *
 * This interface was referenced by `WdfleakFX_TYPETable`'s JSON-Schema
 * via the `definition` "Hex".
 */
export type Hex = string
/**
 * A KMDF API name.
 *
 * This interface was referenced by `WdfleakFX_TYPETable`'s JSON-Schema
 * via the `definition` "ApiName".
 */
export type ApiName = string

/**
 * Every FX_OBJECT_TYPES_BASE and FX_OBJECT_TYPES constant of Wdf01000 (the WDFTYPE values an FxObject keeps in m_Type), with its range, handle type, whether objects store it, and the APIs that create and delete such objects. Read by engine/reference/fx-types.ts.
 */
export interface WdfleakFX_TYPETable {
/**
 * Relative path to this schema, for editors.
 */
$schema: string
/**
 * Short name of the table.
 */
title: string
/**
 * What the table holds and how to read it.
 */
description: string
/**
 * Where the values come from (MS-WDF commit and paths, PDB dumps).
 *
 * @minItems 1
 */
sources: [Source, ...(Source)[]]
/**
 * One entry per constant, in the order of the source enums.
 *
 * @minItems 1
 */
types: [FxType, ...(FxType)[]]
}
/**
 * A cited source.
 *
 * This interface was referenced by `WdfleakFX_TYPETable`'s JSON-Schema
 * via the `definition` "Source".
 */
export interface Source {
/**
 * Short id other entries use to cite the source (MS-WDF, BLOG …).
 */
id: string
/**
 * Name of the source.
 */
title: string
/**
 * Where to read it.
 */
url: string
/**
 * Git commit the facts were read at.
 */
commit?: string
/**
 * Folder that the paths are relative to.
 */
pathBase?: string
/**
 * Files of the source that hold the facts.
 *
 * Items: A file path inside the source.
 */
paths?: string[]
/**
 * Author of a post.
 */
author?: string
/**
 * Publication date.
 */
date?: string
/**
 * What the source shows.
 */
note?: string
}
