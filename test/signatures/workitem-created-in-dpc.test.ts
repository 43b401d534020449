import { describe, expect, it } from 'vitest';
import { findingsOf, fixture } from './fixtures.js';

const SLUG = 'workitem-created-in-dpc';

describe(SLUG, () => {
  it('confirms the ACP leak: the object, the DPC stack, the callback', async () => {
    const [f, ...rest] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'acp-live-dump-and-repro.log'), 'acp.log');
    expect(rest).toEqual([]);
    expect(f!.confidence).toMatchObject({ level: 'confirmed', missing: [] });
    expect(f!.subject).toMatchObject({ tag: 'amda', driver: 'amdacpbus2', context: 'dpc', callback: 'amdacpbus2!AcpDspResponseWorkItem' });
    // 0xffffda000f16ed40 XOR 0xfffffffffffffff8 (FxHandleValueMask) = 0x000025fff0e912b8.
    expect(f!.nextSteps.map((s) => s.command)).toContain('!wdfkd.wdfhandle 0x000025fff0e912b8 0xff');
  });

  it('does not fire when the same API is called once from EvtDriverDeviceAdd', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'created-once-at-device-add.log'), 'add.log')).toEqual([]);
  });

  it('does not claim a DPC from !poolused alone', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'poolused-only-no-creation-stack.log'), 'pu.log')).toEqual([]);
  });
});
