import { describe, expect, it } from 'vitest';
import { componentOffsets, explainBlockSize, locateFxObject } from '../../engine/derive/fx-pool-block.js';
import { FX_POOL_LOCATOR } from '../../engine/reference/layouts.js';
import { ACP, Memory, writeAcpWorkItem } from './fx-bytes.js';

/** The ACP 0x140-byte block at ffffda000f16ed30: FX_POOL_HEADER {Base = itself, globals}, FxWorkItem at +0x10. */
function acpRetailBlock(): Memory {
  const m = new Memory(0x140).u64(0x0, ACP.block).u64(0x8, ACP.globals);
  return writeAcpWorkItem(m, 0x10, ACP.object);
}

describe('locating the FxObject in a pool block', () => {
  it('finds the ACP work item at !poolfind address + 0x10 (retail x64)', () => {
    const loc = locateFxObject(acpRetailBlock().bytes, { arch: 'x64', blockAddress: 'ffffda00`0f16ed30' });
    expect(loc).toMatchObject({
      found: true,
      mode: 'retail',
      fxPoolHeaderOffset: 0,
      objectOffset: 0x10,
      objectAddress: 'ffffda000f16ed40',
      driverGlobals: 'ffffda0ff0157710',
    });
    expect(loc.checks.map((c) => [c.id, c.ok])).toEqual([
      ['base-self', true],
      ['globals-match', true],
      ['type-known', true],
    ]);
    expect(loc.object!.type!.name).toBe('FX_TYPE_WORKITEM');
    expect(loc.object!.workItem!.callback).toBe('fffff8009f760a28');
    expect(loc.tried.map((t) => t.mode)).toEqual(['pool-tracking+handle-verifier', 'pool-tracking', 'handle-verifier', 'retail']);
  });

  it('finds the object at +0x80 with the KMDF verifier on (tracker, header at +0x40, "FxOD" at +0x70)', () => {
    const P = 0xffffda0012345670n;
    const m = new Memory(0x1a0)
      .u64(0x00, P) // FX_POOL_TRACKER.Link (self-linked here)
      .u64(0x08, P)
      .u64(0x10, 0xffffda0ff0157800n) // Pool
      .ascii(0x18, 'amda') // Tag
      .u64(0x20, 0x158n) // Size
      .u32(0x28, 0x200) // PoolType NonPagedPoolNx
      .u64(0x30, 0xfffff8040591e433n) // CallersAddress
      .u64(0x40, P) // FX_POOL_HEADER.Base → the tracker
      .u64(0x48, ACP.globals)
      .u64(0x50, 0xffffda0011112220n) // TagTracker
      .u64(0x58, 0xffffda0011113330n) // VerifierLock
      .ascii(0x70, 'FxOD');
    writeAcpWorkItem(m, 0x80, P + 0x80n, { flags: 0x899 });
    const loc = locateFxObject(m.bytes, { arch: 'x64', blockAddress: P, poolTag: 'amda' });
    expect(loc).toMatchObject({
      found: true,
      mode: 'pool-tracking+handle-verifier',
      trackerOffset: 0,
      fxPoolHeaderOffset: 0x40,
      debugExtensionOffset: 0x50,
      objectOffset: 0x80,
      tracker: { tag: 'amda', size: 0x158, callersAddress: 'fffff8040591e433' },
      debugExtension: { tagTracker: 'ffffda0011112220', verifierLock: 'ffffda0011113330', signatureOk: true },
    });
    expect(loc.object!.flags!.hasDebug).toBe(true);
    expect(loc.checks.map((c) => c.id)).toEqual(['base-self', 'globals-match', 'type-known', 'debug-signature', 'tracker-tag']);
  });

  it('finds the object after the debug extension alone (handle verifier without pool tracking)', () => {
    const P = 0xffffda0012340010n;
    const m = new Memory(0x140).u64(0x0, P).u64(0x8, ACP.globals).ascii(0x30, 'FxOD');
    writeAcpWorkItem(m, 0x40, P + 0x40n, { flags: 0x899 });
    expect(locateFxObject(m.bytes, { arch: 'x64', blockAddress: P })).toMatchObject({ found: true, mode: 'handle-verifier', objectOffset: 0x40 });
  });

  it('takes a page-aligned block as headerless: the ACP device at ffffda0ff7ce3000 starts at the block', () => {
    const m = new Memory(0x80).u64(0x0, 0xfffff8005981a000n).u16(0x8, 0x1002).u16(0xa, 0x3380).u32(0xc, 5).u64(0x10, ACP.globals).u16(0x1a, 1);
    const loc = locateFxObject(m.bytes, { arch: 'x64', blockAddress: 0xffffda0ff7ce3000n });
    expect(loc).toMatchObject({ found: true, mode: 'large-no-header', objectOffset: 0, objectAddress: 'ffffda0ff7ce3000', driverGlobals: 'ffffda0ff0157710' });
    expect(loc.object!.type!.handleType).toBe('WDFDEVICE');
  });

  it('finds the x86 object at +8', () => {
    const P = 0x82dbae00;
    const m = new Memory(0x60).u32(0x0, P).u32(0x4, 0x83b7af18).u16(0x8 + 0x4, 0x1028).u16(0x8 + 0x6, 0x58).u32(0x8 + 0x8, 1).u32(0x8 + 0xc, 0x83b7af18).u16(0x8 + 0x12, 1);
    expect(locateFxObject(m.bytes, { arch: 'x86', blockAddress: '82dbae00' })).toMatchObject({ found: true, mode: 'retail', objectOffset: 8, objectAddress: '82dbae08' });
  });

  it('reports what failed when nothing matches', () => {
    const wrongGlobals = acpRetailBlock().u64(0x8, 0xffffda0ff0150000n);
    const loc = locateFxObject(wrongGlobals.bytes, { arch: 'x64', blockAddress: ACP.block });
    expect(loc.found).toBe(false);
    expect(loc.tried.every((t) => !t.ok)).toBe(true);
    expect(loc.checks.find((c) => c.id === 'globals-match')).toMatchObject({ ok: false });
    expect(locateFxObject(new Uint8Array(0x40), { arch: 'x64', blockAddress: ACP.block }).found).toBe(false);
    expect(locateFxObject('zz', { arch: 'x64', blockAddress: ACP.block })).toEqual({ found: false, checks: [], tried: [] });
    // The same bytes at another address: Base no longer points to the block.
    expect(locateFxObject(acpRetailBlock().bytes, { arch: 'x64', blockAddress: ACP.block + 0x10n }).found).toBe(false);
  });

  it('derives the offsets of every locator example from the component list', () => {
    for (const e of FX_POOL_LOCATOR.examples) {
      const at = componentOffsets(e.arch, e.mode)!;
      expect(at['FxObject'], `${e.arch} ${e.mode}`).toBe(parseInt(e.objectOffset, 16));
      if (e.fxPoolHeaderOffset) expect(at['FX_POOL_HEADER']).toBe(parseInt(e.fxPoolHeaderOffset, 16));
      if (e.debugExtensionOffset) expect(at['FxObjectDebugExtension']).toBe(parseInt(e.debugExtensionOffset, 16));
    }
    // Hand values from fxobject-layout.md §5 (x64 verifier on): header +0x40, extension +0x50, object +0x80.
    expect(componentOffsets('x64', 'pool-tracking+handle-verifier')).toEqual({ FX_POOL_TRACKER: 0, FX_POOL_HEADER: 0x40, FxObjectDebugExtension: 0x50, FxObject: 0x80 });
    expect(componentOffsets('x64', 'retail')).toEqual({ FX_POOL_HEADER: 0, FxObject: 0x10 });
  });
});

describe('block size ↔ m_ObjectSize + context', () => {
  it('ACP: ExAllocatePool2 0x138 = 0x10 + 0xd0 + 0x30 + a 0x28 context → context of 0x21..0x28 bytes', () => {
    const e = explainBlockSize({ arch: 'x64', size: 0x138, kind: 'nt-request', objectSize: 0xd0 })!;
    expect(e).toMatchObject({ fxRequestMin: 0x128, fxRequestMax: 0x128, headerBytes: 0x10, contextHeaderBytes: 0x30, contextAlignedMin: 0x28, contextAlignedMax: 0x28, contextMin: 0x21, contextMax: 0x28, fits: true });
    expect(explainBlockSize({ arch: 'x64', size: 0x128, kind: 'fx-request', objectSize: 0xd0 })).toMatchObject({ contextMin: 0x21, contextMax: 0x28 });
  });

  it('ACP: !poolfind size 0x140 leaves a context of 0x21..0x30 bytes', () => {
    expect(explainBlockSize({ arch: 'x64', size: 0x140, kind: 'poolfind', objectSize: 0xd0 })).toMatchObject({
      fxRequestMin: 0x121,
      fxRequestMax: 0x130,
      contextMin: 0x21,
      contextMax: 0x30,
      fits: true,
    });
  });

  it('adds the tracker and the debug extension when the verifier is on, and flags sizes too small', () => {
    // 0x40 tracker + 0x10 header + 0x30 extension + 0xd0 object + 0x30 context header + 0x28 context = 0x1a8.
    const v = explainBlockSize({ arch: 'x64', size: 0x1a8, kind: 'nt-request', objectSize: 0xd0, poolTracking: true, handleVerifier: true })!;
    expect([v.headerBytes, v.contextMin, v.contextMax]).toEqual([0x40 + 0x10 + 0x30, 0x21, 0x28]);
    expect(explainBlockSize({ arch: 'x64', size: 0x100, kind: 'nt-request', objectSize: 0xd0 })!.fits).toBe(false);
  });

  it('uses the block size with header on legacy !pool output and no WDF header on big-pool blocks', () => {
    // x86 legacy !pool "size: c0": requests 0xb1..0xb8 (8-byte header, 8-byte units), minus the 8-byte
    // FX_POOL_HEADER = 0xa9..0xb0; minus object 0x78 and context header 0x18 = 0x19..0x20 of context,
    // i.e. 4-byte-aligned 0x1c..0x20, so the driver context is 0x19..0x20 bytes.
    expect(explainBlockSize({ arch: 'x86', size: 0xc0, kind: 'pool-block', objectSize: 0x78 })).toMatchObject({ fxRequestMin: 0xa9, fxRequestMax: 0xb0, contextMin: 0x19, contextMax: 0x20 });
    // Big pool: "size 0x3420" is the request itself, object at the block start.
    expect(explainBlockSize({ arch: 'x64', size: 0x3420, kind: 'large', objectSize: 0x3380 })).toMatchObject({ headerBytes: 0, fxRequestMax: 0x3420, contextMin: 0x69, contextMax: 0x70 });
  });
});
