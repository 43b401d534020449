// WDFLEAK-0003 over its fixtures: objects left under the WDFDRIVER are reported per driver × handle type,
// only when they are many and not flat between two prints of the same tree.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'driver-parented-objects-accumulate';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('names WDFMEMORY under contososns, grown from 180 to 420 between the two trees', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'wdfmemory-grows-under-driver.log'), 'grow.log');
    expect(f!.subject).toMatchObject({ kind: 'object-type', id: 'contososns/WDFMEMORY', driver: 'contososns', handleType: 'WDFMEMORY', fxType: 'IFX_TYPE_MEMORY' });
    // 0xffffc30a1b2e4a20 (the FxDriver) XOR ~7 is the WDFDRIVER handle the parent column names.
    expect(f!.subject.parent).toBe('WDFDRIVER 0x00003cf5e4d1b5d8');
    expect(f!.bucket).toBe('WDF_LEAK_DRIVER_PARENTED_WDFMEMORY_contososns');
    expect(f!.summary).toBe('contososns: 420 WDFMEMORY objects hang under the WDFDRIVER (default parent) and stay until the driver unloads');
    // Growth and all-under-driver hold; no creating stack and no verifier report: 0.5 + 0.25 + 0.05.
    expect(f!.confidence).toMatchObject({ level: 'likely', score: 0.8, matched: ['grows', 'all-under-driver'] });
    expect(commands(f!)).toContain('bp Wdf01000!imp_WdfMemoryCreate "k 10; gc"');
    expect(commands(f!)).toContain('!wdfkd.wdfdriverinfo contososns 0x50');
    // Already shown to grow: printing the tree again is not asked.
    expect(commands(f!)).not.toContain('!wdfkd.wdfhandle 0x00003cf5e4d1b5d8 0xff');
    // The evidence quotes the second tree and one of its rows.
    expect(f!.evidence.some((e) => e.description.includes('420 WDFMEMORY handles, 420 under the WDFDRIVER'))).toBe(true);
  });

  it('from one tree and the creating stack it is suspected, and points at the IOCTL handler', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'wdfstring-per-ioctl.log'), 'str.log');
    expect(f!.subject).toMatchObject({ id: 'contosoaudio/WDFSTRING', creator: 'contosoaudio!AudQueryEndpointName', context: 'io-dispatch' });
    expect(f!.confidence).toMatchObject({ level: 'suspected', score: 0.65, matched: ['creating-stack', 'all-under-driver'] });
    expect(commands(f!)).toContain('uf contosoaudio!AudQueryEndpointName');
    expect(commands(f!)).toContain('!wdfkd.wdfhandle 0x000047f1d82f3758 0xff');
    expect(commands(f!).some((c) => c.startsWith('bp Wdf01000!imp_'))).toBe(false);
  });

  it('does not count WDFDEVICE, the one object type that always hangs under the driver', async () => {
    const lines = fixture(SLUG, 'positive', 'wdfmemory-grows-under-driver.log').split('\n');
    // Keep the driver header and one tree, and turn the 420 memory rows into device rows.
    const tree = lines.slice(lines.indexOf(lines.find((l) => l.startsWith('0: kd> !wdfkd.wdfhandle'))!));
    const devices = tree.map((l) => l.replace(/!wdfhandle (0x\w+)  dt FxMemoryBuffer/, '!wdfdevice $1  dt FxDevice'));
    expect(devices.filter((l) => l.includes('dt FxDevice')).length).toBeGreaterThan(400);
    expect(await findingsOf(SLUG, devices.slice(0, devices.indexOf(devices.find((l, i) => i > 0 && l.startsWith('0: kd>'))!)).join('\n'), 'dev.log')).toEqual([]);
  });
});
