// traceSignature reads back json-rules-engine's own evaluation; these tests hold it to the analyzer's
// verdict (createSignatureEngine, the engine analyze runs) on every subject of every fixture of every
// bundled signature, and check the leaf values it reports on a hand-made subject.
import { describe, expect, it } from 'vitest';
import { deriveSubjects } from '../../engine/derive/subjects.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';
import { evidenceRuleName } from '../../engine/signatures/compile.js';
import { createSignatureEngine } from '../../engine/signatures/rule-engine.js';
import { traceSignature } from '../../engine/signatures/trace.js';
import type { Signature } from '../../engine/types/signature.js';
import type { TraceNode } from '../../engine/types/trace.js';
import { fixtures, signature, signatures } from './fixtures.js';

/** Each group's outcome follows from its children's: the leaf results explain the verdict. */
function consistent(n: TraceNode): boolean {
  if (n.kind === 'leaf') return true;
  if (n.kind === 'not') return n.result === !n.item.result && consistent(n.item);
  const held = n.kind === 'all' ? n.items.every((i) => i.result) : n.items.some((i) => i.result);
  return n.result === held && n.items.every(consistent);
}

describe('traceSignature agrees with the analyzer', () => {
  it('on every subject of every fixture of every bundled signature: match, and each evidence item when matched', async () => {
    const engine = createSignatureEngine(signatures);
    let compared = 0;
    let matched = 0;
    for (const owner of signatures) {
      for (const f of [...fixtures(owner.slug, 'positive'), ...fixtures(owner.slug, 'negative')]) {
        for (const subject of deriveSubjects(ingestText(f.text, f.name), KNOWLEDGE)) {
          const verdict = await engine.evaluate(subject.kind, subject.facts);
          for (const sig of signatures.filter((s) => s.subject === subject.kind)) {
            const trace = await traceSignature(sig, subject.facts);
            const where = `${sig.slug} on ${subject.kind} ${subject.id} of ${owner.slug}/${f.kind}/${f.name}`;
            expect(trace.matched, where).toBe(verdict.matched.has(sig.slug));
            expect(trace.required.result, where).toBe(trace.matched);
            expect(consistent(trace.required), where).toBe(true);
            for (const e of trace.evidence) expect(e.condition.result === e.result && consistent(e.condition), `${where} #${e.id}`).toBe(true);
            compared++;
            if (!trace.matched) continue;
            matched++;
            for (const e of trace.evidence) expect(e.result, `${where} #${e.id}`).toBe(verdict.passed.has(evidenceRuleName(sig.slug, e.id)));
          }
        }
      }
    }
    // Every positive fixture gives its own signature at least once, so the matched side is exercised too.
    const positives = signatures.reduce((n, s) => n + fixtures(s.slug, 'positive').length, 0);
    expect(matched).toBeGreaterThanOrEqual(positives);
    expect(compared).toBeGreaterThan(matched);
  });
});

describe('traceSignature on a hand-made subject', () => {
  const sig: Signature = {
    ...signature('iowi-tracks-driver-tag'),
    slug: 'trace-probe',
    conditions: {
      all: [
        { fact: 'pool', path: '$.nonpagedAllocs', operator: 'greaterThanInclusive', value: 10000 },
        { not: { fact: 'tag', path: '$.name', operator: 'equal', value: 'IoWI' } },
        { fact: 'pool', path: '$.nonpagedAllocs', operator: 'greaterThan', value: { fact: 'iowi', path: '$.allocs' } },
      ],
    },
    confidence: {
      base: 0.4,
      confirmed: 0.6,
      evidence: [{ id: 'growing', description: 'grew', weight: 0.2, condition: { fact: 'growth', path: '$.growing', operator: 'isTrue', value: true } }],
    },
  };
  const leaves = (n: TraceNode): TraceNode[] => (n.kind === 'leaf' ? [n] : n.kind === 'not' ? [n, ...leaves(n.item)] : [n, ...n.items.flatMap(leaves)]);

  it('gives each leaf the value it read, resolves a fact reference, marks an absent fact and a not group', async () => {
    const t = await traceSignature(sig, { pool: { nonpagedAllocs: 52614 }, tag: { name: 'Xmpl' }, iowi: { allocs: 60000 } });
    expect(t.matched).toBe(false);
    const [root, allocs, not, name, ref] = leaves(t.required);
    expect(root).toMatchObject({ kind: 'all', result: false });
    expect(allocs).toMatchObject({ kind: 'leaf', fact: 'pool', path: '$.nonpagedAllocs', expected: 10000, present: true, actual: 52614, result: true });
    expect(not).toMatchObject({ kind: 'not', result: true });
    expect(name).toMatchObject({ kind: 'leaf', actual: 'Xmpl', result: false });
    expect(ref).toMatchObject({ kind: 'leaf', expected: { fact: 'iowi', path: '$.allocs' }, expectedValue: 60000, actual: 52614, result: false });
    // Evidence is evaluated even though the required conditions fail: the growth fact is absent.
    expect(t.evidence).toEqual([
      { id: 'growing', description: 'grew', weight: 0.2, result: false, condition: { kind: 'leaf', fact: 'growth', path: '$.growing', operator: 'isTrue', expected: true, present: false, result: false } },
    ]);
  });

  it('matches when every required leaf holds', async () => {
    const t = await traceSignature(sig, { pool: { nonpagedAllocs: 52614 }, tag: { name: 'Xmpl' }, iowi: { allocs: 400 }, growth: { growing: true } });
    expect(t.matched).toBe(true);
    expect(t.required.result).toBe(true);
    expect(t.evidence[0]!.result).toBe(true);
  });
});

describe('traceSignature from the library', () => {
  it('traces a subject of a report made with withFacts: amda of the ACP !poolused capture', async () => {
    const lib = await import('../../engine/index.js');
    const [f] = fixtures('iowi-tracks-driver-tag', 'positive');
    const report = await lib.analyze(f!.text, { signatures }, { withFacts: true });
    const amda = report.subjects!.find((s) => s.kind === 'tag' && s.id === 'amda')!;
    const t = await lib.traceSignature(signature('iowi-tracks-driver-tag'), amda.facts);
    expect(t.matched).toBe(true);
    // 5768754 amda allocations in the capture's !poolused row.
    const root = t.required as Extract<TraceNode, { items: TraceNode[] }>;
    expect(root.items.find((n) => n.kind === 'leaf' && n.path === '$.nonpagedAllocs')).toMatchObject({ actual: 5768754, result: true });
  });
});
