// How the corpus runner judges a transcript: literal values found among the facts in any notation, a leak
// named only by an expected signature with the expected subject, regressions against the recorded state.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { factKeys, isKept } from '../../engine/corpus/values.js';
import { namesSubject, regressions, scoreboard, type CorpusEntry, type CorpusRecord } from '../../engine/corpus/score.js';
import type { Finding } from '../../engine/types/findings.js';

const POOLUSED = [
  '0: kd> !poolused 2',
  ' Sorting by NonPaged Pool Consumed',
  '',
  ' Tag     Allocs         Used     Allocs         Used',
  " amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt",
  '0: kd> dd ffffda000f16ed30 L2',
  'ffffda00`0f16ed30  00000014 61646d61',
].join('\n');
const keys = factKeys(ingestText(POOLUSED));

describe('literal values kept', () => {
  it('finds numbers whatever their notation, and names', () => {
    for (const v of ['5768754', '5,768,754', '1938325232', '0x73887ef0', 'amda', 'ffffda00`0f16ed30', '0xffffda000f16ed30']) expect(isKept(v, keys), v).toBe(true);
  });

  it('reads phrases by their value words and memory by its printed values', () => {
    expect(isKept('Allocs 5768754', keys)).toBe(true);
    expect(isKept('61646d61', keys)).toBe(true); // kept as bytes 61 6d 64 61 in memory order
    expect(isKept('Tag \'amda\'', keys)).toBe(true);
  });

  it('does not find what the transcript does not hold', () => {
    for (const v of ['5768755', 'amdb', 'Allocs 42', 'Excessive NonPaged Pool Usage']) expect(isKept(v, keys), v).toBe(false);
  });
});

const finding = (slug: string, subject: Finding['subject']): Finding => ({ signature: { slug }, severity: 'high', subject, evidence: [{ lines: [3, 3] }] }) as unknown as Finding;

describe('named leaks and regressions', () => {
  it('names the subject by tag, driver without .sys, bug check in any hex notation', () => {
    expect(namesSubject(finding('x', { kind: 'unload', id: 'echosrv.sys', driver: 'echosrv', bugcheck: '0xC4', bugcheckArg1: '0x62' }), { driver: 'echosrv.sys', bugcheck: '0xc4', bugcheckArg1: '62' })).toBe(true);
    expect(namesSubject(finding('x', { kind: 'tag', id: 'amda', tag: 'amda' }), { tag: 'Amda' })).toBe(false);
  });

  const record = (over: Partial<CorpusRecord>): CorpusRecord => ({ blocks: 2, parsedBlocks: 2, refused: false, valuesKept: ['a', 'b'], valuesMissed: [], named: true, findings: [], uncited: [], ...over });
  const entry = (kind: 'leak' | 'clean', recorded: CorpusRecord): CorpusEntry => ({ name: `${kind}/x`, kind, expect: { signatures: ['s'], values: ['a', 'b'] }, recorded });

  it('reports what got worse, and nothing when nothing did', () => {
    expect(regressions(entry('leak', record({})), record({}))).toEqual([]);
    expect(regressions(entry('leak', record({})), record({ valuesKept: ['a'], valuesMissed: ['b'], named: false, parsedBlocks: 1 }))).toEqual([
      'parsed blocks 2 → 1',
      'value no longer kept: b',
      'leak no longer named with its subject',
    ]);
    expect(regressions(entry('clean', record({ findings: [] })), record({ findings: ['s amda'] }))).toEqual(['new finding on a clean transcript: s amda']);
  });

  it('adds up the scoreboard with true and false positives per signature', () => {
    const board = scoreboard([
      { entry: entry('leak', record({})), record: record({ findings: ['s amda'] }) },
      { entry: entry('clean', record({})), record: record({ findings: ['t x'] }) },
    ]);
    expect(board).toMatchObject({ transcripts: 2, leak: 1, clean: 1, cleanFindings: 1, named: { leak: 1, of: 1 }, signatures: { s: { truePositives: 1 }, t: { falsePositives: 1 } } });
  });
});
