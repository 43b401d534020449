// One json-rules-engine per subject kind, built once per rule pack and reused for every run.
// Results are read from run() rather than through listeners, so concurrent runs cannot mix.
import { Engine } from 'json-rules-engine';
import type { Signature, SubjectKind } from '../types/signature.js';
import { compileSignature } from './compile.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { resolvePath } from './path.js';

export interface Evaluation {
  /** Slugs whose required conditions hold. */
  matched: Set<string>;
  /** Rule names (`slug` and `slug#evidence`) that held. */
  passed: Set<string>;
}

export interface SignatureEngine {
  kinds(): SubjectKind[];
  evaluate(kind: SubjectKind, facts: Record<string, unknown>): Promise<Evaluation>;
}

export function createSignatureEngine(signatures: readonly Signature[]): SignatureEngine {
  const engines = new Map<SubjectKind, Engine>();
  for (const sig of signatures) {
    let engine = engines.get(sig.subject);
    if (!engine) {
      engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false });
      for (const op of CUSTOM_OPERATORS) engine.addOperator(op);
      engines.set(sig.subject, engine);
    }
    for (const rule of compileSignature(sig)) engine.addRule(rule as never);
  }
  return {
    kinds: () => [...engines.keys()],
    async evaluate(kind, facts) {
      const engine = engines.get(kind);
      const out: Evaluation = { matched: new Set(), passed: new Set() };
      if (!engine) return out;
      const { results } = await engine.run(facts);
      for (const r of results) {
        const name = (r as { name?: string }).name;
        if (!name) continue;
        out.passed.add(name);
        if (!name.includes('#')) out.matched.add(name);
      }
      return out;
    },
  };
}
