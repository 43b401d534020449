// Signature → json-rules-engine rules: one rule for the signature's required conditions and one per
// evidence item, so a single run per subject tells both whether it matches and how strongly.
import type { Condition, Signature } from '../types/signature.js';

export interface CompiledRule {
  name: string;
  conditions: { all: Condition[] } | { any: Condition[] };
  event: { type: string; params: Record<string, unknown> };
  priority: number;
}

/** Rule name of an evidence item: `<slug>#<evidence id>`. */
export const evidenceRuleName = (slug: string, id: string): string => `${slug}#${id}`;

export function compileSignature(sig: Signature): CompiledRule[] {
  const rules: CompiledRule[] = [
    { name: sig.slug, conditions: sig.conditions, event: { type: sig.event.type, params: { slug: sig.slug } }, priority: 1 },
  ];
  for (const ev of sig.confidence.evidence) {
    rules.push({
      name: evidenceRuleName(sig.slug, ev.id),
      conditions: { all: [ev.condition] },
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
