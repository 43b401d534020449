// The types of facts, signatures, findings and the reference tables are generated from their JSON Schemas
// (scripts/generate-types.mjs), not kept by hand beside them: the committed engine/types/generated/*.ts
// must be exactly what the schemas give today.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { emptyFacts } from '../../engine/facts/document.js';
import type { FactCollection, FactRecordMap, FactsDocument, PoolUsageFact, Provenance, StackFact } from '../../engine/types/facts.js';
import type { Condition, Signature, SubjectKind } from '../../engine/types/signature.js';
import type { Report } from '../../engine/types/findings.js';
import type { Irql, LayoutArch } from '../../engine/types/reference.js';
import { ROOT } from '../cli/run.js';

const SCRIPT = join(ROOT, 'scripts', 'generate-types.mjs');

describe('generated types', () => {
  const names = readdirSync(join(ROOT, 'engine/types/generated')).map((f) => f.replace(/\.ts$/, '')).sort();

  it('cover facts, signatures, findings and the reference tables', () => {
    expect(names).toEqual(['fact-catalogue', 'fact-examples', 'facts', 'findings', 'fx-types', 'layout', 'pool-tags', 'signature', 'wdf-object-apis']);
  });

  it.each(names)('%s is up to date with its schema (run `npm run generate:types` after changing it)', (name) => {
    const fresh = execFileSync(process.execPath, [SCRIPT, '--print', name], { cwd: ROOT, encoding: 'utf8' });
    const committed = readFileSync(join(ROOT, `engine/types/generated/${name}.ts`), 'utf8');
    expect(committed === fresh, `engine/types/generated/${name}.ts is stale: run npm run generate:types`).toBe(true);
  }, 60_000);

  it('--check passes on the repository', () => {
    const check = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  }, 60_000);

  it('turn the schema idioms into precise types (checked by tsc)', () => {
    expectTypeOf<Signature['severity']>().toEqualTypeOf<'critical' | 'high' | 'medium' | 'low' | 'info'>();
    expectTypeOf<Extract<Condition, { not: unknown }>['not']>().toEqualTypeOf<Condition>();
    expectTypeOf<Report['subjects']>().toEqualTypeOf<Array<{ kind: SubjectKind; id: string; facts: Record<string, unknown> }> | undefined>();
    expectTypeOf<LayoutArch>().toEqualTypeOf<'x64' | 'x86'>();
    expectTypeOf<Irql>().toEqualTypeOf<'PASSIVE_LEVEL' | 'APC_LEVEL' | 'DISPATCH_LEVEL'>();
  });

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
    // Every array the schema declares (but sources) is one, so a new collection needs no count updated here.
    const schema = JSON.parse(readFileSync(new URL('../../schemas/facts.schema.json', import.meta.url), 'utf8')) as { properties: Record<string, { type?: string }> };
    expect(arrays).toEqual(Object.entries(schema.properties).filter(([k, v]) => v.type === 'array' && k !== 'sources').map(([k]) => k).sort());
  });

  it('type the collections with their record types (checked by tsc)', () => {
    expectTypeOf<FactRecordMap['poolUsage']>().toEqualTypeOf<PoolUsageFact>();
    expectTypeOf<FactRecordMap['stacks']>().toEqualTypeOf<StackFact>();
    expectTypeOf<FactsDocument['poolUsage']>().toEqualTypeOf<PoolUsageFact[]>();
    expectTypeOf<Provenance['lines']>().toEqualTypeOf<[number, number]>();
  });
});
