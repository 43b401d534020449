// WDFLEAK-0005 over its fixtures: timers created per interrupt under one device.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'timer-dpc-created-repeatedly';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('names 150 timers under the GPIO device, created from the interrupt DPC', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'debounce-timer-per-interrupt.log'), 't.log');
    expect(f!.subject).toMatchObject({
      id: 'contosogpio/WDFTIMER',
      handleType: 'WDFTIMER',
      fxType: 'FX_TYPE_TIMER',
      creator: 'contosogpio!GpioArmDebounce',
      context: 'dpc',
      // FxDevice 0xffff9e8b2d7e4050 XOR ~7.
      parent: 'WDFDEVICE 0x00006174d281bfa8',
    });
    expect(f!.confidence).toMatchObject({ level: 'likely', score: 0.75, matched: ['created-per-event', 'creating-stack', 'under-device'] });
    expect(f!.summary).toBe('contosogpio: 150 WDFTIMER objects under one WDFDEVICE; they are created per event and never deleted');
    expect(f!.bucket).toBe('WDF_LEAK_WDFTIMER_contosogpio');
    expect(commands(f!)).toContain('!wdfkd.wdfhandle 0x00006174d281bfa8 0xff');
    expect(commands(f!)).toContain('dt Wdf01000!FxTimer 0xffff9e8b35e20210');
    expect(commands(f!)).toContain('uf contosogpio!GpioArmDebounce');
  });

  it('two prints of the device tree, 72 then 188 timers, give growth without a stack', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'timers-grow-under-device.log'), 'g.log');
    expect(f!.confidence.matched).toEqual(['grows', 'under-device']);
    expect(f!.summary).toContain('188 WDFTIMER');
    expect(commands(f!)).toContain('bp Wdf01000!imp_WdfTimerCreate "k 10; gc"');
  });
});
