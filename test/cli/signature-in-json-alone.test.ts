// A contributor adds a leak signature with JSON, a doc page and fixtures only: in a temporary copy of the
// rules tree, a throw-away signature over existing facts (and a reference value) passes `rules validate`,
// its fixtures pass `rules test --rules`, and `analyze --rules` reports it. No engine file is touched.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);

const SLUG = 'scratch-iowi-gigabyte';
const tree = join(mkdtempSync(join(tmpdir(), 'wdfleak-json-alone-')), 'tree');
const sigs = join(tree, 'rules', 'signatures');
const iowiFixture = (kind: string, name: string): string => join(ROOT, 'rules/signatures/iowi-tracks-driver-tag', kind, name);

const signature = (value: unknown) => ({
  $schema: '../../schemas/signature.schema.json',
  id: 'WDFLEAK-0900',
  slug: SLUG,
  title: 'A tag holding a gigabyte of nonpaged pool moves one for one with IoWI',
  status: 'test',
  severity: 'medium',
  subject: 'tag',
  fxTypes: ['FX_TYPE_WORKITEM'],
  apis: ['WdfWorkItemCreate'],
  description: 'Throw-away signature of the test that proves a signature needs no engine change.',
  lifetimeRule: 'A WDFWORKITEM and its IO_WORKITEM are freed together when the work item is deleted.',
  remediation: ['Delete the work item when its callback is done.'],
  references: [{ title: 'WdfWorkItemCreate', url: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdfworkitem/nf-wdfworkitem-wdfworkitemcreate' }],
  confidence: { base: 0.4, confirmed: 0.5, evidence: [{ id: 'unknown-tag', description: 'pooltag.txt does not know the tag', weight: 0.1, condition: { fact: 'tag', path: '$.unknownInPooltag', operator: 'equal', value: true } }] },
  nextSteps: [{ command: '!poolfind {tag.name} -nonpaged', why: 'lists the blocks of the tag' }],
  conditions: {
    all: [
      { fact: 'companion', path: '$.iowiRatio', operator: 'between', value },
      { fact: 'pool', path: '$.nonpagedBytes', operator: 'greaterThanInclusive', value: 1073741824 },
    ],
  },
  event: { type: 'wdf-leak', params: { bucket: 'SCRATCH_{tag.name}', message: '{tag.name} holds {pool.nonpagedBytes|bytes} with IoWI at {companion.iowiAllocs|count}' } },
});

describe('a signature written in JSON alone', () => {
  beforeAll(() => {
    cpSync(join(ROOT, 'rules'), join(tree, 'rules'), { recursive: true });
    cpSync(join(ROOT, 'schemas'), join(tree, 'schemas'), { recursive: true });
    writeFileSync(join(sigs, `${SLUG}.json`), JSON.stringify(signature({ reference: 'thresholds#oneForOne' }), null, 2));
    writeFileSync(join(sigs, `${SLUG}.md`), `# ${SLUG}\n\nThrow-away page of a test.\n`);
    mkdirSync(join(sigs, SLUG, 'positive'), { recursive: true });
    mkdirSync(join(sigs, SLUG, 'negative'), { recursive: true });
    // amda: 1,938,325,232 bytes, 5,768,754 allocations against IoWI 5,769,999 (ratio 0.9998).
    copyFileSync(iowiFixture('positive', 'acp-poolused-only.log'), join(sigs, SLUG, 'positive', 'acp.log'));
    // NxRx: 131,587 allocations against IoWI 20,455, and 80 MB: neither condition holds.
    copyFileSync(iowiFixture('negative', 'iowi-not-one-for-one.log'), join(sigs, SLUG, 'negative', 'not-one-for-one.log'));
  });

  it('passes rules validate, rules test and analyze without any engine change', () => {
    const v = wdfleak(['rules', 'validate', '--root', tree], { cwd: tree });
    expect(v.stderr + v.stdout).toContain('✓ rules valid');
    expect(v.status).toBe(0);

    const t = wdfleak(['rules', 'test', '--rules', sigs, '--rules-only', SLUG]);
    expect(t.stdout).toMatch(/^ok +WDFLEAK-0900 scratch-iowi-gigabyte positive .*acp\.log/m);
    expect(t.stdout).toMatch(/^ok +WDFLEAK-0900 scratch-iowi-gigabyte negative .*not-one-for-one\.log/m);
    expect(t.status).toBe(0);

    const a = wdfleak(['analyze', '--rules', sigs, '--format', 'json', join(sigs, SLUG, 'positive', 'acp.log')]);
    expect(a.status).toBe(0);
    const mine = (JSON.parse(a.stdout) as { findings: Array<{ signature: { slug: string }; bucket: string; confidence: { level: string } }> }).findings.filter((f) => f.signature.slug === SLUG);
    // base 0.4 + unknown-tag 0.1 reaches confirmed (0.5): amda is an UNKNOWN pooltag in the listing.
    expect(mine.map((f) => [f.bucket, f.confidence.level])).toEqual([['SCRATCH_amda', 'confirmed']]);
  });

  it('names an unknown reference: rules validate with the pointer and the names defined, analyze as an input error', () => {
    const bad = join(tree, '..', 'bad');
    cpSync(tree, bad, { recursive: true });
    writeFileSync(join(bad, 'rules/signatures', `${SLUG}.json`), JSON.stringify(signature({ reference: 'thresholds#oneToOne' }), null, 2));
    const v = wdfleak(['rules', 'validate', '--root', bad], { cwd: bad });
    expect(v.status).toBe(2);
    expect(v.stderr + v.stdout).toMatch(/scratch-iowi-gigabyte\.json \/conditions\/all\/0\/value: unknown reference 'thresholds#oneToOne': rules\/reference defines .*thresholds#oneForOne/);
    const a = wdfleak(['analyze', '--rules', join(bad, 'rules/signatures'), join(sigs, SLUG, 'positive', 'acp.log')]);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/scratch-iowi-gigabyte\.json.*\/conditions\/all\/0\/value: unknown reference 'thresholds#oneToOne'/);
  });
});
