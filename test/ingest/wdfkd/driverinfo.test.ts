import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');
const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

describe('!wdfdriverinfo', () => {
  it('reads the legacy x86 layout: names, globals, version with build, devices with contexts', () => {
    const f = ingestText(fixture('wdfdriverinfo/legacy-x86-wdfrawbusenumtest.log'));
    expect(f.blocks[0]).toMatchObject({ family: 'wdfdriverinfo', parsed: true, command: '!wdfdriverinfo wdfrawbusenumtest' });
    expect(f.wdfDrivers).toHaveLength(1);
    expect(f.wdfDrivers[0]).toMatchObject({
      name: 'wdfrawbusenumtest',
      library: 'Wdf01000',
      globals: '83b7af18',
      bindInfo: 'f22250ec',
      version: 'v1.5',
      build: '1234',
      driverHandle: '7cbc90d0',
    });
    const devices = f.wdfHandles.filter((h) => h.handleType === 'WDFDEVICE');
    expect(devices.map((d) => d.handle)).toEqual(['7ca7b1c0', '7cad31c8']);
    expect(devices[1]!.contexts).toEqual([{ address: '8352cff0', type: 'RAW_PDO_CONTEXT', size: 12 }]);
    expect(devices.every((d) => d.parent === '7cbc90d0' && d.driver === 'wdfrawbusenumtest')).toBe(true);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the current x64 layout: FDO/PDO roles, Pnp/Power states, callbacks, verifier OFF', () => {
    const f = ingestText(fixture('wdfdriverinfo/acx-x64-AcxHdAudio.log'));
    const d = f.wdfDrivers[0]!;
    expect(d).toMatchObject({ name: 'AcxHdAudio', version: 'v1.25', globals: 'ffffb609403e3de0', verifierOn: false, image: 'AcxHdAudio.sys' });
    expect(d.build).toBeUndefined();
    const driver = f.wdfHandles.find((h) => h.handleType === 'WDFDRIVER')!;
    expect(driver.handle).toBe('000049f6bfe9d5d8');
    expect(driver.contexts?.map((c) => c.type)).toEqual(['AcxHdAudio!CODEC_DRIVER_CONTEXT', 'Acx01000!AfxDriver']);
    expect(driver.callbacks?.map((c) => c.kind)).toEqual(['EvtCleanupCallback', 'EvtDestroyCallback']);
    const fdo = f.wdfHandles.find((h) => h.handle === '000049f6bffba488')!;
    expect(fdo).toMatchObject({
      role: 'FDO',
      pnpState: 'WdfDevStatePnpStarted',
      powerState: 'WdfDevStatePowerD0',
      powerPolicyState: 'WdfDevStatePwrPolStartedWakeCapable',
      depth: 0,
    });
    expect(fdo.contexts).toHaveLength(4);
    expect(fdo.callbacks![0]).toEqual({ kind: 'EvtCleanupCallback', address: 'fffff8038a3e3c90', symbol: 'AcxHdAudio!HDACodec_EvtDeviceContextCleanup' });
    const pdo = f.wdfHandles.find((h) => h.handle === '000049f6bef1a848')!;
    // Nested under its bus FDO in the listing, but its object parent is the driver.
    expect(pdo).toMatchObject({ role: 'PDO', depth: 1, powerState: 'WdfDevStatePowerD0BusWakeOwner', parent: '000049f6bfe9d5d8' });
    expect(fdo.children).toBeUndefined();
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the verifier ON options, object counts and keeps lines it does not know', () => {
    const text = [
      '0: kd> !wdfkd.wdfdriverinfo mydrv 0x211',
      'Default driver image name: mydrv',
      'WDFDRIVER: 0x00007ffff0b2e1a8',
      '    WDFDEVICE 12',
      '    WDFQUEUE 3',
      '    Potentially leaked handles:',
      '    !wdfhandle 0x00007ffff0c11f28',
      '----------------------------------',
      'WDF Verifier settings for mydrv.sys is ON',
      '  Enhanced verifier: performance analysis hooking ON',
      '----------------------------------',
    ].join('\n');
    const f = ingestText(text);
    expect(f.wdfDrivers[0]).toMatchObject({
      name: 'mydrv',
      verifierOn: true,
      verifierSettings: ['Enhanced verifier: performance analysis hooking ON'],
      objectCounts: { WDFDEVICE: 12, WDFQUEUE: 3 },
      potentiallyLeakedHandles: ['00007ffff0c11f28'],
      notes: ['Potentially leaked handles:'],
    });
    expect(f.wdfHandles.find((h) => h.handle === '00007ffff0c11f28')).toMatchObject({ potentiallyLeaked: true, driver: 'mydrv' });
    expect(f.diagnostics.map((d) => [d.code, d.line])).toEqual([['unrecognised-line', 6]]);
  });

  it('is recognised without its prompt', () => {
    const f = ingestText(fixture('wdfdriverinfo/acx-x64-AcxHdAudio.log').split('\n').slice(2).join('\n'));
    expect(f.blocks.find((b) => b.family === 'wdfdriverinfo')).toBeDefined();
    expect(f.wdfDrivers[0]!.name).toBe('AcxHdAudio');
  });

  it('splits a module-qualified context type into module and type name (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-acxkd-wdfdriverinfo-acxhdaudio.txt'));
    const fdo = f.wdfHandles.find((h) => h.handle === '000049f6bffba488');
    expect(fdo!.contexts![0]).toEqual({
      address: 'ffffb60940045e60',
      type: 'AcxHdAudio!CODEC_DEVICE_CONTEXT',
      module: 'AcxHdAudio',
      typeName: 'CODEC_DEVICE_CONTEXT',
      size: 0x110,
    });
    expect(fdo!.contexts!.map((c) => c.typeName)).toEqual(['CODEC_DEVICE_CONTEXT', 'AfxDevice', 'CODEC_RENDER_DEVICE_CONTEXT', 'CODEC_CAPTURE_DEVICE_CONTEXT']);
    expect(f.diagnostics).toEqual([]);
  });
});
