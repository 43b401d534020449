// Unload subjects: bug check 0xC4/0x62 and `!verifier 3` entries of unloaded images, from the public
// captures of ovs-issues #50 and ebpf-for-windows #2092 / #1908, and the documentation's !verifier samples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { deriveUnloadSubjects } from '../../engine/derive/unload-subjects.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';

const ROOT = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(`rules/signatures/verifier-pool-leak-at-unload/${p}`, ROOT), 'utf8');
const unloads = (text: string) => deriveUnloadSubjects(ingestText(text, 't.log'), KNOWLEDGE);

// ebpf-for-windows #1908: a CI run's `!verifier` output for ebpfcore.sys after it unloaded, no bug check.
const EBPF_1908 = [
  '0: kd> !verifier 3 ebpfcore.sys',
  '',
  'Driver Verification List',
  '------------------------',
  '',
  'nt!_VF_TARGET_DRIVER 0xffffcb8438730e10: ebpfcore.sys (Loaded and Unloaded)',
  '',
  '    Pool Allocation Statistics: ( NonPagedPool / PagedPool )',
  '',
  '      Current Pool Allocations: ( 0x00000001 / 0x00000000 )',
  '      Current Pool Bytes:       ( 0x00000004 / 0x00000000 )',
  '      Peak Pool Allocations:    ( 0x0000006f / 0x00000001 )',
  '      Peak Pool Bytes:          ( 0x0000be59 / 0x0000003e )',
  '      Contiguous Memory Bytes:       0x00000000',
  '      Peak Contiguous Memory Bytes:  0x00000000',
  '',
  '    Pool Allocations:',
  '',
  '      Address             Length      Tag   Caller Address    ',
  '      ------------------  ----------  ----  ------------------',
  '      0xffffcb843b87aff0  0x00000004  ebpf  0xfffff803569c53e1  ebpfcore!ebpf_allocate+0x21',
  '',
].join('\n');

describe('deriveUnloadSubjects', () => {
  it('!analyze -v alone: the image from the failure bucket, Arg4 as the leaked count', () => {
    const [s, ...rest] = unloads(read('positive/ovsext-analyze-only.log'));
    expect(rest).toEqual([]);
    expect(s!.id).toBe('OVSExt.sys');
    expect(s!.facts['unload']).toEqual({
      driverNamed: true,
      driverLabel: 'OVSExt.sys',
      bucket: '0xc4_62_LEAKED_POOL_IMAGE_OVSExt.sys',
      image: 'OVSExt.sys',
      module: 'OVSExt',
      bugcheck: '0xc4',
      arg1: '0x62',
      leakedAllocations: 5,
      failureBucket: '0xc4_62_LEAKED_POOL_IMAGE_OVSExt.sys',
      bucketNamesImage: true,
      outstanding: 5,
    });
  });

  it('a 0xC4/0x62 pasted without its name line and naming no driver is still a leak at unload, driver unknown', () => {
    // A real paste that starts in the middle of the bug check description (mullvad/mullvadvpn-app#10391).
    const [s, ...rest] = unloads(readFileSync(new URL('../corpus/leak/mullvadvpn-app-10391-c4-62-headless.txt', import.meta.url), 'utf8'));
    expect(rest).toEqual([]);
    expect(s!.id).toBe('driver not named in the text');
    expect(s!.summary).toEqual({ bugcheck: '0xC4', bugcheckArg1: '0x62' });
    expect(s!.facts['unload']).toMatchObject({ driverNamed: false, bugcheck: '0xc4', arg1: '0x62', leakedAllocations: 1, driverNameAddress: '0xffffd5045b398178', bucket: '0xc4_62_LEAKED_POOL_IMAGE_UNKNOWN' });
    expect(s!.facts['unload']).not.toHaveProperty('image');
  });

  it('the older 0xC4/0x60 (x86, quoted) gives the byte counts and points at nt!ViBadDriver; the verifier row pasted after it names the driver', () => {
    const text = readFileSync(new URL('../corpus/leak/titanhide-24-c4-60-x86-quoted.txt', import.meta.url), 'utf8');
    const [alone] = unloads(text.slice(0, text.indexOf('!verifier 3 xxx.sys show:')));
    expect(alone!.facts['unload']).toMatchObject({ arg1: '0x60', pagedBytes: 0, nonpagedBytes: 0x288, leakedAllocations: 0x12, badDriverPointer: 'nt!ViBadDriver', driverNamed: false });
    const [all, ...rest] = unloads(text);
    expect(rest).toEqual([]);
    expect(all!.id).toBe('xxx.sys');
    expect(all!.facts['unload']).toMatchObject({ arg1: '0x60', listed: 1, topTag: 'EDIH', topCaller: 'xxx!RtlAllocateMemory', driverNamed: true });
  });

  it('dt nt!_MI_VERIFIER_DRIVER_ENTRY of Arg3 names the driver, in a web page that wrapped and ran the analysis together', () => {
    const [s] = unloads(readFileSync(new URL('../corpus/leak/idebug-blogspot-usbser-c4-62-wrapped-verifier-entry.txt', import.meta.url), 'utf8'));
    expect(s!.id).toBe('usbser.sys');
    expect(s!.facts['unload']).toMatchObject({ bugcheck: '0xc4', arg1: '0x62', leakedAllocations: 4, driverNamed: true });
  });

  it('a du of Arg2 names the driver', () => {
    const [s] = unloads(readFileSync(new URL('../corpus/leak/windows-driver-samples-205-echosrv-vrf-leaked-bucket-du.txt', import.meta.url), 'utf8'));
    expect(s!.id).toBe('echosrv.sys');
    expect(s!.facts['unload']).toMatchObject({ driverNamed: true, bugcheck: '0xc4', arg1: '0x62' });
  });

  it('a Fatal System Error without an image goes with the only verified driver that holds allocations', () => {
    const [s] = unloads(read('positive/ebpfcore-unload-leak.log'));
    expect(s!.id).toBe('ebpfcore.sys');
    expect(s!.facts['unload']).toMatchObject({
      bugcheck: '0xc4',
      leakedAllocations: 0x12,
      loaded: 'loaded-and-unloaded',
      currentAllocations: 0x12,
      currentBytes: 0xc84,
      listed: 18,
      tags: ['entv', 'ebpf'],
      topTag: 'entv',
      topTagCount: 16,
      topTagShare: 0.889,
      topCaller: 'eBPFCore!ebpf_allocate_with_tag+0x1e',
      topCallerFunction: 'eBPFCore!ebpf_allocate_with_tag',
      topCallerAddress: '0xfffff8026ade780e',
      callersSymbolized: true,
      listedMatchesArg4: true,
      firstAddress: '0xffffaa0b72a64f40',
      tagIsDriverTag: false,
    });
    expect(s!.summary).toMatchObject({ driver: 'ebpfcore', tag: 'entv', creator: 'eBPFCore!ebpf_allocate_with_tag+0x1e' });
  });

  it('a (Loaded and Unloaded) entry with an allocation left is an unload leak without a bug check', () => {
    const [s] = unloads(EBPF_1908);
    expect(s!.facts['unload']).toMatchObject({
      image: 'ebpfcore.sys',
      unloaded: true,
      loaded: 'loaded-and-unloaded',
      currentAllocations: 1,
      listed: 1,
      topTag: 'ebpf',
      outstanding: 1,
    });
    expect((s!.facts['unload'] as Record<string, unknown>)['bugcheck']).toBeUndefined();
  });

  it('other 0xC4 subcodes and drivers that are still loaded give no subject', () => {
    expect(unloads(read('negative/c4-zero-byte-allocation.log'))).toEqual([]);
    expect(unloads(read('negative/loaded-driver-holds-allocations.log'))).toEqual([]);
    expect(unloads(read('negative/win7-loaded-drivers-pool.log'))).toEqual([]);
  });
});
