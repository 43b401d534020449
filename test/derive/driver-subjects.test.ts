// Driver subjects: which driver each WDF fact belongs to, deleted-but-referenced objects merged over
// !wdfhandle / !wdfobject / dt, the tag tracker's outstanding tags, the KMDF verifier's IFR reports,
// !wdfpoolusage and the unload context. Inputs are real documentation and bug-report captures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { deriveDriverSubjects } from '../../engine/derive/driver-subjects.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';

const ROOT = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, ROOT), 'utf8');
const drivers = (text: string) => new Map(deriveDriverSubjects(ingestText(text, 't.log'), KNOWLEDGE).map((s) => [s.id, s]));

// The `!wdfpoolusage` example of Microsoft's documentation.
const POOLUSAGE = [
  'kd> !wdfpoolusage wdfrawbusenumtest 0 0',
  '-----------------------------------',
  'FxDriverGlobals 83b7af18 pool stats',
  '-----------------------------------',
  "Driver Tag: 'RawB'",
  '15126 NonPaged Bytes, 548 Paged Bytes',
  '94 NonPaged Allocations, 10 Paged Allocations',
  '15610 PeakNonPaged Bytes, 752 PeakPaged Bytes',
  '100 PeakNonPaged Allocations, 14 PeakPaged Allocations',
  '',
  "pool 82dbae00, Size  512 Tag 'RawB', NonPaged, Caller: Wdf01000!FxVerifierLock::AllocateThreadTable+5d",
  '',
].join('\n');

describe('deriveDriverSubjects', () => {
  it('merges !wdfhandle (refcount) and !wdfobject (state) of one request and links its tag tracker', () => {
    const s = drivers(read('rules/signatures/deleted-object-still-referenced/positive/request-reference-never-released.log')).get('contosofx')!;
    expect(s.facts['driver']).toMatchObject({ name: 'contosofx', image: 'contosofx.sys', verifierOn: true, handle: '0x000047f1d84be398' });
    expect(s.facts['references']).toEqual({
      deletedReferenced: 1,
      abandoned: 0,
      sampleHandle: '0x000047f1d6c8e3f8',
      sampleObject: '0xffffb80e29371c00',
      sampleType: 'WDFREQUEST',
      sampleRefcount: 1,
      sampleState: 'FxObjectStateDeletedAndDisposed',
      historyShowsDelete: true,
      // Initial +1, 'dwFx' +1, '....' -1: balance 1; the dwFx reference was never released.
      trackerBalance: 1,
      trackerOutstandingTags: 1,
      tracker: '0xffffb80e2a0c4e60',
    });
  });

  it('a live object with balanced references gives no references fact', () => {
    const s = drivers(read('rules/signatures/deleted-object-still-referenced/negative/live-request-balanced-references.log')).get('contosofx')!;
    expect(s.facts['references']).toBeUndefined();
  });

  it('reads a deleted object from a dt dump: DELETECALLED, refcount above zero, state not Created', () => {
    const dt = (refcnt: string, state: string) =>
      [
        '0: kd> dt Wdf01000!FxObject ffffb80e29371c00',
        '   +0x000 __VFN_table : 0xfffff805`27b0e6a8 ',
        '   +0x008 m_Type           : 0x1008',
        '   +0x00a m_ObjectSize     : 0x1c0',
        `   +0x00c m_Refcnt         : ${refcnt}`,
        '   +0x010 m_Globals        : 0xffffb80e`27b41e50 _FX_DRIVER_GLOBALS',
        '   +0x018 m_ObjectFlags    : 0x88c',
        `   +0x01a m_ObjectState    : ${state}`,
        '',
      ].join('\n');
    // No driver is named anywhere: the subject is the unknown driver.
    expect(drivers(dt('0n1', '0xa')).get('(unknown driver)')!.facts['references']).toMatchObject({ deletedReferenced: 1, sampleRefcount: 1, sampleType: 'WDFREQUEST' });
    expect(drivers(dt('0n0', '0xa')).size).toBe(0);
    expect(drivers(dt('0n2', '1')).size).toBe(0);
  });

  it('reads the FxPoolDump records of ovpn-dco-win issue 25 and the unload around them', () => {
    const s = drivers(read('rules/signatures/kmdf-verifier-leak-at-unload/positive/ovpn-dco-fxpool-leak.log')).get('ovpn-dco')!;
    expect(s.facts['kmdfVerifier']).toEqual({
      reports: 2,
      // One FxPoolDump summary and one leaked FX_POOL block in the transcript.
      reportKinds: ['fxpool-leak', 'fxpool-summary'],
      poolDump: true,
      nonpagedBytes: 136,
      pagedBytes: 0,
      nonpagedAllocations: 1,
      pagedAllocations: 0,
      outstandingAllocations: 1,
      leakedAllocations: 1,
      leakedMdls: 0,
      firstLeak: '0xffffcf0fb5044a50',
      firstTrackingBlock: '0xffffcf0fb5044a10',
      // The fixture also has the k stack of the break: FxPoolDump → FxVerifierDbgBreakPoint.
      leakBreakOnStack: true,
      verdict: 'the KMDF verifier found 1 leaked FX_POOL allocation(s) and 0 leaked PMDL(s)',
    });
    expect(s.facts['unloading']).toEqual({ seen: true });
    // The KMDF rule on the name: 'ovpn-dco' → 'ovpn'.
    expect(s.facts['driver']).toMatchObject({ name: 'ovpn-dco', tag: 'ovpn' });
  });

  it('an FxPoolDump record pasted with no prompt and no driver name still makes an unnamed driver subject (ovpn-dco-win#25)', () => {
    const text = readFileSync(new URL('../corpus/leak/ovpn-dco-win-25-wdfcrashdump-fxpooldump-tail.txt', import.meta.url), 'utf8');
    const s = drivers(text).get('(unknown driver)')!;
    expect(s.facts['kmdfVerifier']).toMatchObject({ leakedAllocations: 1, outstandingAllocations: 1, firstLeak: '0xffffcf0fb5044a50' });
    expect(s.facts['driver']).toMatchObject({ label: 'a driver (its name is not in the text)', bucketName: 'UNKNOWN' });
  });

  it('a k stack in which FxPoolDump breaks into the debugger is a KMDF verifier leak report (ovpn-dco-win#25)', () => {
    const text = readFileSync(new URL('../corpus/leak/ovpn-dco-win-25-k-fxverifierdbgbreakpoint.txt', import.meta.url), 'utf8');
    const s = drivers(text).get('(unknown driver)')!;
    expect(s.facts['kmdfVerifier']).toMatchObject({ leakBreakOnStack: true, verdict: 'the KMDF verifier broke in FxPoolDump: framework pool allocations were still outstanding' });
  });

  it('reads !wdfpoolusage and takes the driver tag it prints over the one derived from the name', () => {
    const s = drivers(POOLUSAGE).get('wdfrawbusenumtest')!;
    expect(s.facts['poolUsage']).toEqual({
      driverTag: 'RawB',
      nonpagedBytes: 15126,
      pagedBytes: 548,
      nonpagedAllocations: 94,
      pagedAllocations: 10,
      listed: 1,
      topCaller: 'Wdf01000!FxVerifierLock::AllocateThreadTable+5d',
      topCallerCount: 1,
      driverCallers: 0,
    });
    expect(s.facts['driver']).toMatchObject({ tag: 'RawB' });
    expect(s.summary.tag).toBe('RawB');
  });

  it('gives an IFR log without a driver name to the driver named just before it', () => {
    const text = read('rules/signatures/kmdf-verifier-excessive-objects/positive/contosohid-object-limit.log').replace('!wdfkd.wdflogdump contosohid', '!wdfkd.wdflogdump');
    const s = drivers(text);
    expect([...s.keys()]).toEqual(['contosohid']);
    expect(s.get('contosohid')!.facts['kmdfVerifier']).toMatchObject({ reportKinds: ['excessive-objects'], excessiveObjects: 5000, excessiveLimit: 5000, excessiveScaledLimit: 5000 });
  });
});
