// Reference data a signature condition may cite instead of a literal: `{"reference": "<file>#<name>"}`
// (`execution-contexts#elevated`, `thresholds#oneForOne`). Resolved when a signature is compiled, so
// the knowledge stays in rules/reference and the rule engine sees plain values.
import { CONTEXT_GROUPS } from './execution-contexts.js';
import { THRESHOLDS } from './thresholds.js';
import { SYSTEM_MODULES } from './system-modules.js';
import { COMPANION_TAGS } from './wdf-object-apis.js';

export interface ReferenceValue {
  reference: string;
}

const VALUES = new Map<string, unknown>([
  ...CONTEXT_GROUPS.map((g): [string, unknown] => [`execution-contexts#${g.id}`, g.contexts]),
  ...Object.entries(THRESHOLDS).map(([name, t]): [string, unknown] => [`thresholds#${name}`, t.value]),
  ['system-modules#modules', SYSTEM_MODULES],
  ['wdf-object-apis#companionTags', COMPANION_TAGS.map((c) => c.tag)],
]);

/** Every name a signature may cite, sorted. */
export const REFERENCE_NAMES: readonly string[] = [...VALUES.keys()].sort();

export const isReferenceValue = (v: unknown): v is ReferenceValue =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { reference?: unknown }).reference === 'string' && Object.keys(v).length === 1;

/** The value behind a reference name, or undefined when no reference file defines it. */
export const referenceValue = (name: string): unknown => VALUES.get(name);
