// WDFLEAK-0012 over its fixtures: 64 KB WDFMEMORY buffers under their own tag, objects under the driver tag.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'wdfmemory-buffer-separate-tag';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('CamB: an FxMemoryBufferFromPool in a camf block points at a CamB buffer', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'camera-frame-buffers.log'), 'cam.log');
    expect(f!.subject).toMatchObject({ kind: 'tag', id: 'CamB', handleType: 'WDFMEMORY', fxType: 'IFX_TYPE_MEMORY', driver: 'wdfcamfilter' });
    // 3104 CamB against 3117 + 12 camf allocations: ratio 0.992.
    expect(f!.confidence).toMatchObject({ level: 'confirmed', score: 0.8, matched: ['object-points-here', 'paired-with-driver-tag', 'large-buffers'] });
    expect(f!.summary).toBe('CamB: 3104 buffers of WDFMEMORY objects that are never deleted (objects under tag camf, driver wdfcamfilter)');
    // The object is the dt address (block ffffc30a2c7fd6d0 + 0x10); m_Pool is the fifth CamB large-pool block.
    expect(commands(f!)).toContain('dt Wdf01000!FxMemoryBufferFromPool 0xffffc30a2c7fd6e0');
    expect(commands(f!)).toContain('!pool 0xffffc30a31a90000');
    expect(commands(f!)).toContain('!wdfkd.wdfdriverinfo wdfcamfilter 0x50');
  });

  it('replaces the generic tag finding for the buffer tag', async () => {
    const text = fixture(SLUG, 'positive', 'camera-frame-buffers.log');
    const generic = await findingsOf('tag-dominates-nonpaged-single-size', text, 'cam.log');
    expect(generic.filter((g) => g.subject.id === 'CamB')).toEqual([]);
  });

  it('from !poolused alone the pairing with the driver tag and the 64 KB average are enough to suspect it', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'paired-tags-poolused-only.log'), 'p.log');
    expect(f!.confidence.matched).toEqual(['paired-with-driver-tag', 'large-buffers', 'growing']);
    expect(commands(f!)[0]).toBe('!poolfind camf -nonpaged');
  });
});
