// The fact types are generated from schemas/facts.schema.json (scripts/generate-types.mjs), not kept by
// hand beside it: the committed engine/types/generated/*.ts must be exactly what the schema gives today.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { emptyFacts } from '../../engine/facts/document.js';
import type { FactCollection, FactRecordMap, FactsDocument, PoolUsageFact, Provenance, StackFact } from '../../engine/types/facts.js';
import { ROOT } from '../cli/run.js';

const SCRIPT = join(ROOT, 'scripts', 'generate-types.mjs');

describe('generated fact types', () => {
  it('are up to date with the schema (run `npm run generate:types` after changing it)', () => {
    const fresh = execFileSync(process.execPath, [SCRIPT, '--print', 'facts'], { cwd: ROOT, encoding: 'utf8' });
    const committed = readFileSync(join(ROOT, 'engine/types/generated/facts.ts'), 'utf8');
    expect(committed === fresh, 'engine/types/generated/facts.ts is stale: run npm run generate:types').toBe(true);
    const check = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  }, 60_000);

  it('say so at the top and carry the schema descriptions', () => {
    const text = readFileSync(join(ROOT, 'engine/types/generated/facts.ts'), 'utf8');
    expect(text.split('\n')[0]).toContain('Generated from schemas/facts.schema.json');
    expect(text).toContain('Hexadecimal digits without 0x and without the WinDbg backtick.');
    expect(text).toMatch(/export type LineRange = \[LineNumber, LineNumber\]/);
  });

  it('give every array of the document but sources as a collection', () => {
    const arrays = Object.entries(emptyFacts())
      .filter(([k, v]) => Array.isArray(v) && k !== 'sources')
      .map(([k]) => k)
      .sort();
    const collections: FactCollection[] = ['poolUsage', 'stacks', 'wdfHandles', 'diagnostics'];
    for (const c of collections) expect(arrays).toContain(c);
    expect(arrays.length).toBe(25);
  });

  it('type the collections with their record types (checked by tsc)', () => {
    expectTypeOf<FactRecordMap['poolUsage']>().toEqualTypeOf<PoolUsageFact>();
    expectTypeOf<FactRecordMap['stacks']>().toEqualTypeOf<StackFact>();
    expectTypeOf<FactsDocument['poolUsage']>().toEqualTypeOf<PoolUsageFact[]>();
    expectTypeOf<Provenance['lines']>().toEqualTypeOf<[number, number]>();
  });
});
