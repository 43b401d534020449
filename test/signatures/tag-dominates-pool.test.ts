// WDFLEAK-0013 over its fixtures (real captures copied from test/corpus): one tag far ahead in paged or
// nonpaged pool, or growing between two listings, and the registry's large paged tag passed over.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'tag-dominates-pool';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('Abc in paged pool (x86, !poolused 4 in a Markdown list): share of the tags listed, paged next steps, x86 breakpoint', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'learn-abc-paged-poolused-4.txt'), 'learn.txt');
    expect(f!.summary).toBe('tag Abc: 33930272 bytes in 36405 allocations of paged pool (76% of the tags listed)');
    // 'Abc ' is blank-padded in memory: 0x20636241; the db of nt!PoolHitTag shows a 32-bit target.
    expect(commands(f!)).toContain('ed nt!PoolHitTag 0x20636241');
    expect(commands(f!)[0]).toBe('!poolfind Abc -paged');
    expect(commands(f!).some((c) => c.includes('@esp'))).toBe(true);
  });

  it('Drsd growing across a print job in two poolmon screens: the growth is the evidence', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'learn-poolmon-drsd-grows.txt'), 'poolmon.txt');
    expect(f!.summary).toBe('tag Drsd: 22464 bytes in 27 allocations of paged pool, 4992 bytes and 6 allocations more than in the earlier listing');
    expect(f!.confidence.matched).toEqual(['growing']);
  });
});
