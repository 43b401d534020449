// Reference values in conditions: `{"reference": "<file>#<name>"}` is the data of rules/reference,
// put in place when a signature is compiled, so the engine compares with plain values.
import { describe, expect, it } from 'vitest';
import { compileSignature, resolveReferences } from '../../engine/signatures/compile.js';
import { createSignatureEngine } from '../../engine/signatures/rule-engine.js';
import { REFERENCE_NAMES, referenceValue } from '../../engine/reference/named-values.js';
import type { Condition, Signature } from '../../engine/types/signature.js';
import { signature } from './fixtures.js';

const elevated: Condition = { fact: 'creation', path: '$.context', operator: 'in', value: { reference: 'execution-contexts#elevated' } };

describe('reference values', () => {
  it('names the context groups, thresholds, system modules and companion tags of rules/reference', () => {
    // rules/reference/execution-contexts.json groups → elevated: isr, timer-dpc, dpc (DISPATCH_LEVEL or above).
    expect(referenceValue('execution-contexts#elevated')).toEqual(['isr', 'timer-dpc', 'dpc']);
    expect(referenceValue('thresholds#oneForOne')).toEqual([0.9, 1.1]);
    expect(referenceValue('thresholds#pairMinAllocations')).toBe(100);
    expect(referenceValue('system-modules#modules')).toEqual(expect.arrayContaining(['nt', 'wdf01000', 'verifierext', 'ndis']));
    // WdfWorkItemCreate owns an IO_WORKITEM (IoWI), WdfRequestCreate an IRP (Irp).
    expect(referenceValue('wdf-object-apis#companionTags')).toEqual(['IoWI', 'Irp']);
    expect(REFERENCE_NAMES).toContain('execution-contexts#passive');
  });

  it('replaces a reference with its data at any depth and leaves the signature itself alone', () => {
    const tree: Condition = { all: [{ any: [{ not: elevated }] }] };
    expect(resolveReferences(tree)).toEqual({ all: [{ any: [{ not: { ...elevated, value: ['isr', 'timer-dpc', 'dpc'] } }] }] });
    expect((tree as { all: [{ any: [{ not: Condition }] }] }).all[0].any[0].not).toBe(elevated);
    const sig = signature('workitem-created-in-dpc');
    const [required] = compileSignature(sig);
    expect(JSON.stringify(required!.conditions)).toContain('["isr","timer-dpc","dpc"]');
    expect(JSON.stringify(sig.conditions)).toContain('{"reference":"execution-contexts#elevated"}');
  });

  it('refuses to compile a reference no file defines', () => {
    expect(() => resolveReferences({ ...elevated, value: { reference: 'execution-contexts#hot' } } as Condition)).toThrow(
      /unknown reference 'execution-contexts#hot': rules\/reference defines .*execution-contexts#elevated/,
    );
  });

  it('matches a timer DPC and an ISR but not a work item through the cited group', async () => {
    const sig = { ...signature('workitem-created-in-dpc'), slug: 'ctx', confidence: { base: 0.5, confirmed: 0.9, evidence: [] }, conditions: { all: [elevated] } } as Signature;
    const engine = createSignatureEngine([sig]);
    const run = async (context: string) => (await engine.evaluate('tag', { creation: { context } })).matched.has('ctx');
    expect(await run('timer-dpc')).toBe(true);
    expect(await run('isr')).toBe(true);
    expect(await run('passive-worker')).toBe(false);
    expect(await run('io-dispatch')).toBe(false);
  });
});
