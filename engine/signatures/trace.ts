// A signature's condition trees on one subject, evaluated by json-rules-engine itself (the rules
// compileSignature makes, on an engine configured like every run's) and read back from the result tree
// the engine annotates: each leaf's fact value and outcome, each group's all/any/not outcome. There is
// no second evaluator to drift from the first.
import type { Signature } from '../types/signature.js';
import type { SignatureTrace, TraceNode } from '../types/trace.js';
import { compileSignature, evidenceRuleName } from './compile.js';
import { newRuleEngine } from './rule-engine.js';

/** A condition after json-rules-engine evaluated it (Condition instances carry these fields). */
interface Evaluated {
  all?: Evaluated[];
  any?: Evaluated[];
  not?: Evaluated;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

interface RuleOutcome {
  name: string;
  result: boolean;
  conditions: Evaluated;
}

/** Every rule of the signature (required conditions and each evidence item) on one subject's facts. */
export async function traceSignature(sig: Signature, facts: Record<string, unknown>): Promise<SignatureTrace> {
  const engine = newRuleEngine();
  for (const rule of compileSignature(sig)) engine.addRule(rule as never);
  const run = await engine.run(facts);
  const outcomes = new Map<string, RuleOutcome>();
  for (const r of [...run.results, ...run.failureResults] as unknown as RuleOutcome[]) outcomes.set(r.name, r);
  const required = outcomes.get(sig.slug)!;
  return {
    matched: required.result === true,
    // The root group's outcome is the rule's: the engine does not write it on the root node.
    required: traceNode(required.conditions, required.result === true),
    evidence: sig.confidence.evidence.map((ev) => {
      const rule = outcomes.get(evidenceRuleName(sig.slug, ev.id))!;
      // compileSignature wraps each evidence condition in a one-item `all`; show the condition itself.
      const condition = traceNode(rule.conditions.all![0]!);
      return { id: ev.id, description: ev.description, weight: ev.weight, result: rule.result === true, condition };
    }),
  };
}

// Signatures cannot set condition priorities (the schema has no such field), so json-rules-engine
// evaluates every node of a group and each carries its result.
function traceNode(c: Evaluated, rootResult?: boolean): TraceNode {
  const result = rootResult ?? c.result === true;
  if (c.all) return { kind: 'all', result, items: c.all.map((x) => traceNode(x)) };
  if (c.any) return { kind: 'any', result, items: c.any.map((x) => traceNode(x)) };
  if (c.not) return { kind: 'not', result, item: traceNode(c.not) };
  const leaf: TraceNode = { kind: 'leaf', fact: c.fact!, operator: c.operator!, expected: c.value, present: c.factResult !== undefined, result };
  if (c.path) leaf.path = c.path;
  if (leaf.present) leaf.actual = c.factResult;
  if (isFactReference(c.value)) leaf.expectedValue = c.valueResult;
  return leaf;
}

const isFactReference = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v;
