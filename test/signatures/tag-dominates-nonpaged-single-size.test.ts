// WDFLEAK-0011 over its fixtures: one tag holding most of nonpaged pool, and the near misses.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'tag-dominates-nonpaged-single-size';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('Fbkf with !poolfind: one block size, the poolused average equal to it', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'unknown-tag-single-size.log'), 'p.log');
    expect(f!.subject).toMatchObject({ kind: 'tag', id: 'Fbkf' });
    expect(f!.confidence).toMatchObject({ level: 'likely', score: 0.65, matched: ['single-size', 'average-matches-block'] });
    // 1,258,297,856 bytes of the TOTAL line's 1,979,867,584: 0.636.
    expect(f!.summary).toBe('Fbkf: 2,457,613 outstanding nonpaged allocations holding 1.2 GiB (1,258,297,856 bytes), share 0.636 of nonpaged pool, the largest consumer');
    expect(f!.bucket).toBe('POOL_LEAK_TAG_Fbkf');
    expect(commands(f!)).toContain('db ffffd30a41c00220 L0x80');
    expect(commands(f!)).toContain('!for_each_module s -a @#Base @#End "Fbkf"');
    expect(commands(f!)).not.toContain('!poolfind Fbkf -nonpaged');
  });

  it('two snapshots, no block sizes: growing but only suspected, and !poolfind is the next step', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'unknown-tag-grows.log'), 'g.log');
    expect(f!.confidence).toMatchObject({ level: 'suspected', matched: ['growing'] });
    expect(commands(f!)[0]).toBe('!poolfind Fbkf -nonpaged');
  });

  it('is replaced by the WDF explanation on the ACP poolused (IoWI tracks amda)', async () => {
    const acp = fixture('iowi-tracks-driver-tag', 'positive', 'acp-poolused-only.log');
    expect(await findingsOf(SLUG, acp, 'acp.log')).toEqual([]);
    expect((await findingsOf('iowi-tracks-driver-tag', acp, 'acp.log')).map((x) => x.subject.id)).toEqual(['amda']);
  });
});
