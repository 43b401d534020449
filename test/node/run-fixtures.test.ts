import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtures, subsetMismatch } from '../../engine/node/run-fixtures.js';
import { loadRulePack } from '../../engine/node/rule-pack.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const ACP_POOLUSED = join(ROOT, 'test/fixtures/cases/acp-poolused-only.log');

describe('subsetMismatch', () => {
  it('is undefined when every expected key matches, order-free for lists', () => {
    const finding = { confidence: { level: 'suspected', score: 0.45 }, subject: { tag: 'amda', kind: 'tag' }, nextSteps: [{ command: 'a' }, { command: 'b' }] };
    expect(subsetMismatch({ confidence: { level: 'suspected' }, subject: { tag: 'amda' } }, finding, '')).toBeUndefined();
    expect(subsetMismatch({ nextSteps: [{ command: 'b' }] }, finding, '')).toBeUndefined();
  });

  it('names the first path that differs', () => {
    const finding = { confidence: { level: 'suspected' }, subject: { tag: 'amda' }, nextSteps: [{ command: 'a' }] };
    expect(subsetMismatch({ confidence: { level: 'confirmed' } }, finding, '')).toBe('confidence.level: expected "confirmed", got "suspected"');
    expect(subsetMismatch({ subject: { driver: 'x' } }, finding, '')).toBe('subject.driver: expected "x", got nothing');
    expect(subsetMismatch({ nextSteps: [{ command: 'z' }] }, finding, '')).toBe('nextSteps[0]: no item matches {"command":"z"}');
    expect(subsetMismatch({ subject: 'amda' }, finding, '')).toBe('subject: expected "amda", got {"tag":"amda"}');
  });
});

describe('runFixtures', () => {
  it('checks positive fixtures (with their expect file) and negative ones, and flags a missing folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wdfleak-fixtures-'));
    const sig = JSON.parse(readFileSync(join(ROOT, 'rules/signatures/iowi-tracks-driver-tag.json'), 'utf8'));
    writeFileSync(join(dir, 'iowi-a.json'), JSON.stringify({ ...sig, id: 'WDFLEAK-9301', slug: 'iowi-a', supersedes: undefined }));
    writeFileSync(join(dir, 'iowi-b.json'), JSON.stringify({ ...sig, id: 'WDFLEAK-9302', slug: 'iowi-b', supersedes: undefined }));
    mkdirSync(join(dir, 'iowi-a', 'positive'), { recursive: true });
    mkdirSync(join(dir, 'iowi-a', 'negative'), { recursive: true });
    cpSync(ACP_POOLUSED, join(dir, 'iowi-a', 'positive', 'acp.log'));
    writeFileSync(join(dir, 'iowi-a', 'positive', 'acp.expect.json'), JSON.stringify({ confidence: { level: 'suspected' }, subject: { tag: 'amda' } }));
    // Healthy: the same capture without the two leaking rows.
    const healthy = readFileSync(ACP_POOLUSED, 'utf8').split('\n').filter((l) => !/^ (amda|IoWI) /.test(l)).join('\n');
    writeFileSync(join(dir, 'iowi-a', 'negative', 'healthy.log'), healthy);
    writeFileSync(join(dir, 'iowi-a', 'negative', 'notes.md'), 'not a fixture');
    const pack = await loadRulePack({ rules: [dir], rulesOnly: true });
    const seen: string[] = [];
    const results = await runFixtures(pack, { base: dir, onResult: (r) => seen.push(r.file) });
    expect(results.map((r) => [r.slug, r.kind, r.file, r.ok, r.message])).toEqual([
      ['iowi-a', 'positive', join('iowi-a', 'positive', 'acp.log'), true, 'matches acp.expect.json'],
      ['iowi-a', 'negative', join('iowi-a', 'negative', 'healthy.log'), true, 'no finding'],
      ['iowi-b', 'positive', join('iowi-b', 'positive'), false, 'no positive fixture (.log or .txt) in this folder'],
      ['iowi-b', 'negative', join('iowi-b', 'negative'), false, 'no negative fixture (.log or .txt) in this folder'],
    ]);
    expect(seen).toHaveLength(4);
    expect((await runFixtures(pack, { only: ['iowi-a'] })).every((r) => r.slug === 'iowi-a')).toBe(true);
  });
});
