// Signature conditions in words, on the real work-item signature and on each operator.
import { describe, expect, it } from 'vitest';
import { conditionInWords, groupLead, toSentence, valueInWords } from '../../engine/signatures/describe.js';
import type { Condition } from '../../engine/types/signature.js';
import { signaturesOnDisk } from '../site/helpers.js';

const leaf = (operator: string, value: unknown, path = '$.x'): Condition => ({ fact: 'f', path, operator, value });

describe('conditionInWords', () => {
  it.each([
    ['equal', 'DPC', 'f.x is "DPC"'],
    ['notEqual', 3, 'f.x is not 3'],
    ['lessThan', 3, 'f.x is less than 3'],
    ['lessThanInclusive', 3, 'f.x is at most 3'],
    ['greaterThan', 3, 'f.x is more than 3'],
    ['greaterThanInclusive', 10000, 'f.x is at least 10000'],
    ['in', ['DPC', 'ISR', 'timer'], 'f.x is one of "DPC", "ISR" or "timer"'],
    ['notIn', ['DPC', 'ISR'], 'f.x is none of "DPC" nor "ISR"'],
    ['contains', 'WdfWorkItemCreate', 'f.x contains "WdfWorkItemCreate"'],
    ['doesNotContain', 'WdfObjectDelete', 'f.x does not contain "WdfObjectDelete"'],
    ['matches', '^imp_Wdf', 'f.x matches the pattern "^imp_Wdf"'],
    ['between', [0.9, 1.1], 'f.x is between 0.9 and 1.1'],
    ['isTrue', true, 'f.x is true'],
    ['isTrue', false, 'f.x is false'],
    ['exists', true, 'f.x is present'],
    ['exists', false, 'f.x is absent'],
    ['equal', true, 'f.x is true'],
    ['equal', false, 'f.x is false'],
    ['somethingNew', 1, 'f.x somethingNew (operator) 1'],
  ])('%s %j', (operator, value, sentence) => {
    expect(toSentence(conditionInWords(leaf(operator, value)))).toBe(sentence);
  });

  it('names the fact alone when there is no path, and indexes with brackets', () => {
    expect(toSentence(conditionInWords({ fact: 'growing', operator: 'equal', value: true }))).toBe('growing is true');
    expect(toSentence(conditionInWords(leaf('equal', 1, '$[0].size')))).toBe('f[0].size is 1');
  });

  it('compares with another fact by name', () => {
    expect(toSentence(conditionInWords(leaf('greaterThan', { fact: 'iowi', path: '$.allocs' })))).toBe('f.x is more than the fact iowi.allocs');
  });

  it('keeps nesting and collapses one-item groups', () => {
    const c: Condition = {
      all: [
        { any: [leaf('equal', 1), leaf('equal', 2)] },
        { all: [leaf('exists', true)] },
        { not: leaf('equal', 'ISR') },
      ],
    };
    const words = conditionInWords(c);
    expect(words.kind).toBe('all');
    expect(groupLead(words)).toBe('All of these hold:');
    expect(toSentence(words)).toBe('(f.x is 1 or f.x is 2) and f.x is present and not (f.x is "ISR")');
  });

  it('reads the real work-item signature', () => {
    const sig = signaturesOnDisk().find((s) => s.slug === 'workitem-created-in-dpc');
    expect(sig).toBeDefined();
    const sentence = toSentence(conditionInWords(sig!.conditions));
    // Checked against rules/signatures/workitem-created-in-dpc.json by hand when written; the
    // structure (any / DPC flag / any of the volume checks) is what must survive edits.
    expect(sentence).toContain('creation.context is one of "isr", "timer-dpc" or "dpc" (execution-contexts#elevated)');
    expect(sentence).toMatch(/^\(.+ or .+\) and creation\.context is one of .+ \(execution-contexts#elevated\) and \(.+ or .+\)$/);
  });

  it('renders every condition of every signature without an unknown operator', () => {
    const walk = (c: Condition): string[] =>
      'all' in c ? c.all.flatMap(walk) : 'any' in c ? c.any.flatMap(walk) : 'not' in c ? walk(c.not) : [toSentence(conditionInWords(c))];
    const sentences = signaturesOnDisk().flatMap((s) => [
      ...walk(s.conditions),
      ...(s.confidence?.evidence ?? []).flatMap((e) => walk(e.condition)),
    ]);
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.filter((t) => t.includes('(operator)'))).toEqual([]);
  });
});

describe('valueInWords', () => {
  it('joins lists and quotes strings', () => {
    expect(valueInWords([])).toBe('nothing');
    expect(valueInWords(['a'])).toBe('"a"');
    expect(valueInWords([1, 2], 'and')).toBe('1 and 2');
    expect(valueInWords(null)).toBe('null');
    expect(valueInWords({ a: 1 })).toBe('{"a":1}');
  });
});
