// Every bundled signature against its own fixtures, through the same runner as `wdfleak rules test`:
// each positive fixture yields the signature (matching its .expect.json when present), each negative
// fixture does not yield it above info.
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../engine/node/rule-pack.js';
import { runFixtures } from '../../engine/node/run-fixtures.js';

const pack = await loadRulePack();
const results = await runFixtures(pack);

describe('signature fixtures', () => {
  it('every signature has at least one positive and one negative fixture', () => {
    for (const sig of pack.signatures) {
      const mine = results.filter((r) => r.slug === sig.slug);
      expect(mine.some((r) => r.kind === 'positive'), `${sig.slug} has no positive fixture`).toBe(true);
      expect(mine.some((r) => r.kind === 'negative'), `${sig.slug} has no negative fixture`).toBe(true);
    }
  });

  for (const r of results) {
    it(`${r.slug} ${r.kind} ${r.file.split('/').pop()}`, () => {
      expect(r.ok, r.message).toBe(true);
    });
  }
});
