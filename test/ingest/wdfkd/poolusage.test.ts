import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!wdfpoolusage', () => {
  it('reads the driver tag, byte and allocation counters, peaks and one-line allocations', () => {
    const f = ingestText(fixture('wdfpoolusage/doc-x86-flags0.log'));
    expect(f.wdfPoolUsage[0]).toMatchObject({
      driver: 'wdfrawbusenumtest',
      globals: '83b7af18',
      driverTag: 'RawB',
      nonpagedBytes: 15126,
      pagedBytes: 548,
      nonpagedAllocations: 94,
      pagedAllocations: 10,
      peakNonpagedBytes: 15610,
      peakPagedBytes: 752,
      peakNonpagedAllocations: 100,
      peakPagedAllocations: 14,
      allocations: [{ address: '82dbae00', size: 512, tag: 'RawB', pool: 'nonpaged', caller: 'Wdf01000!FxVerifierLock::AllocateThreadTable+5d' }],
    });
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the four-line allocation of flag 0x1', () => {
    const f = ingestText(fixture('wdfpoolusage/doc-x86-flags1.log'));
    expect(f.wdfPoolUsage[0]!.allocations).toEqual([
      { address: '82dbae00', size: 512, tag: 'RawB', pool: 'nonpaged', caller: 'Wdf01000!FxVerifierLock::AllocateThreadTable+5d' },
    ]);
    expect(f.diagnostics).toEqual([]);
  });
});
