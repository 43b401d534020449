// WDFLEAK-0004 over its fixtures: driver-created requests under the WDFDRIVER, growing, created per poll.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'request-completed-not-deleted';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('confirms the fabrikamusb leak: 110 → 290 requests, created from the poll timer, one IRP each', async () => {
    const text = fixture(SLUG, 'positive', 'requests-grow-under-driver.log');
    const [f] = await findingsOf(SLUG, text, 'req.log');
    expect(f!.subject).toMatchObject({
      id: 'fabrikamusb/WDFREQUEST',
      driver: 'fabrikamusb',
      handleType: 'WDFREQUEST',
      fxType: 'FX_TYPE_REQUEST',
      creator: 'fabrikamusb!FabSendVendorStatus',
      context: 'timer-dpc',
    });
    expect(f!.subject.creatorChain).toEqual(['fabrikamusb!FabSendVendorStatus', 'fabrikamusb!FabEvtTimerPoll']);
    // 402 outstanding Irp allocations for 290 requests: at least one per request.
    expect(f!.confidence).toMatchObject({ level: 'confirmed', score: 0.85, matched: ['grows', 'created-at-run-time', 'irp-per-request'] });
    expect(f!.bucket).toBe('WDF_LEAK_REQUEST_fabrikamusb');
    expect(f!.summary).toContain('290 driver-created WDFREQUESTs');
    expect(commands(f!)).toContain('uf fabrikamusb!FabSendVendorStatus');
    expect(commands(f!)).toContain('!wdfkd.wdfrequest 0x00005df3994becb8');
    expect(commands(f!)).not.toContain('!poolused 2 Irp?');
  });

  it('replaces the generic driver-parented finding on the same subject', async () => {
    const text = fixture(SLUG, 'positive', 'requests-grow-under-driver.log');
    const [f] = await findingsOf('driver-parented-objects-accumulate', text, 'req.log');
    expect(f).toBeUndefined();
  });

  it('a request pool created in PrepareHardware stays below the threshold', async () => {
    const text = fixture(SLUG, 'negative', 'request-pool-reused.log');
    expect(await findingsOf(SLUG, text, 'pool.log')).toEqual([]);
    // With the pool three times as large the count alone is enough for a suspicion.
    const big = text
      .split('\n')
      .flatMap((l) => (l.includes('dt FxRequest') ? [l, l.replace('!wdfrequest 0x00005df39', '!wdfrequest 0x00005df3a'), l.replace('!wdfrequest 0x00005df39', '!wdfrequest 0x00005df3b')] : [l]))
      .join('\n');
    expect(big.split('dt FxRequest').length - 1).toBe(96);
    const [f] = await findingsOf(SLUG, big, 'big.log');
    expect(f!.confidence.level).toBe('suspected');
    expect(f!.confidence.matched).toEqual([]);
  });
});
