import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

describe('!wdfdevicequeues', () => {
  it('gives one WDFQUEUE fact per queue with its settings, request counts and callbacks (corpus)', () => {
    const f = ingestText(corpus('clean/hashnode-coolpool-wdfdriverinfo-wdfdevicequeues.txt'));
    expect(f.blocks.map((b) => [b.family, b.parsed])).toEqual([
      ['wdfdriverinfo', true],
      // The page's `Copy` buttons between the two fenced blocks, prose after a closing fence.
      ['unknown', false],
      ['wdfdevicequeues', true],
    ]);
    const queues = f.wdfHandles.filter((h) => h.handleType === 'WDFQUEUE');
    expect(queues.map(({ provenance, ...q }) => q)).toEqual([
      {
        handle: '00006277d653dd68',
        handleType: 'WDFQUEUE',
        owningDevice: '00006277d65a5b88',
        executionLevel: 'ExecutionLevelPassive',
        synchronizationScope: 'SynchronizationScopeNone',
        queue: {
          index: 1,
          flags: ['Manual', 'Not power-managed', 'PowerOn', 'Passive Only', 'Can accept', 'Can dispatch'],
          driverOwnedRequests: 0,
          waitingRequests: 0,
          frameworkQueueFor: 'create requests',
        },
      },
      {
        handle: '00006277d6677fd8',
        handleType: 'WDFQUEUE',
        owningDevice: '00006277d65a5b88',
        executionLevel: 'ExecutionLevelDispatch',
        synchronizationScope: 'SynchronizationScopeNone',
        callbacks: [{ kind: 'EvtIoDeviceControl', address: 'fffff801112c5490', symbol: 'CoolPool ==> Entry' }],
        queue: {
          index: 2,
          flags: ['Sequential', 'Default', 'Not power-managed', 'PowerOn', 'Can accept', 'Can dispatch'],
          driverOwnedRequests: 0,
          waitingRequests: 0,
        },
      },
    ]);
    expect(queues.map((q) => q.provenance.lines)).toEqual([
      [41, 46],
      [48, 53],
    ]);
    expect(f.diagnostics.filter((d) => d.message.includes('!wdfdevicequeues output'))).toEqual([]);
    // `ff (Control device)`: a role with a space is read on the !wdfdriverinfo row.
    expect(f.wdfHandles.find((h) => h.handle === '00006277d65a5b88')).toMatchObject({ handleType: 'WDFDEVICE', role: 'Control device' });
  });

  it('reads the parenthesised queue link and Markdown heading marks of the documentation', () => {
    const text = [
      'kd> !wdfdevicequeues 0x7cad31c8',
      '# Dumping queues of WDFDEVICE 0x7cad31c8',
      '=====================================',
      '## Number of queues: 1',
      '----------------------------------',
      'Queue: 1 (!wdfqueue 0x7ce7d1e8)',
      '    Parallel, Power-managed, PowerOff, Can accept, Can dispatch, ExecutionLevelDispatch, SynchronizationScopeNone',
      '    Number of driver owned requests: 2',
      '    Number of waiting requests: 5',
      '##     EvtIoDefault: (0xf221fad0) drv!EvtIoQueueDefault',
    ].join('\n');
    const f = ingestText(text);
    expect(f.wdfHandles).toHaveLength(1);
    expect(f.wdfHandles[0]).toMatchObject({
      handle: '7ce7d1e8',
      owningDevice: '7cad31c8',
      queue: { index: 1, driverOwnedRequests: 2, waitingRequests: 5, flags: ['Parallel', 'Power-managed', 'PowerOff', 'Can accept', 'Can dispatch'] },
      callbacks: [{ kind: 'EvtIoDefault', address: 'f221fad0', symbol: 'drv!EvtIoQueueDefault' }],
    });
    expect(f.diagnostics).toEqual([]);
  });
});
