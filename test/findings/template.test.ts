import { describe, expect, it } from 'vitest';
import { fill, fillLoose, templateParts } from '../../engine/findings/template.js';

const facts = { tag: { name: 'amda' }, pool: { nonpagedAllocs: 5768754, nonpagedBytes: 1938325232 }, list: ['a', 'b'] };

describe('templates', () => {
  it('fills placeholders and formats bytes and counts through the one formatter', () => {
    expect(fill('{tag.name}: {pool.nonpagedAllocs|count} allocations, {pool.nonpagedBytes|bytes}', facts)).toBe(
      'amda: 5,768,754 allocations, 1.8 GiB (1,938,325,232 bytes)',
    );
    expect(fill('{pool.nonpagedAllocs}', facts)).toBe('5768754');
    expect(fill('{list}', facts)).toBe('a, b');
  });

  it('yields undefined when a value is missing, and the loose fill names it', () => {
    expect(fill('{pool.pagedBytes|bytes}', facts)).toBeUndefined();
    expect(fillLoose('{pool.pagedBytes|bytes} of {tag.name}', facts)).toBe('<pagedBytes> of amda');
  });

  it('leaves an unknown format alone (not a placeholder)', () => {
    expect(fill('{tag.name|upper}', facts)).toBe('{tag.name|upper}');
  });

  it('shows the placeholder with its format on the site', () => {
    expect(templateParts('x {pool.nonpagedBytes|bytes} y')).toEqual([
      { text: 'x ', placeholder: false },
      { text: 'pool.nonpagedBytes|bytes', placeholder: true },
      { text: ' y', placeholder: false },
    ]);
  });
});

describe('the bundled signatures', () => {
  it('state pool sizes in binary units, not "MB"', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../rules/signatures/', import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      expect(text, name).not.toMatch(/\} MB\b|nonpagedMB\} /);
    }
  });
});
