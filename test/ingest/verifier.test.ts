import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!verifier', () => {
  it('reads the current x86 layout: flags banner, MODULE line, statistics and allocations with callers', () => {
    const f = ingestText(fixture('verifier/new-x86-mydriver.log'));
    expect(f.verifierDrivers).toHaveLength(1);
    const d = f.verifierDrivers[0]!;
    expect(d).toMatchObject({
      module: 'MyDriver.sys',
      moduleAddress: '84226b28',
      loaded: 'loaded',
      currentNonpagedAllocations: 3,
      currentPagedAllocations: 0,
      currentNonpagedBytes: 0x1058,
      peakNonpagedAllocations: 0x13,
      peakNonpagedBytes: 0x4a4a0,
      verifyLevel: 0x209bb,
    });
    expect(d.flags).toContain('Pool tracking');
    expect(d.flags).not.toContain('IRP logging');
    expect(d.flags).toHaveLength(10);
    expect(d.allocations).toEqual([
      { address: '982a8fe0', size: 0x20, tag: 'VMdl', caller: '9a3bf6ac', callerSymbol: 'MyDriver!DeviceControlDispatch', line: 69 },
      { address: '8645a000', size: 0x1008, tag: 'mdrv', caller: '9a3bf687', callerSymbol: 'MyDriver!DeviceControlDispatch', line: 70 },
      { address: '9a836fd0', size: 0x30, tag: 'Vfwi', caller: '9a3bf6ed', callerSymbol: 'MyDriver!GetNecessaryObjects', line: 71 },
    ]);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads `nt!_VF_TARGET_DRIVER ...: x.sys (Loaded and Unloaded)` on x86 and x64', () => {
    const x86 = ingestText(fixture('verifier/new-x86-sample-loaded-and-unloaded.log')).verifierDrivers[0]!;
    expect(x86).toMatchObject({ module: 'Sample.sys', moduleAddress: 'a013f2c8', loaded: 'loaded-and-unloaded', currentPagedAllocations: 1, currentPagedBytes: 0x70, flags: ['Automatic Checks', 'Pool tracking'] });
    expect(x86.allocations[0]).toMatchObject({ address: '86491d10', size: 0x70, tag: 'abcd', callerSymbol: 'Sample!DriverEntry+0x27' });
    const x64 = ingestText(fixture('verifier/new-x64-ebpfcore.log'));
    expect(x64.blocks[0]!.family).toBe('verifier'); // recognised from `Driver Verification List`
    expect(x64.verifierDrivers[0]).toMatchObject({ module: 'ebpfcore.sys', moduleAddress: 'ffffcb8438730e10', peakNonpagedAllocations: 0x6f, peakPagedBytes: 0x3e });
    expect(x64.verifierDrivers[0]!.allocations).toEqual([{ address: 'ffffcb843b87aff0', size: 4, tag: 'ebpf', caller: 'fffff803569c53e1', callerSymbol: 'ebpfcore!ebpf_allocate+0x21', line: 19 }]);
  });

  it('reads the old Windows 7 layout: option names, per-driver rows and counters, PoolAddress table', () => {
    const f = ingestText(fixture('verifier/old-x64-win7-0xf.log'));
    expect(f.verifierDrivers.map((d) => d.module)).toEqual(['videoprt.sys', 'usbport.sys']);
    const v = f.verifierDrivers[0]!;
    expect(v).toMatchObject({
      moduleAddress: 'fffffa8003b6f670',
      loaded: 'loaded',
      currentNonpagedBytes: 0xa0,
      currentPagedBytes: 0x854,
      currentNonpagedAllocations: 2,
      currentPagedAllocations: 0x13,
      peakPagedBytes: 0x9c8,
      verifyLevel: 0x9bb,
    });
    expect(v.flags).toContain('All pool allocations checked on unload');
    expect(v.allocations).toHaveLength(3);
    expect(v.allocations[2]).toMatchObject({ address: 'fffff980015bafe0', size: 0x18, tag: 'Vprt', caller: 'fffff88002c628f7' });
    expect(f.verifierDrivers[1]!.allocations[0]).toMatchObject({ tag: 'usbp', size: 0x38 });
    expect(f.diagnostics).toEqual([]);
  });

  it('reads `!verifier 0x80 Address` entries, charged to the first frame outside nt and the verifier', () => {
    const f = ingestText(fixture('verifier/pool-log-0x80-x86.log'));
    const d = f.verifierDrivers[0]!;
    expect(d).toMatchObject({ module: 'MyDriver', inferredModule: true, allocations: [] });
    expect(d.poolLog).toEqual([
      { address: '982a8fe0', size: 0x20, thread: '9c158bc0', operation: 'allocate', caller: 'MyDriver!DeviceControlDispatch+0x4c', lines: [11, 24] },
    ]);
    const stack = f.stacks[0]!;
    expect(stack.kind).toBe('!verifier 0x80');
    expect(stack.frames).toHaveLength(13);
    expect(stack.frames[0]).toMatchObject({ returnAddress: '81b250cd', module: 'nt', function: 'IovAllocateMdl', offset: 0x3d });
    expect(stack.frames[0]!.childSp).toBeUndefined();
  });

  it('reports an allocation row it cannot read', () => {
    const text = fixture('verifier/new-x64-ebpfcore.log').replace('0xffffcb843b87aff0  0x00000004', '0xffffcb843b87aff0  zz');
    const f = ingestText(text);
    expect(f.diagnostics).toMatchObject([{ code: 'malformed-line', line: 19 }]);
  });
});

describe('!verifier statistics and cut outputs (real pastes in test/corpus)', () => {
  const corpus = (p: string) => readFileSync(new URL(`../corpus/${p}`, import.meta.url), 'utf8');

  it('reads the statistics pasted without a prompt, a stray closing backtick included (microsoft/MIDI#366)', () => {
    const f = ingestText(corpus('clean/microsoft-midi-366-verifier-stats-zero-current.txt'));
    expect(f.verifierStatistics).toHaveLength(1);
    expect(f.verifierStatistics[0]).toMatchObject({
      counters: { 'Pool Allocations Attempted': 0x32, 'Pool Allocations Failed': 0, RaiseIrqls: 0 },
      currentPagedAllocations: 0, currentNonpagedAllocations: 0, peakPagedAllocations: 2, peakPagedBytes: 0x92, peakNonpagedAllocations: 0x10, peakNonpagedBytes: 0x44918,
    });
    expect(f.blocks.every((b) => b.parsed)).toBe(true);
  });

  it('keeps the image and the flags of a !verifier 3 cut before its driver list (ebpf-for-windows#2092)', () => {
    const f = ingestText(corpus('leak/ebpf-for-windows-2092-fatal-c4-62-verifier.txt'));
    expect(f.verifierDrivers).toEqual([expect.objectContaining({ module: 'ebpfcore.sys', verifyLevel: 0x1209bf, allocations: [] })]);
  });
});
