// A rule pack is untrusted input: its `matches` operands must compile and run in linear time, stay
// under 1 KB, and its condition trees stay at most 32 deep; each refusal names the JSON pointer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRuleError } from '../../engine/validate/messages.js';
import { builtinSchemas } from '../../engine/validate/schemas.js';
import { validateRules } from '../../engine/validate/validate-rules.js';

const BASE = readFileSync(new URL('../fixtures/rules/valid/rules/signatures/workitem-dpc.json', import.meta.url), 'utf8');
const REFERENCE = { fxTypes: new Set(['FX_TYPE_OBJECT', 'FX_TYPE_WORKITEM', 'FX_TYPE_TIMER']), apis: new Set(['WdfWorkItemCreate', 'WdfObjectDelete', 'WdfTimerCreate']) };

function run(conditions: unknown): string[] {
  const s = JSON.parse(BASE);
  s.conditions = conditions;
  const files = [{ path: 'rules/signatures/workitem-dpc.json', text: JSON.stringify(s, null, 2) }];
  const assets = ['rules/signatures/workitem-dpc.md', 'rules/signatures/workitem-dpc/positive/a.log', 'rules/signatures/workitem-dpc/negative/b.txt'];
  return validateRules({ schemas: builtinSchemas(), reference: REFERENCE, files, assets }).map((e) => formatRuleError(e));
}
const matches = (value: string) => ({ all: [{ fact: 'tag', path: '$.name', operator: 'matches', value }] });

describe('rules validate: regex and depth limits', () => {
  it('accepts a safe pattern', () => {
    expect(run(matches('^amd[a-z]$')).filter((e) => e.includes('regular expression'))).toEqual([]);
  });
  for (const [what, pattern, expected] of [
    ['a super-linear pattern', '^(a+)+$', /\/conditions\/all\/0\/value: regular expression rejected.*nested|\/conditions\/all\/0\/value: regular expression rejected/],
    ['an invalid pattern', '(unclosed', /\/conditions\/all\/0\/value: regular expression rejected.*not a valid regular expression/],
    ['a pattern over 1 KB', `^${'a'.repeat(1100)}$`, /\/conditions\/all\/0\/value: regular expression rejected.*longer than 1024/],
  ] as const) {
    it(`rejects ${what} with its JSON pointer`, () => {
      const errs = run(matches(pattern));
      expect(errs.some((e) => expected.test(e)), errs.join('\n')).toBe(true);
    });
  }
  it('rejects conditions nested deeper than 32', () => {
    let c: unknown = { fact: 'tag', path: '$.name', operator: 'equal', value: 'x' };
    for (let i = 0; i < 40; i++) c = { all: [c] };
    const errs = run(c);
    expect(errs.some((e) => /nested deeper than 32/.test(e)), errs.join('\n')).toBe(true);
  });
});
