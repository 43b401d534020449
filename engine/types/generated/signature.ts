// Generated from schemas/signature.schema.json by scripts/generate-types.mjs: do not edit; change the schema and
// run `npm run generate:types`.
/* eslint-disable */
/**
 * json-rules-engine condition for this evidence.
 */
export type Condition = (AllCondition | (AnyCondition | (NotCondition | LeafCondition)))
/**
 * A json-rules-engine condition: all, any, not, or a leaf comparing a fact with a value.
 *
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "Condition".
 */
export type Condition1 = (AllCondition | (AnyCondition | (NotCondition | LeafCondition)))
/**
 * The json-rules-engine conditions that must hold for a (suspected) finding: an all or any list at the top.
 */
export type TopCondition = (AllCondition | AnyCondition)
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = ("critical" | "high" | "medium" | "low" | "info")
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "SignatureStatus".
 */
export type SignatureStatus = ("experimental" | "test" | "stable" | "deprecated")
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "SubjectKind".
 */
export type SubjectKind = ("tag" | "driver" | "object-type" | "unload" | "bugcheck" | "pool")
/**
 * An all or any list of conditions.
 *
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "TopCondition".
 */
export type TopCondition1 = (AllCondition | AnyCondition)

/**
 * One leak signature: what it recognises, how sure it can be, what to tell the driver developer, and the json-rules-engine conditions that fire it. Stored as rules/signatures/<slug>.json next to its doc page rules/signatures/<slug>.md and its fixtures under rules/signatures/<slug>/positive/ and negative/. Mirrors Signature in engine/types/signature.ts.
 */
export interface WdfleakLeakSignature {
/**
 * Relative path to this schema (../../schemas/signature.schema.json), so editors validate and complete the file.
 */
$schema?: string
/**
 * Permanent id, never reused or renumbered: WDFLEAK- and four digits, e.g. WDFLEAK-0001. Findings, buckets and bug reports cite it.
 */
id: string
/**
 * Readable unique name, lower-case words joined by hyphens and no dots (workitem-created-in-dpc). Equals the file name without .json.
 */
slug: string
/**
 * One line naming the leak, shown as the finding's heading.
 */
title: string
/**
 * Maturity: experimental (new, may misfire), test (fixtures prove it, under watch), stable (trusted), deprecated (kept for old reports; set replacedBy).
 */
status: ("experimental" | "test" | "stable" | "deprecated")
/**
 * Id of the signature that replaces this one. Required when status is deprecated, and only allowed then.
 */
replacedBy?: string
/**
 * How bad the leak is when confirmed: critical (exhausts pool or crashes), high, medium, low, info (noteworthy, not a leak).
 */
severity: ("critical" | "high" | "medium" | "low" | "info")
/**
 * What the signature is evaluated against; each subject (a tag, a driver, an object type, an unload report, a bug check, nonpaged or paged pool) gets its own facts.
 */
subject: ("tag" | "driver" | "object-type" | "unload" | "bugcheck" | "pool")
/**
 * FX_TYPE constants of the leaking objects, by name as in rules/reference/fx-types.json (FX_TYPE_WORKITEM). Empty when the leak is not a WDF object.
 *
 * Items: An FX_TYPE constant name.
 */
fxTypes: string[]
/**
 * WDF APIs involved: the creating API and the one the driver should have called (WdfWorkItemCreate, WdfObjectDelete), as listed in rules/reference/wdf-object-apis.json.
 *
 * Items: A WDF API name.
 */
apis: string[]
/**
 * What is happening, in the words a driver developer reads first.
 */
description: string
/**
 * Why it leaks: the WDF object lifetime rule the driver breaks.
 */
lifetimeRule: string
/**
 * How to fix it, one step per entry.
 *
 * @minItems 1
 *
 * Items: One fix step.
 */
remediation: [string, ...(string)[]]
/**
 * Documentation and sources that back the lifetime rule and the fix.
 *
 * @minItems 1
 */
references: [Reference, ...(Reference)[]]
/**
 * Confidence model: a finding starts at base when the conditions hold, each matching evidence item adds its weight; at confirmed or above it is confirmed, between base and confirmed it is likely, at base it is suspected. confirmed must not be below base.
 */
confidence: {
/**
 * Score when only the conditions hold (the suspected level), 0 to 1.
 */
base: number
/**
 * Score at or above which the finding is confirmed, 0 to 1, at least base.
 */
confirmed: number
/**
 * Optional evidence that raises the confidence.
 */
evidence: EvidenceItem[]
}
/**
 * Debugger commands to confirm or fix the finding, with {placeholders} filled from the subject.
 *
 * @minItems 1
 */
nextSteps: [NextStepTemplate, ...(NextStepTemplate)[]]
/**
 * Slugs of more general signatures this one explains: when both match the same subject, only this signature's finding is reported.
 *
 * Items: Slug of an existing signature.
 */
supersedes?: string[]
conditions: TopCondition
/**
 * The json-rules-engine event fired when the conditions hold.
 */
event: {
/**
 * Kind of leak: a WDF object, plain pool, a reference, or a verifier report.
 */
type: ("wdf-leak" | "pool-leak" | "reference-leak" | "verifier-report")
/**
 * Templates for the finding.
 */
params: {
/**
 * Bucket template, stable across runs, e.g. WDF_LEAK_WORKITEM_{creation.creator}.
 */
bucket: string
/**
 * One-line summary template.
 */
message: string
}
}
}
/**
 * A document to read.
 *
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "Reference".
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
 * A piece of evidence that raises the confidence when its condition holds.
 *
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "EvidenceItem".
 */
export interface EvidenceItem {
/**
 * Stable id within the signature, e.g. fxobject-type-workitem; next steps name it in when/unless.
 */
id: string
/**
 * What this evidence shows, in words, for the finding and the doc page.
 */
description: string
/**
 * Added to the confidence score when the condition holds.
 */
weight: number
condition: Condition
}
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "AllCondition".
 */
export interface AllCondition {
/**
 * Every condition must hold.
 *
 * @minItems 1
 */
all: [Condition1, ...(Condition1)[]]
}
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "AnyCondition".
 */
export interface AnyCondition {
/**
 * At least one condition must hold.
 *
 * @minItems 1
 */
any: [Condition1, ...(Condition1)[]]
}
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "NotCondition".
 */
export interface NotCondition {
/**
 * A json-rules-engine condition: all, any, not, or a leaf comparing a fact with a value.
 */
not: (AllCondition | (AnyCondition | (NotCondition | LeafCondition)))
}
/**
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "LeafCondition".
 */
export interface LeafCondition {
/**
 * Name of a fact the subject provides: `wdfleak rules facts --subject <kind>` lists them with their paths (rules/reference/fact-catalogue.json).
 */
fact: string
/**
 * json-rules-engine operator: a built-in (equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain) or one wdfleak adds (matches, between, isTrue, exists).
 */
operator: string
/**
 * Value to compare the fact with; { "fact": name } compares with another fact; { "reference": "<file>#<name>" } is the reference data of that name (execution-contexts#elevated, thresholds#oneForOne: see CONTRIBUTING), resolved when the signature is compiled.
 */
value: unknown
/**
 * Path into the fact's value, one of the fact's paths in the catalogue (wdfleak rules facts), e.g. $.creator; [index] reads an item of an array.
 */
path?: string
/**
 * Parameters passed to the fact when it is computed.
 */
params?: Record<string, unknown>
}
/**
 * A debugger command offered as a next step.
 *
 * This interface was referenced by `WdfleakLeakSignature`'s JSON-Schema
 * via the `definition` "NextStepTemplate".
 */
export interface NextStepTemplate {
/**
 * A WinDbg command with {placeholders} filled from the subject, e.g. !poolfind {tag} -nonpaged.
 */
command: string
/**
 * What the command shows and why it helps.
 */
why: string
/**
 * Evidence id: offer the step only while this evidence is missing (to confirm it).
 */
unless?: string
/**
 * Evidence id: offer the step only when this evidence is present.
 */
when?: string
}
