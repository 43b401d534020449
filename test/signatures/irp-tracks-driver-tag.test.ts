import { describe, expect, it } from 'vitest';
import { findingsOf, fixture } from './fixtures.js';

const SLUG = 'irp-tracks-driver-tag';

describe(SLUG, () => {
  it('suspects driver-created requests when Irp moves one for one with an unknown driver tag', async () => {
    const [f, ...rest] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'created-requests-poolused.log'), 'pu.log');
    expect(rest).toEqual([]);
    // cont 47,980 against Irp 48,213: ratio 0.9952, inside thresholds#oneForOne (0.9-1.1).
    expect(f!.summary).toContain('cont: 47,980 outstanding nonpaged allocations');
    expect(f!.summary).toContain('with Irp at 48,213');
    expect(f!).toMatchObject({ severity: 'high', bucket: 'WDF_LEAK_REQUEST_SUSPECTED_cont', confidence: { level: 'suspected' } });
  });

  it('stays silent on a real poolmon screen with a busy Irp tag, and on twice as many IRPs as objects', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'pastebin-poolmon-irp-busy-not-tracking.txt'), 'pm.txt')).toEqual([]);
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'irp-busy-not-one-for-one.log'), 'pu.log')).toEqual([]);
  });

  it('does not claim the ACP work-item leak, whose companion is IoWI', async () => {
    expect(await findingsOf(SLUG, fixture('iowi-tracks-driver-tag', 'positive', 'acp-poolused-only.log'), 'acp.log')).toEqual([]);
  });
});
