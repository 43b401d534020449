import { describe, expect, it } from 'vitest';
import { formatJson, stableStringify } from '../../engine/report/json.js';
import { acpReport } from './sample-report.js';

describe('stableStringify', () => {
  it('orders keys the same whatever order the object was built in', () => {
    const a = { zeta: 1, alpha: { d: 1, c: 2 }, id: 'x' };
    const b = { alpha: { c: 2, d: 1 }, id: 'x', zeta: 1 };
    expect(stableStringify(a)).toBe(stableStringify(b));
    // `id` is one of the keys printed first; the rest are alphabetical.
    expect(stableStringify(a)).toBe('{"id":"x","alpha":{"c":2,"d":1},"zeta":1}');
  });

  it('drops undefined, keeps null, turns non-finite numbers into null and Maps into objects', () => {
    expect(stableStringify({ a: undefined, b: null, c: Infinity, m: new Map([['k', 1]]) })).toBe('{"b":null,"c":null,"m":{"k":1}}');
  });

  it('keeps array order (it carries meaning: findings are sorted by severity)', () => {
    expect(stableStringify([3, 1, 2])).toBe('[3,1,2]');
  });

  it('prints a report byte-identically twice, with signature, severity and confidence first in a finding', () => {
    const one = formatJson(acpReport());
    const two = formatJson(JSON.parse(JSON.stringify(acpReport())));
    expect(one).toBe(two);
    expect(one.endsWith('}\n')).toBe(true);
    const finding = one.slice(one.indexOf('"findings"'));
    const keys = ['"signature"', '"severity"', '"confidence"', '"subject"', '"bucket"', '"summary"', '"description"'];
    const positions = keys.map((k) => finding.indexOf(k));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(one.indexOf('"tool"')).toBeLessThan(one.indexOf('"findings"'));
  });
});
