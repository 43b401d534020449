// Who owns a pool tag, by graded proof: _FX_DRIVER_GLOBALS.Tag or a printed Driver Tag, then a driver frame
// allocating through the framework, then the KMDF name rule; a pooltag.txt owner naming another binary vetoes
// the name rule. Real transcripts: the ACP case and nickkuo's conditional-breakpoint stack.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { deriveTagSubjects } from '../../engine/derive/tag-subjects.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const tagFacts = (text: string, tag: string, poolTags?: Array<{ tag: string; binary?: string; description: string; origin: 'pooltag.txt' }>) =>
  deriveTagSubjects(ingestText(text), KNOWLEDGE, poolTags ? { poolTags } : {}).find((s) => s.id === tag)!.facts['tag'] as Record<string, unknown>;

describe('tag owner proof', () => {
  it('the ACP case proves amda by the driver globals the transcript dumps', () => {
    expect(tagFacts(read('../../site/cases/acp-workitem-leak/transcript.log'), 'amda')).toMatchObject({ driver: 'amdacpbus2', driverProof: 'fx-driver-globals', kmdfDriverTag: true });
  });

  it('a breakpoint stack that allocates through FxPoolAllocator from amdacpbus2 proves it without globals', () => {
    expect(tagFacts(read('../corpus/leak/nickkuo-acp-amda-bp-exallocatepool2-dpc-stack.txt'), 'amda')).toMatchObject({ driver: 'amdacpbus2', driverProof: 'wdf-stack' });
  });

  it('a pooltag.txt owner naming another binary vetoes the name rule', () => {
    // The stack's frames without its allocation: amdacpbus2 is seen, but only the name rule ties it to amda.
    const text = read('../corpus/leak/nickkuo-acp-amda-bp-exallocatepool2-dpc-stack.txt');
    const noStack = text.split('\n').filter((l) => !/^0[0-8] /.test(l)).join('\n');
    expect(tagFacts(noStack, 'amda')).toMatchObject({ driver: 'amdacpbus2', driverProof: 'name-rule' });
    const owned = tagFacts(noStack, 'amda', [{ tag: 'amda', binary: 'amdfendr.sys', description: 'AMD filter', origin: 'pooltag.txt' }]);
    expect(owned['driverProof']).toBe('pooltag');
    expect(owned['drivers']).toEqual(['amdfendr']);
  });
});
