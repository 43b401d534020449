// WDFLEAK-0008 over its fixtures, among them the real FxPoolDump records of ovpn-dco-win issue 25.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'kmdf-verifier-leak-at-unload';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('ovpn-dco: one leaked non-paged block at unload, with the commands that find its caller', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'ovpn-dco-fxpool-leak.log'), 'ovpn.log');
    expect(f!.subject).toMatchObject({ kind: 'driver', id: 'ovpn-dco', driver: 'ovpn-dco' });
    expect(f!.confidence).toMatchObject({ level: 'confirmed', score: 0.8, matched: ['unloading', 'allocation-named'] });
    expect(f!.summary).toBe('ovpn-dco: the KMDF verifier found 1 leaked FX_POOL allocation(s) and 0 leaked PMDL(s) when the driver unloaded');
    expect(commands(f!)).toContain('!wdfkd.wdfpoolusage ovpn-dco 0xffffcf0fb5044a50 5');
    expect(commands(f!)).toContain('dt Wdf01000!FX_POOL_TRACKER 0xffffcf0fb5044a10');
    const quoted = f!.evidence.map((e) => e.lines[0]);
    // Fixture lines: 12 FxDriver::Unload (Entry), 15 the FxPoolDump totals, 16 the FX_POOL leak record,
    // 31 the Wdf01000!FxPoolDump frame of the breakpoint stack.
    expect([...quoted].sort((a, b) => a - b)).toEqual([12, 15, 16, 31]);
  });

  it('a leaked PMDL names its owner object', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'contosostor-pmdl-leak.log'), 'mdl.log');
    expect(f!.confidence.matched).toEqual(['unloading', 'mdl-named']);
    expect(commands(f!)).toContain('!wdfkd.wdfobject 0xffffb1d5e3b0c5a0');
  });

  it('FxPoolDump with all totals zero is a clean unload', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'ovpn-dco-clean-unload.log'), 'clean.log')).toEqual([]);
  });
});
