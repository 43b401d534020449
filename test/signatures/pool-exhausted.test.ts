// WDFLEAK-0014 over its fixtures (real !vm captures copied from test/corpus).
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'pool-exhausted';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('Excessive NonPaged Pool Usage with usage at 93% of the maximum: the pool, then !poolused 2', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'askperf-vm-excessive-nonpaged.txt'), 'vm.txt');
    // NonPagedPool Usage 121176 KB of NonPagedPool Max 130560 KB = 92.8%.
    expect(f!.summary).toBe('nonpaged pool near exhaustion: !vm flags excessive usage, 93% of its maximum in use');
    expect(commands(f!)).toEqual(['!poolused 2', '!vm 1']);
    expect(f!.evidence.some((e) => e.description.includes('Excessive NonPaged Pool Usage'))).toBe(true);
  });
});
