// json-rules-engine, built once per rule pack and reused for every run. Two phases per subject: one
// engine per subject kind holds every signature's required conditions; only the signatures that match
// then run their evidence items (one small engine per signature). Most subjects match nothing, so most
// evidence rules never run. Results are read from run() rather than through listeners, so concurrent
// runs cannot mix.
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
  evaluate(kind: SubjectKind, facts: Record<string, unknown>): Promise<Evaluation>;
}

/** An engine configured as every wdfleak run configures it: custom operators, the path resolver, undefined facts allowed. */
export function newRuleEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false });
  for (const op of CUSTOM_OPERATORS) engine.addOperator(op);
  return engine;
}

export function createSignatureEngine(signatures: readonly Signature[]): SignatureEngine {
  const main = new Map<SubjectKind, Engine>();
  const evidence = new Map<string, Engine>();
  for (const sig of signatures) {
    let engine = main.get(sig.subject);
    if (!engine) main.set(sig.subject, (engine = newRuleEngine()));
    const [required, ...items] = compileSignature(sig);
    engine.addRule(required as never);
    if (items.length) {
      const ev = newRuleEngine();
      for (const rule of items) ev.addRule(rule as never);
      evidence.set(sig.slug, ev);
    }
  }
  const names = (results: unknown[]): string[] =>
    results.map((r) => (r as { name?: string }).name).filter((n): n is string => !!n);
  return {
    async evaluate(kind, facts) {
      const out: Evaluation = { matched: new Set(), passed: new Set() };
      const engine = main.get(kind);
      if (!engine) return out;
      for (const slug of names((await engine.run(facts)).results)) {
        out.matched.add(slug);
        out.passed.add(slug);
        const ev = evidence.get(slug);
        if (ev) for (const name of names((await ev.run(facts)).results)) out.passed.add(name);
      }
      return out;
    },
  };
}
