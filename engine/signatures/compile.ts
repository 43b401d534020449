// Signature → json-rules-engine rules: one rule for the signature's required conditions and one per
// evidence item, so a single run per subject tells both whether it matches and how strongly. Values
// that cite reference data (`{"reference": "execution-contexts#elevated"}`) become the literal data here.
import type { Condition, Signature } from '../types/signature.js';
import { isReferenceValue, REFERENCE_NAMES, referenceValue } from '../reference/named-values.js';

export interface CompiledRule {
  name: string;
  conditions: { all: Condition[] } | { any: Condition[] };
  event: { type: string; params: Record<string, unknown> };
  priority: number;
}

/** Rule name of an evidence item: `<slug>#<evidence id>`. */
export const evidenceRuleName = (slug: string, id: string): string => `${slug}#${id}`;

/** Why a condition value cannot be resolved (a reference no file defines), or undefined. */
export function referenceProblem(value: unknown): string | undefined {
  if (!isReferenceValue(value) || referenceValue(value.reference) !== undefined) return undefined;
  return `unknown reference '${value.reference}': rules/reference defines ${REFERENCE_NAMES.join(', ')}`;
}

/** A condition tree with every `{"reference": …}` value replaced by the reference data it names. */
export function resolveReferences<C extends Condition>(cond: C): C {
  if ('all' in cond) return { ...cond, all: cond.all.map(resolveReferences) };
  if ('any' in cond) return { ...cond, any: cond.any.map(resolveReferences) };
  if ('not' in cond) return { ...cond, not: resolveReferences(cond.not) };
  if (!isReferenceValue(cond.value)) return cond;
  const problem = referenceProblem(cond.value);
  if (problem) throw new Error(problem);
  return { ...cond, value: referenceValue(cond.value.reference) };
}

export function compileSignature(sig: Signature): CompiledRule[] {
  const rules: CompiledRule[] = [
    { name: sig.slug, conditions: resolveReferences(sig.conditions), event: { type: sig.event.type, params: { slug: sig.slug } }, priority: 1 },
  ];
  for (const ev of sig.confidence.evidence) {
    rules.push({
      name: evidenceRuleName(sig.slug, ev.id),
      conditions: { all: [resolveReferences(ev.condition)] },
      event: { type: 'evidence', params: { slug: sig.slug, evidence: ev.id } },
      priority: 1,
    });
  }
  return rules;
}

/** Fact names a condition tree reads (for validation and documentation). */
export function factsOf(cond: Condition, out: Set<string> = new Set()): Set<string> {
  if ('all' in cond) cond.all.forEach((c) => factsOf(c, out));
  else if ('any' in cond) cond.any.forEach((c) => factsOf(c, out));
  else if ('not' in cond) factsOf(cond.not, out);
  else out.add(cond.fact);
  return out;
}
