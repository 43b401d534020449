import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { bugcheckMeaning } from '../../engine/ingest/bugcheck-meaning.js';
import { splitRunTogether } from '../../engine/ingest/analyze.js';
import { MAX_FRAMES } from '../../engine/ingest/stack.js';

const fixture = (p: string): string => readFileSync(new URL(`../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!analyze -v', () => {
  it('reads a current-wording x86 0xC4/0x62: code, name, arguments, key values, module and image', () => {
    const f = ingestText(fixture('analyze/c4-62-x86-current-sample.log'));
    expect(f.bugchecks).toHaveLength(1);
    const b = f.bugchecks[0]!;
    expect(b).toMatchObject({
      code: 0xc4,
      name: 'DRIVER_VERIFIER_DETECTED_VIOLATION',
      args: ['00000062', '86a84ebc', '86a2d4f8', '00000001'],
      subcode: 0x62,
      imageName: 'Sample.sys',
      moduleName: 'Sample',
      faultingModule: 'Sample',
      followup: 'MachineOwner',
    });
    expect(b.meaning).toMatch(/^leaked pool at driver unload: 1 allocation\(s\)/);
    expect(b.argDescriptions![3]).toBe(
      "total # of (paged+nonpaged) allocations that weren't freed. Type !verifier 3 drivername.sys for info on the allocations that were leaked that caused the bugcheck.",
    );
    expect(b.keyValues).toMatchObject({ 'Analysis.CPU.Sec': '3', 'Analysis.Memory.CommitPeak.Mb': '85' });
    expect(Object.keys(b.keyValues!)).toHaveLength(7);
    expect(b.fields!['VERIFIER_DRIVER_ENTRY']).toBe('dt nt!_MI_VERIFIER_DRIVER_ENTRY ffffffff86a2d4f8');
    expect(f.arch).toBe('x86');
    expect(f.archEvidence).toMatch(/x86 compatible target/);
    expect(b.provenance).toMatchObject({ command: '!analyze -v', lines: [2, 78] });
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the 2015 x64 wording with BUGCHECK_STR and the STACK_TEXT frames', () => {
    const f = ingestText(fixture('analyze/c4-62-x64-2015-ovs.log'));
    const b = f.bugchecks[0]!;
    expect(b).toMatchObject({ code: 0xc4, subcode: 0x62, bugcheckStr: '0xc4_62', followup: 'MachineOwner', stackLines: [28, 36] });
    expect(b.args[3]).toBe('0000000000000005');
    expect(b.meaning).toMatch(/5 allocation\(s\)/);
    const s = f.stacks[0]!;
    expect(s.kind).toBe('STACK_TEXT');
    expect(s.frames.map((x) => x.function)).toEqual([
      'DbgBreakPointWithStatus',
      'KiBugCheckDebugBreak',
      'KeBugCheck2',
      'KeBugCheckEx',
      'VerifierBugCheckIfAppropriate',
      'VfPoolCheckForLeaks',
      '?? ::FNODOBFM::`string\'',
      'VfDriverUnloadImage',
      'MiUnloadSystemImage',
    ]);
    expect(s.frames[5]).toMatchObject({ childSp: 'ffffd000261e1310', returnAddress: 'fffff80212e2d2e8', module: 'nt', offset: 0x4a });
    expect(s.frames[3]!.args).toEqual(['00000000000000c4', '0000000000000062', 'ffffe00001b75978', 'ffffe00001bd56b0']);
    // The top stars line pasted without a prompt stays an unknown block; the banner opens the analysis.
    expect(f.blocks.map((x) => x.family)).toEqual(['unknown', 'analyze']);
    expect(f.arch).toBeUndefined();
  });

  it('reads the current x64 wording pasted without blank lines', () => {
    const f = ingestText(fixture('analyze/c4-62-x64-current-netebpfext.log'));
    const b = f.bugchecks[0]!;
    expect(b).toMatchObject({ code: 0xc4, imageName: 'netebpfext.sys', moduleName: 'netebpfext', processName: 'services.exe', faultingModule: 'netebpfext' });
    expect(b.keyValues).toEqual({ 'Timeline.Zulu': '2023-03-15T01:17:46.246Z', 'WER.OS.Branch': 'rs5_release_svc_prod1', 'WER.OS.Platform': 'Windows', 'WER.OS.Version': '10.0.17763.3650' });
    expect(f.stacks[0]!.frames[0]).toMatchObject({ function: 'KeBugCheckEx', sourceFile: 'minkernel\\ntos\\ke\\amd64\\procstat.asm', sourceLine: 140 });
    expect(b.stackLines).toEqual([47, 48]);
  });

  it('reads WDF_VIOLATION subcodes with wrapped argument text', () => {
    const five = ingestText(fixture('analyze/10d-5-x64-current-bthps3.log')).bugchecks[0]!;
    expect(five).toMatchObject({ code: 0x10d, name: 'WDF_VIOLATION', subcode: 5 });
    expect(five.argDescriptions![0]).toBe('A framework object handle of the incorrect type was passed to a framework object method.');
    expect(five.meaning).toBe('handle 0x7ff356c05ed8 of the wrong object type passed to a framework method');
    const six = ingestText(fixture('analyze/10d-6-x64-2018-touchpad.log')).bugchecks[0]!;
    expect(six.subcode).toBe(6);
    expect(six.meaning).toBe('fatal error handling a WDF request: request 0x24f58130f798 sent to an I/O target while already sent');
  });

  it('reads the short form (`BugCheck 10D, {...}`, `Probably caused by`)', () => {
    const f = ingestText(fixture('analyze/10d-short-x64-osvr.log'));
    expect(f.bugchecks[0]).toMatchObject({
      code: 0x10d,
      args: ['d', 'ffffe000fe7e2070', 'ffffe00101d575e0', 'ffffe000f33459a0'],
      subcode: 0xd,
      probablyCausedBy: 'Wdf01000.sys ( Wdf01000!FxVerifierBugCheckWorker+1e )',
      imageName: 'Wdf01000.sys',
    });
  });

  it('reads 0xA with the access kind from Arg3', () => {
    const b = ingestText(fixture('analyze/a-x64-haxm.log')).bugchecks[0]!;
    expect(b).toMatchObject({ code: 0xa, name: 'IRQL_NOT_LESS_OR_EQUAL', imageName: 'IntelHaxm.sys' });
    // 0xa6: bit 0 clear (read), bit 3 clear (not execute).
    expect(b.meaning).toMatch(/^read of 0x39cafc88 at IRQL 0xff by code at 0xfffff8002d645a32/);
  });

  it('reads `*** Fatal System Error` with its arguments when pasted without the `g` prompt', () => {
    const text = fixture('analyze/fatal-error-x86-sample.log').split('\n').slice(1).join('\n');
    const f = ingestText(text);
    expect(f.bugchecks[0]).toMatchObject({ code: 0xc4, args: ['00000062', '86a84ebc', '86a2d4f8', '00000001'], subcode: 0x62 });
  });

  it('reads the `*** Fatal System Error` argument list when a hard wrap cut it inside a word', () => {
    const list = '                       (0x0000000000000062,0xFFFF890DEE9CCEF8,0xFFFF890DF2EFCE00,0x0000000000000012)';
    const f = ingestText(['*** Fatal System Error: 0x000000c4', list.slice(0, 80), list.slice(80)].join('\n'));
    expect(f.bugchecks[0]).toMatchObject({ code: 0xc4, args: ['0000000000000062', 'ffff890dee9ccef8', 'ffff890df2efce00', '0000000000000012'], subcode: 0x62 });
  });

  it('takes the image from `Driver at fault:` after `*** Fatal System Error`, and no image from an empty one', () => {
    const lines = [
      '*** Fatal System Error: 0x000000ce',
      '                       (0xFFFFF8009EFD11AB,0x0000000000000010,0xFFFFF8009EFD11AB,0x0000000000000000)',
      '',
      'Driver at fault: kinfinityhook.sys.',
      'Break instruction exception - code 80000003 (first chance)',
    ];
    const b = ingestText(lines.join('\n')).bugchecks[0]!;
    expect(b).toMatchObject({ code: 0xce, imageName: 'kinfinityhook.sys' });
    expect(b.args[0]).toBe('fffff8009efd11ab');
    // A fault in no module: the name is empty and the module line follows with `***`.
    const none = ingestText(['*** Fatal System Error: 0x00000050', '                       (0xFFFFEB66C0047FF8,0x0000000000000002,0xFFFFF8034C32457A,0x0000000000000002)', '', 'Driver at fault: ', '***               - Address FFFFF8034C32457A base at FFFFF8034C320000, DateStamp 5284eac3'].join('\n'));
    expect(none.bugchecks[0]!.imageName).toBeUndefined();
  });

  it('reads an analysis a web page wrapped mid-word and ran together, and the verifier entry dumped after it (idebug.blogspot.com)', () => {
    const f = ingestText(readFileSync(new URL('../corpus/leak/idebug-blogspot-usbser-c4-62-wrapped-verifier-entry.txt', import.meta.url), 'utf8'));
    // No name line: `forgotten to free its pool allocations` (cut by the wrap) only 0xC4 prints.
    expect(f.bugchecks[0]).toMatchObject({ code: 0xc4, subcode: 0x62, imageName: 'usbser.sys', args: ['0000000000000062', 'fffffadfcebce290', 'fffffadfcebce1f0', '0000000000000004'] });
    const entry = f.typedObjects.find((o) => o.type === 'nt!_MI_VERIFIER_DRIVER_ENTRY')!;
    expect(entry.address).toBe('fffffadfcebce1f0');
    expect(entry.fields.find((x) => x.name === 'NonPagedBytes')).toMatchObject({ number: 0x100 });
    expect(entry.fields.find((x) => x.name === 'BaseName')!.raw).toBe('_UNICODE_STRING "usbser.sys"');
  });

  it('splits fields a page ran together, and leaves a single field alone', () => {
    expect(splitRunTogether('62 IMAGE_NAME: usbser.sys DEBUG_FLR_IMAGE_TIMESTAMP: 42435eb6 MOD')).toEqual(['62', 'IMAGE_NAME: usbser.sys', 'DEBUG_FLR_IMAGE_TIMESTAMP: 42435eb6 MOD']);
    expect(splitRunTogether('DEFAULT_BUCKET_ID:  WIN7_DRIVER_FAULT')).toEqual(['DEFAULT_BUCKET_ID:  WIN7_DRIVER_FAULT']);
  });

  it('reads the bucket ids, symbol and module of a 2015 tail, skipping multi-line source blocks', () => {
    const head = [
      '2: kd> !analyze -v',
      'DRIVER_VERIFIER_DETECTED_VIOLATION (c4)',
      'Arguments:',
      'Arg1: 0000000000000010, Attempt to free pool with invalid address  (or corruption in pool header).',
      'Arg2: ffffcf80036a8f50, Address trying to free',
      'Arg3: 0000000000000000, 0',
      'Arg4: 0000000000000000, 0',
      '',
      // Shape of the 2015 wording (windbg-formats.md §2.4); this capture's own lines follow.
      'DEFAULT_BUCKET_ID:  WIN8_DRIVER_FAULT',
      '',
      'BUGCHECK_STR:  0xc4_10',
      '',
      'FOLLOWUP_IP: ',
      'OVSExt!OvsFreeMemoryWithTag+73 [c:\\git\\ovs\\datapath-windows\\ovsext\\util.c @ 40]',
      'fffff800`0252b6da 4883c428        add     rsp,28h',
      '',
    ].join('\n');
    const f = ingestText(head + '\n' + fixture('analyze/c4-10-x64-2015-ovs-tail.log'));
    expect(f.bugchecks[0]).toMatchObject({
      code: 0xc4,
      subcode: 0x10,
      meaning: 'the driver freed 0xffffcf80036a8f50, an address no allocation returned',
      defaultBucketId: 'WIN8_DRIVER_FAULT',
      bugcheckStr: '0xc4_10',
      followupIp: 'OVSExt!OvsFreeMemoryWithTag+73 [c:\\git\\ovs\\datapath-windows\\ovsext\\util.c @ 40]',
      symbolName: 'OVSExt!OvsFreeMemoryWithTag+73',
      followup: 'MachineOwner',
      moduleName: 'OVSExt',
      imageName: 'OVSExt.sys',
      failureBucketId: '0xc4_10_VRF_OVSExt!OvsFreeMemoryWithTag',
      bucketId: '0xc4_10_VRF_OVSExt!OvsFreeMemoryWithTag',
    });
    expect(f.bugchecks[0]!.fields!['FAILURE_ID_HASH']).toBe('{eb6f2ba2-eed1-8cb4-06bd-346290bbe79e}');
    expect(f.bugchecks[0]!.fields!['FAULTING_SOURCE_CODE']).toBeUndefined();
    expect(f.diagnostics).toEqual([]);
  });

  it('reads a digest a reader rewrote: `Arg1: 0x62 - …` arguments, the bucket in prose, a `kc` stack with notes (zarfld/IntelAvbFilter)', () => {
    const text = [
      '**Bug Check Details**:',
      '```',
      'DRIVER_VERIFIER_DETECTED_VIOLATION (c4)',
      'Arguments:',
      'Arg1: 0x62 - A driver has forgotten to free its pool allocations prior to unloading',
      'Arg2: ffff9d09093fae18 - name of the driver having the issue',
      'Arg3: ffff9d090d229b60 - verifier internal structure with driver information',
      "Arg4: 0xc - total # of (paged+nonpaged) allocations that weren't freed (12 allocations)",
      '```',
      '',
      '**Failure Bucket**: `0xc4_62_LEAKED_POOL_IMAGE_IntelAvbFilter.sys`',
      '',
      '**Stack Trace**:',
      '```',
      '00 nt!KeBugCheckEx',
      '01 nt!CarInitiateBugcheck+0x47',
      '02 nt!VfPoolCheckForLeaks+0x60                   <-- Driver Verifier checking leaks',
      '03 nt!VfDriverUnloadImage+0x40                   <-- Driver unload path',
      '```',
      '',
    ].join('\n');
    const f = ingestText(text);
    expect(f.bugchecks[0]).toMatchObject({
      code: 0xc4,
      args: ['62', 'ffff9d09093fae18', 'ffff9d090d229b60', 'c'],
      subcode: 0x62,
      failureBucketId: '0xc4_62_LEAKED_POOL_IMAGE_IntelAvbFilter.sys',
    });
    expect(f.bugchecks[0]!.argDescriptions![0]).toBe('A driver has forgotten to free its pool allocations prior to unloading');
    expect(f.stacks).toHaveLength(1);
    expect(f.stacks[0]!.kind).toBe('kc');
    expect(f.stacks[0]!.frames.map((x) => x.site)).toEqual([
      'nt!KeBugCheckEx',
      'nt!CarInitiateBugcheck+0x47',
      'nt!VfPoolCheckForLeaks+0x60',
      'nt!VfDriverUnloadImage+0x40',
    ]);
    expect(f.stacks[0]!.frames[2]).toMatchObject({ module: 'nt', function: 'VfPoolCheckForLeaks', offset: 0x60 });
  });

  it('opens no `kc` stack on a line that only starts with 00 and leaves `FAILURE_BUCKET_ID:` to the field reader', () => {
    const f = ingestText(
      ['DRIVER_VERIFIER_DETECTED_VIOLATION (c4)', 'Arguments:', 'Arg1: 0000000000000062, A driver has forgotten to free its pool allocations prior to unloading.', '', '00 of the allocations were freed', 'FAILURE_BUCKET_ID:  0xc4_62_VRF_LEAKED_POOL_IMAGE_x.sys', ''].join('\n'),
    );
    expect(f.stacks).toEqual([]);
    expect(f.bugchecks[0]!.failureBucketId).toBe('0xc4_62_VRF_LEAKED_POOL_IMAGE_x.sys');
  });

  it('keeps the first MAX_FRAMES rows of an endless STACK_TEXT and counts the rest', () => {
    const row = (i: number): string => `ffffd000\`261e${(i % 0x10000).toString(16).padStart(4, '0')} fffff802\`12e5a7c6 : 00000000\`00000000 00000000\`00000000 ffffd000\`261e0c80 fffff802\`12d7f654 : nt!Frame${i}+0x12`;
    const f = ingestText(['0: kd> !analyze -v', 'DRIVER_VERIFIER_DETECTED_VIOLATION (c4)', 'STACK_TEXT:', ...Array.from({ length: MAX_FRAMES + 50 }, (_, i) => row(i))].join('\n'));
    expect(f.stacks[0]!.frames).toHaveLength(MAX_FRAMES);
    expect(f.stacks[0]!.frames.at(-1)!.function).toBe(`Frame${MAX_FRAMES - 1}`);
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'frames-dropped', line: 4 })]);
    expect(f.diagnostics[0]!.message).toContain('left out 50');
  });

  it('reports an analysis with no bugcheck code', () => {
    const f = ingestText('0: kd> !analyze -v\nERROR: Unable to find system thread\n');
    expect(f.bugchecks).toEqual([]);
    expect(f.diagnostics).toMatchObject([{ code: 'no-bugcheck', line: 2 }]);
  });
});

describe('bugcheck meanings', () => {
  it('covers the leak and pool subcodes of 0xC4', () => {
    expect(bugcheckMeaning(0xc4, ['60', '100', '200', '3']).text).toBe('leaked pool at driver unload: 256 bytes paged and 512 bytes nonpaged in 3 allocations (Pool Tracking)');
    expect(bugcheckMeaning(0xc4, ['13', '0', 'ffffe000aa00', '0']).text).toBe('the driver freed pool that was already freed');
    expect(bugcheckMeaning(0xc4, ['f6', '36c', 'b0e04a40', '81717021'])).toEqual({ subcode: 0xf6, text: 'Driver Verifier violation subcode 0xf6' });
  });

  it('covers 0x19 and 0xC2 pool corruption', () => {
    expect(bugcheckMeaning(0x19, ['0000000000000020', 'ffff8a0001234560', 'ffff8a0001234570', '0000000004050002'])).toMatchObject({
      subcode: 0x20,
      text: 'pool block header size corrupt (entry 0xffff8a0001234560, next 0xffff8a0001234570)',
    });
    expect(bugcheckMeaning(0xc2, ['7', '0', '0', 'FFFFBE073F1A7E28']).text).toBe('pool block 0xFFFFBE073F1A7E28 freed twice');
    expect(bugcheckMeaning(0xc2, ['0000000000000099', 'ffffc00000001230', '0', '0']).subcode).toBe(0x99);
  });

  it('covers the 0x10D lock sub-table and leaves unknown codes alone', () => {
    expect(bugcheckMeaning(0x10d, ['b', '7ff356c05ed8', '1', '0']).text).toBe('spin lock 0x7ff356c05ed8 released by a thread that did not acquire it');
    expect(bugcheckMeaning(0x133, ['1', '0', '0', '0'])).toEqual({});
  });
});
