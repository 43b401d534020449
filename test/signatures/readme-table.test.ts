// README's "The signatures" table is generated from rules/signatures/*.json (npm run generate:readme):
// this fails when a signature was added, renamed or promoted without regenerating it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { BEGIN, END, readSignatures, signatureTable, withSignatureTable } from '../../scripts/generate-readme.mjs';

const README = new URL('../../README.md', import.meta.url);

describe('README signature table', () => {
  it('is what npm run generate:readme writes from rules/signatures', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withSignatureTable(readme, readSignatures()), 'README.md is stale: run npm run generate:readme').toBe(readme);
  });

  it('has one row per signature, by id, with its doc link, status, severity and title', () => {
    const sigs = [
      { id: 'WDFLEAK-0002', slug: 'b-sig', status: 'test', severity: 'medium', title: 'B | with a pipe' },
      { id: 'WDFLEAK-0001', slug: 'a-sig', status: 'stable', severity: 'high', title: 'A' },
    ];
    expect(signatureTable(sigs).split('\n')).toEqual([
      '| id | slug | status | severity | what it finds |',
      '|---|---|---|---|---|',
      '| WDFLEAK-0001 | [`a-sig`](rules/signatures/a-sig.md) | stable | high | A |',
      '| WDFLEAK-0002 | [`b-sig`](rules/signatures/b-sig.md) | test | medium | B \\| with a pipe |',
    ]);
    const stale = `x\n${BEGIN}\n| old |\n${END}\ny`;
    expect(withSignatureTable(stale, sigs)).toBe(`x\n${BEGIN}\n${signatureTable(sigs)}\n${END}\ny`);
    expect(() => withSignatureTable('no markers', sigs)).toThrow(/lacks the markers/);
  });
});
