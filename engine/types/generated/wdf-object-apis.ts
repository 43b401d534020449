// Generated from schemas/wdf-object-apis.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
import type { ApiName, Hex, Source, TypeName } from './fx-types.js';
/**
 * An IRQL.
 *
 * This interface was referenced by `WdfleakWDFObjectAPITable`'s JSON-Schema
 * via the `definition` "Irql".
 */
export type Irql = ("PASSIVE_LEVEL" | "APC_LEVEL" | "DISPATCH_LEVEL")

/**
 * The KMDF APIs that create WDF objects, with the m_Type their objects carry, how they are deleted, their default parent, their IRQL and their lifetime rule. Read by engine/reference/wdf-object-apis.ts.
 */
export interface WdfleakWDFObjectAPITable {
/**
 * Relative path to this schema, for editors.
 */
$schema: string
/**
 * Short name of the table.
 */
title: string
/**
 * What the table holds.
 */
description: string
/**
 * Sources the entries cite by id.
 *
 * @minItems 1
 */
sources: [Source, ...(Source)[]]
/**
 * One entry per creating API.
 *
 * @minItems 1
 */
apis: [Api, ...(Api)[]]
}
/**
 * One creating API.
 *
 * This interface was referenced by `WdfleakWDFObjectAPITable`'s JSON-Schema
 * via the `definition` "Api".
 */
export interface Api {
api: ApiName
/**
 * Handle type returned.
 */
handleType: string
fxType: TypeName
/**
 * Value the object stores in m_Type.
 */
fxTypeValue: number
fxTypeHex: Hex
qiType?: TypeName
/**
 * Value of the QueryInterface type.
 */
qiTypeValue?: number
qiTypeHex?: Hex
/**
 * How objects of this API go away.
 */
delete: {
/**
 * Calls that delete the object; empty when the driver cannot.
 */
apis: ApiName[]
/**
 * Deleted implicitly when its parent is deleted.
 */
withParent: boolean
/**
 * Whether the driver may delete it (no = NoDeleteDDI; conditional = only some objects).
 */
driverDeletable: ("yes" | "no" | "conditional" | "unverified")
/**
 * Delete-time details.
 */
notes?: string
}
/**
 * The parent the object gets, which bounds its lifetime.
 */
defaultParent: {
/**
 * required: no default, the caller must name one; driver/device/dma-enabler/usb-device/wmi-provider: that object by default; lookaside-setting: from the lookaside list's memory attributes; root: has no parent.
 */
kind: ("required" | "driver" | "device" | "dma-enabler" | "usb-device" | "wmi-provider" | "lookaside-setting" | "root" | "unverified")
/**
 * Whether Attributes->ParentObject must, may or must not be given.
 */
parentObject: ("required" | "optional" | "not-allowed" | "not-applicable" | "unverified")
/**
 * Constraint on a given parent: some WDFDEVICE ancestor, or the same device as the API's device argument.
 */
ancestor?: ("device" | "same-device")
/**
 * The likely parent where it is not verified.
 */
expected?: string
/**
 * Details.
 */
note?: string
}
/**
 * True when creation fails without Attributes->ParentObject.
 */
parentRequired: boolean
maxIrql: Irql
maxIrqlPaged?: Irql
/**
 * Whether the framework checks the IRQL at run time (beyond the header annotation).
 */
irqlRuntimeCheck: ("yes" | "no" | "unstated")
/**
 * IRQL details.
 */
irqlNotes?: string
flagsAfterCreate?: Hex
/**
 * When the object goes away and how it leaks, in wdfleak's words.
 */
lifetime: string
/**
 * Allocations or handles each object owns.
 */
companions?: Companion[]
/**
 * How the KMDF verifier's object leak detection treats the type.
 */
verifierLeakDetection?: ("default-type" | "always-counted" | "driver-created-only")
/**
 * Where the entry comes from.
 *
 * @minItems 1
 */
sources: [Citation, ...(Citation)[]]
}
/**
 * Something each object owns outside its own allocation, which leaks with it.
 *
 * This interface was referenced by `WdfleakWDFObjectAPITable`'s JSON-Schema
 * via the `definition` "Companion".
 */
export interface Companion {
/**
 * pool: a pool allocation; handle: a kernel handle.
 */
kind: ("pool" | "handle")
/**
 * Fixed pool tag of the companion allocation.
 */
tag?: string
/**
 * Where the tag comes from when it is not fixed.
 */
tagSource?: "caller-pool-tag"
/**
 * How many per object.
 */
perObject: number
/**
 * Kernel routine that allocates it.
 */
via?: string
/**
 * Condition under which it exists.
 */
when?: string
/**
 * What it is and how it shows up.
 */
description: string
}
/**
 * A citation of a source by id, optionally with the files that hold the fact.
 *
 * This interface was referenced by `WdfleakWDFObjectAPITable`'s JSON-Schema
 * via the `definition` "Citation".
 */
export interface Citation {
/**
 * Id of an entry of the top-level sources.
 */
ref: string
/**
 * Files that hold the fact.
 *
 * Items: A path relative to the source's pathBase.
 */
paths?: string[]
}
