import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');
const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

describe('!wdfdevice', () => {
  it('reads states (not the parent ones), histories, parent device and child lists', () => {
    const f = ingestText(fixture('wdfdevice/legacy-x86-pdo-f.log'));
    const d = f.wdfHandles[0]!;
    expect(d).toMatchObject({
      handle: '7cad31c8',
      handleType: 'WDFDEVICE',
      wdmDevice: '81fb00e8',
      pnpState: 'WdfDevStatePnpStarted',
      powerState: 'WdfDevStatePowerDx',
      powerPolicyState: 'WdfDevStatePwrPolWaitingUnarmed',
      parent: '7ca7b1c0',
      parentType: 'WDFDEVICE',
      children: ['7ce710c8'],
    });
    expect(d.pnpHistory).toHaveLength(6);
    expect(d.powerHistory![7]).toBe('WdfDevStatePowerDx');
    expect(d.powerPolicyHistory![0]).toBe('WdfDevStatePwrPolStarting');
    expect(f.wdfHandles[1]).toMatchObject({ handle: '7ce710c8', handleType: 'WDFCHILDLIST', parent: '7cad31c8' });
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the x64 header lines', () => {
    const f = ingestText(fixture('wdfdevice/acx-x64-pdo.log'));
    expect(f.wdfHandles[0]).toMatchObject({ handle: '000049f6bef1a848', wdmDevice: 'ffffb60940ddbdd0', powerState: 'WdfDevStatePowerD0BusWakeOwner' });
  });

  it('reads power references and their tag tracker', () => {
    // Shape of `!acxcircuit`'s `# Power references: 0`; no public !wdfdevice capture shows these lines.
    const text = [
      '0: kd> !wdfdevice 0x000049f6bef1a848 ff',
      'Dumping WDFDEVICE 0x000049f6bef1a848',
      'Pnp state:  119 ( WdfDevStatePnpStarted )',
      '# Power references: 3',
      '    !wdftagtracker 0xffffb6093f6d0010',
    ].join('\n');
    expect(ingestText(text).wdfHandles[0]).toMatchObject({ powerReferences: 3, powerTagTracker: 'ffffb6093f6d0010' });
  });

  it('keeps the execution level, synchronization scope and power policy ownership (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-wdfdevice-pdo-f.txt'));
    const device = f.wdfHandles.find((h) => h.handleType === 'WDFDEVICE');
    expect(device).toMatchObject({
      handle: '7cad31c8',
      wdmDevice: '81fb00e8',
      parent: '7ca7b1c0',
      pnpState: 'WdfDevStatePnpStarted',
      powerState: 'WdfDevStatePowerDx',
      powerPolicyState: 'WdfDevStatePwrPolWaitingUnarmed',
      executionLevel: 'WdfExecutionLevelDispatch',
      synchronizationScope: 'WdfSynchronizationScopeNone',
      powerPolicyOwner: true,
      children: ['7ce710c8'],
    });
    expect(f.diagnostics).toEqual([]);
  });
});
