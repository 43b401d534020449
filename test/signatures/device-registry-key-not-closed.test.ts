// WDFLEAK-0006 over its fixtures: WDFKEYs opened per power-up and never closed.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'device-registry-key-not-closed';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('names 48 keys for one device, opened from EvtDeviceD0Entry', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'key-per-power-up.log'), 'k.log');
    expect(f!.subject).toMatchObject({ id: 'fabrikamnic/WDFKEY', fxType: 'FX_TYPE_REG_KEY', creator: 'fabrikamnic!NicReadAdvancedSettings', context: 'pnp-power' });
    expect(f!.confidence).toMatchObject({ level: 'likely', score: 0.7, matched: ['opened-per-event', 'many-per-device'] });
    expect(f!.summary).toBe('fabrikamnic: 48 open WDFKEY objects under the WDFDRIVER for 1 device(s); each holds a kernel registry handle until the driver unloads');
    expect(commands(f!)).toContain('!handle 0 3 4 Key');
    expect(commands(f!)).toContain('dt Wdf01000!FxRegKey 0xffffe30b84a211b0');
    expect(commands(f!)).toContain('uf fabrikamnic!NicReadAdvancedSettings');
    expect(commands(f!)).not.toContain('bp Wdf01000!imp_WdfDeviceOpenRegistryKey "k 10; gc"');
  });

  it('three keys for two devices are normal', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'one-key-per-device.log'), 'n.log')).toEqual([]);
  });
});
