import { describe, expect, it } from 'vitest';
import { findingsOf, fixture } from './fixtures.js';

const SLUG = 'iowi-tracks-driver-tag';

describe(SLUG, () => {
  it('suspects amda from !poolused alone: 5768754 vs IoWI 5769999 is within 0.9–1.1', async () => {
    const [f, ...rest] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'acp-poolused-only.log'), 'pu.log');
    expect(rest).toEqual([]);
    expect(f!.subject.tag).toBe('amda');
    expect(f!.confidence.level).toBe('suspected');
    // Only "largest nonpaged consumers" is seen: 0.4 + 0.05.
    expect(f!.confidence).toMatchObject({ score: 0.45, matched: ['top-nonpaged'] });
  });

  it('stays quiet on a healthy machine with few IoWI allocations', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'healthy-small-iowi.log'), 'h.log')).toEqual([]);
  });

  it('stays quiet when IoWI does not follow any tag one for one', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'iowi-not-one-for-one.log'), 'n.log')).toEqual([]);
  });
});
