// Generated from schemas/pool-tags.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
import type { Source } from './fx-types.js';
/**
 * Id of an entry of the top-level sources.
 *
 * This interface was referenced by `WdfleakWDFPoolTags`'s JSON-Schema
 * via the `definition` "SourceId".
 */
export type SourceId = string
/**
 * Four characters in memory order (spaces kept).
 *
 * This interface was referenced by `WdfleakWDFPoolTags`'s JSON-Schema
 * via the `definition` "TagText".
 */
export type TagText = string
/**
 * A 32-bit value as 8 lower-case hex digits with 0x.
 *
 * This interface was referenced by `WdfleakWDFPoolTags`'s JSON-Schema
 * via the `definition` "Hex32".
 */
export type Hex32 = string

/**
 * Pool tags that matter to WDF leak triage and the KMDF rule that derives a driver's pool tag. Read by engine/reference/pool-tags.ts and engine/reference/driver-tag.ts.
 */
export interface WdfleakWDFPoolTags {
/**
 * Relative path to this schema, for editors.
 */
$schema: string
/**
 * Short name of the file.
 */
title: string
/**
 * What the file holds.
 */
description: string
/**
 * Sources the entries cite by id.
 *
 * @minItems 1
 */
sources: [Source, ...(Source)[]]
/**
 * The tags, one entry each.
 *
 * @minItems 1
 */
tags: [Tag, ...(Tag)[]]
driverTagRule: DriverTagRule
}
/**
 * One pool tag.
 *
 * This interface was referenced by `WdfleakWDFPoolTags`'s JSON-Schema
 * via the `definition` "Tag".
 */
export interface Tag {
tag: TagText
/**
 * Little-endian value of the four bytes (what a register holds).
 */
value: number
hex: Hex32
/**
 * Component that allocates with it.
 */
owner: string
/**
 * wdf-companion: kernel allocation a WDF object owns; wdf-framework: allocated by Wdf01000 itself; verifier: Driver Verifier substitute tag; rejected-driver-tag: a DriverPoolTag KMDF ignores; kernel-cache: a kernel tag that is large in normal use.
 */
role: ("wdf-companion" | "wdf-framework" | "verifier" | "rejected-driver-tag" | "kernel-cache")
/**
 * What allocations carry the tag.
 */
description: string
/**
 * What the tag means in a WDF leak investigation.
 */
wdfRelevance: string
/**
 * The tag as a C multi-character literal (reversed).
 */
cLiteral?: string
/**
 * Object types the tag is a companion of.
 *
 * Items: An FX_TYPE name.
 */
relatedFxTypes?: string[]
/**
 * APIs whose objects cause such allocations.
 *
 * Items: A KMDF API.
 */
relatedApis?: string[]
/**
 * Sources that show it.
 *
 * @minItems 1
 */
sources: [SourceId, ...(SourceId)[]]
}
/**
 * How WdfDriverCreate chooses _FX_DRIVER_GLOBALS.Tag.
 *
 * This interface was referenced by `WdfleakWDFPoolTags`'s JSON-Schema
 * via the `definition` "DriverTagRule".
 */
export interface DriverTagRule {
/**
 * The rule in one sentence.
 */
description: string
/**
 * When the driver's own DriverPoolTag wins.
 */
explicitTag: {
/**
 * Where the driver sets the tag.
 */
field: string
/**
 * All must hold.
 *
 * @minItems 1
 *
 * Items: A condition.
 */
conditions: [string, ...(string)[]]
/**
 * Values that are ignored.
 */
rejected: TagValue[]
/**
 * Whether WDF_DRIVER_GLOBALS.DriverTag is set too.
 */
updatesDriverTag: boolean
}
/**
 * How the driver name is built.
 */
name: {
/**
 * Where the name comes from.
 */
source: string
/**
 * How UTF-16 becomes bytes.
 */
charConversion: string
/**
 * Characters kept.
 */
maxLength: number
/**
 * Name used when the registry path has no backslash.
 */
whenNoBackslash: string
/**
 * Name used without a registry path.
 */
whenNoRegistryPath: string
}
/**
 * Prefix removed from the name first.
 */
stripPrefix: {
/**
 * The prefix.
 */
prefix: string
/**
 * Whether any letter case matches.
 */
caseInsensitive: boolean
}
/**
 * Characters copied into the tag.
 */
take: number
/**
 * Fewest remaining characters that still make a tag; fewer gives the fallback.
 */
minLength: number
/**
 * Value of the 4th byte when exactly three characters remain.
 */
shortNameFourthByte: number
fallback: TagValue
/**
 * Whether letter case is kept.
 */
casePreserved: boolean
/**
 * Short tags are not padded with spaces.
 */
padding: "none"
/**
 * Confirmed name -> tag pairs.
 *
 * @minItems 1
 *
 * Items: One example.
 */
examples: [{
/**
 * Service key name.
 */
serviceName: string
tag: TagText
hex: Hex32
source: SourceId
/**
 * How it was confirmed.
 */
note?: string
}, ...({
/**
 * Service key name.
 */
serviceName: string
tag: TagText
hex: Hex32
source: SourceId
/**
 * How it was confirmed.
 */
note?: string
})[]]
/**
 * Caveats.
 */
notes?: string
}
/**
 * A tag with its value.
 *
 * This interface was referenced by `WdfleakWDFPoolTags`'s JSON-Schema
 * via the `definition` "TagValue".
 */
export interface TagValue {
tag: TagText
/**
 * Little-endian value.
 */
value: number
hex: Hex32
/**
 * Whether WDF_DRIVER_GLOBALS.DriverTag is set to this tag too.
 */
updatesDriverTag?: boolean
}
