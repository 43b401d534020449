// Offsets hand-copied from the tables of rules/reference/sources/fxobject-layout.md (§2, §3, §5, §7) and
// wdf-driver-pool-tag.md (§2, §3); each row is checked against the layout JSON through the accessor.
import { describe, expect, it } from 'vitest';
import {
  archAssumption,
  bytesFromHex,
  enumDefinition,
  FX_POOL_LOCATOR,
  HANDLE_RULE,
  layoutConstant,
  NO_DELETE_DDI,
  readField,
  SIZE_ARITHMETIC,
  structLayout,
  type WdfVariant,
} from '../../engine/reference/layouts.js';
import { fxTypeByName } from '../../engine/reference/fx-types.js';
import type { Arch } from '../../engine/types/facts.js';

type Row = [field: string, x64shipped: number, x64dbg0: number, x86shipped: number, x86dbg0: number];

function expectOffsets(struct: string, rows: Row[]): void {
  const columns: Array<[Arch, WdfVariant, number]> = [
    ['x64', 'shipped', 1],
    ['x64', 'dbg-wdf-0', 2],
    ['x86', 'shipped', 3],
    ['x86', 'dbg-wdf-0', 4],
  ];
  for (const [arch, variant, col] of columns) {
    const layout = structLayout(struct, arch, variant)!;
    expect(layout, `${struct} ${arch} ${variant}`).toBeDefined();
    for (const row of rows) {
      expect(layout.field(row[0])?.offset, `${struct}.${row[0]} ${arch} ${variant}`).toBe(row[col]);
    }
  }
}

describe('FxObject (fxobject-layout.md §2)', () => {
  it('has the offsets of every column of the table', () => {
    expectOffsets('FxObject', [
      ['__VFN_table', 0x000, 0x000, 0x00, 0x00],
      ['m_Type', 0x008, 0x008, 0x04, 0x04],
      ['m_ObjectSize', 0x00a, 0x00a, 0x06, 0x06],
      ['m_Refcnt', 0x00c, 0x00c, 0x08, 0x08],
      ['m_Globals', 0x010, 0x010, 0x0c, 0x0c],
      ['m_ObjectFlags', 0x018, 0x018, 0x10, 0x10],
      ['m_ObjectState', 0x01a, 0x01a, 0x12, 0x12],
      ['m_ChildListHead', 0x020, 0x020, 0x14, 0x14],
      ['m_SpinLock', 0x030, 0x030, 0x1c, 0x1c],
      ['m_ParentObject', 0x040, 0x038, 0x24, 0x20],
      ['m_ChildEntry', 0x048, 0x040, 0x28, 0x24],
      ['m_DisposeSingleEntry', 0x058, 0x050, 0x30, 0x2c],
      ['m_DeviceBase', 0x060, 0x058, 0x34, 0x30],
    ]);
  });

  it('has sizeof(FxObject) and the MxLock sizes of each variant', () => {
    expect(structLayout('FxObject', 'x64', 'shipped')!.size).toBe(0x68);
    expect(structLayout('FxObject', 'x64', 'dbg-wdf-0')!.size).toBe(0x60);
    expect(structLayout('FxObject', 'x86', 'shipped')!.size).toBe(0x38);
    expect(structLayout('FxObject', 'x86', 'dbg-wdf-0')!.size).toBe(0x34);
    expect(structLayout('FxObject', 'x64', 'shipped')!.field('m_SpinLock')!.size).toBe(16);
    expect(structLayout('FxObject', 'x64', 'dbg-wdf-0')!.field('m_SpinLock')!.size).toBe(8);
    expect(structLayout('FxObject', 'x86', 'shipped')!.field('m_SpinLock')!.size).toBe(8);
    expect(structLayout('FxObject', 'x86', 'dbg-wdf-0')!.field('m_SpinLock')!.size).toBe(4);
  });

  it('answers union and bit-field names dt prints at the same offset', () => {
    const l = structLayout('FxObject', 'x64')!;
    expect(l.field('m_ObjectFlagsByName')!.offset).toBe(0x18);
    expect(l.field('m_Device')!.offset).toBe(0x60);
    expect(l.variant).toBe('shipped'); // the default variant
    expect(l.evidence).toBe('pdb');
    expect(structLayout('FxObject', 'x86')!.evidence).toBe('calc');
  });

  it('keeps fields in order without overlap except declared unions', () => {
    for (const arch of ['x64', 'x86'] as const) {
      for (const variant of ['shipped', 'dbg-wdf-0'] as const) {
        const fields = structLayout('FxObject', arch, variant)!.fields;
        for (let i = 1; i < fields.length; i++) {
          expect(fields[i]!.offset, `${arch} ${variant} ${fields[i]!.name}`).toBeGreaterThanOrEqual(fields[i - 1]!.offset + fields[i - 1]!.size);
        }
      }
    }
  });
});

describe('FxWorkItem (fxobject-layout.md §3)', () => {
  it('has the offsets of every column of the table', () => {
    expectOffsets('FxWorkItem', [
      ['m_NPLock', 0x068, 0x060, 0x38, 0x34],
      ['m_WorkItem', 0x078, 0x068, 0x40, 0x38],
      ['m_RunningDown', 0x080, 0x070, 0x44, 0x3c],
      ['m_Enqueued', 0x081, 0x071, 0x45, 0x3d],
      ['m_WorkItemRunningCount', 0x084, 0x074, 0x48, 0x40],
      ['m_Object', 0x088, 0x078, 0x4c, 0x44],
      ['m_CallbackLock', 0x090, 0x080, 0x50, 0x48],
      ['m_CallbackLockObject', 0x098, 0x088, 0x54, 0x4c],
      ['m_Callback', 0x0a0, 0x090, 0x58, 0x50],
      ['m_WorkItemCompleted', 0x0a8, 0x098, 0x5c, 0x54],
      ['m_WorkItemThread', 0x0c8, 0x0b0, 0x70, 0x64],
    ]);
  });

  it('has sizeof and m_ObjectSize per column (0xd0/0xd0, 0xb8/0xc0, 0x74/0x78, 0x68/0x68)', () => {
    const sizes = (arch: Arch, v: WdfVariant): [number?, number?] => {
      const l = structLayout('FxWorkItem', arch, v)!;
      return [l.size, l.objectSize];
    };
    expect(sizes('x64', 'shipped')).toEqual([0xd0, 0xd0]);
    expect(sizes('x64', 'dbg-wdf-0')).toEqual([0xb8, 0xc0]);
    expect(sizes('x86', 'shipped')).toEqual([0x74, 0x78]);
    expect(sizes('x86', 'dbg-wdf-0')).toEqual([0x68, 0x68]);
  });

  it('starts right after the FxObject base in every variant', () => {
    for (const arch of ['x64', 'x86'] as const) {
      for (const v of ['shipped', 'dbg-wdf-0'] as const) {
        expect(structLayout('FxWorkItem', arch, v)!.fields[0]!.offset).toBe(structLayout('FxObject', arch, v)!.size);
      }
    }
  });
});

describe('WDF pool headers (fxobject-layout.md §5, §7)', () => {
  it('has the header and extension sizes', () => {
    const c = (name: string, arch: Arch): number | undefined => layoutConstant(name, arch);
    expect([c('FX_POOL_HEADER_SIZE', 'x64'), c('FX_POOL_HEADER_SIZE', 'x86')]).toEqual([0x10, 0x8]);
    expect([c('FX_POOL_TRACKER_SIZE', 'x64'), c('FX_POOL_TRACKER_SIZE', 'x86')]).toEqual([0x40, 0x20]);
    expect([c('FX_OBJECT_DEBUG_EXTENSION_SIZE', 'x64'), c('FX_OBJECT_DEBUG_EXTENSION_SIZE', 'x86')]).toEqual([0x30, 0x20]);
    expect([c('FX_CONTEXT_HEADER_SIZE', 'x64'), c('FX_CONTEXT_HEADER_SIZE', 'x86')]).toEqual([0x30, 0x18]);
    expect(c('FX_OBJECT_DEBUG_SIGNATURE', 'x86')).toBe(0x444f7846);
    expect(structLayout('FX_POOL_TRACKER', 'x64')!.size).toBe(0x40);
  });

  it('puts the FxObjectDebugExtension fields where the table says', () => {
    const rows: Array<[string, number, number]> = [
      ['TagTracker', 0x0, 0x0],
      ['VerifierLock', 0x8, 0x4],
      ['StateHistory', 0x10, 0x8],
      ['StateHistoryIndex', 0x18, 0x10],
      ['ObjectCounted', 0x1c, 0x14],
      ['Signature', 0x20, 0x18],
    ];
    for (const [name, x64, x86] of rows) {
      expect(structLayout('FxObjectDebugExtension', 'x64')!.field(name)!.offset, name).toBe(x64);
      expect(structLayout('FxObjectDebugExtension', 'x86')!.field(name)!.offset, name).toBe(x86);
    }
  });

  it('reads the "FxOD" bytes as the signature value', () => {
    const sig = structLayout('FxObjectDebugExtension', 'x64')!.field('Signature')!;
    const bytes = new Uint8Array(0x30);
    bytes.set([...'FxOD'].map((ch) => ch.charCodeAt(0)), 0x20);
    expect(readField(bytes, sig)).toBe(0x444f7846n);
  });

  it('puts the FxContextHeader and WDF_OBJECT_CONTEXT_TYPE_INFO fields where the tables say', () => {
    const ctx: Array<[string, number, number]> = [
      ['Object', 0x0, 0x0],
      ['NextHeader', 0x8, 0x4],
      ['EvtCleanupCallback', 0x10, 0x8],
      ['EvtDestroyCallback', 0x18, 0xc],
      ['ContextTypeInfo', 0x20, 0x10],
      ['Context', 0x30, 0x18],
    ];
    for (const [name, x64, x86] of ctx) {
      expect(structLayout('FxContextHeader', 'x64')!.field(name)!.offset, name).toBe(x64);
      expect(structLayout('FxContextHeader', 'x86')!.field(name)!.offset, name).toBe(x86);
    }
    const info: Array<[string, number, number]> = [
      ['Size', 0x0, 0x0],
      ['ContextName', 0x8, 0x4],
      ['ContextSize', 0x10, 0x8],
      ['UniqueType', 0x18, 0xc],
      ['EvtDriverGetUniqueContextType', 0x20, 0x10],
    ];
    for (const [name, x64, x86] of info) {
      expect(structLayout('WDF_OBJECT_CONTEXT_TYPE_INFO', 'x64')!.field(name)!.offset, name).toBe(x64);
      expect(structLayout('WDF_OBJECT_CONTEXT_TYPE_INFO', 'x86')!.field(name)!.offset, name).toBe(x86);
    }
  });

  it('matches the !wdfhandle docs example: x86 context at object + m_ObjectSize + 0x18', () => {
    // 0x83584ff8 - 0x83584e38 = 0x1c0 = m_ObjectSize (0x1a8, derived) + FX_CONTEXT_HEADER_SIZE.
    expect(0x83584e38 + 0x1a8 + layoutConstant('FX_CONTEXT_HEADER_SIZE', 'x86')!).toBe(0x83584ff8);
  });

  it('states the locator offsets of §5 as examples the component list reproduces', () => {
    const x64v = FX_POOL_LOCATOR.examples.find((e) => e.arch === 'x64' && e.mode === 'pool-tracking+handle-verifier')!;
    expect(x64v).toMatchObject({ fxPoolHeaderOffset: '0x40', debugExtensionOffset: '0x50', signatureOffset: '0x70', objectOffset: '0x80' });
    expect(FX_POOL_LOCATOR.examples.find((e) => e.arch === 'x64' && e.mode === 'retail')!.objectOffset).toBe('0x10');
    expect(FX_POOL_LOCATOR.components.map((c) => c.name)).toEqual(['FX_POOL_TRACKER', 'FX_POOL_HEADER', 'FxObjectDebugExtension', 'FxObject']);
  });

  it('keeps the ACP size arithmetic (0xd0 + 0x30 + 0x28 = 0x128; + 0x10 = 0x138)', () => {
    const e = SIZE_ARITHMETIC.example;
    expect(parseInt(e.objectSize, 16) + layoutConstant('FX_CONTEXT_HEADER_SIZE', 'x64')! + 0x28).toBe(parseInt(e.fxRequest, 16));
    expect(parseInt(e.fxRequest, 16) + layoutConstant('FX_POOL_HEADER_SIZE', 'x64')!).toBe(parseInt(e.ntRequest, 16));
    expect(e).toMatchObject({ fxRequest: '0x128', ntRequest: '0x138', contextSizeMin: '0x21', contextSizeMax: '0x28' });
  });
});

describe('_FX_DRIVER_GLOBALS and WDF_DRIVER_GLOBALS (wdf-driver-pool-tag.md §2)', () => {
  it('has the offsets of every column of the table, Tag included', () => {
    expectOffsets('_FX_DRIVER_GLOBALS', [
      ['Linkage', 0x00, 0x00, 0x00, 0x00],
      ['Refcnt', 0x10, 0x10, 0x08, 0x08],
      ['DestroyEvent', 0x18, 0x18, 0x0c, 0x0c],
      ['WdfHandleMask', 0x38, 0x30, 0x20, 0x1c],
      ['WdfVerifierAllocateFailCount', 0x40, 0x38, 0x24, 0x20],
      ['Tag', 0x44, 0x3c, 0x28, 0x24],
      ['DriverObject', 0x48, 0x40, 0x2c, 0x28],
      ['Driver', 0x50, 0x48, 0x30, 0x2c],
      ['DebugExtension', 0x58, 0x50, 0x34, 0x30],
    ]);
    expect(structLayout('_FX_DRIVER_GLOBALS', 'x64')!.partial).toBe(true);
  });

  it('has the public WDF_DRIVER_GLOBALS offsets', () => {
    const rows: Array<[string, number, number]> = [
      ['Driver', 0x0, 0x0],
      ['DriverFlags', 0x8, 0x4],
      ['DriverTag', 0xc, 0x8],
      ['DriverName', 0x10, 0xc],
      ['DisplaceDriverUnload', 0x30, 0x2c],
    ];
    for (const [name, x64, x86] of rows) {
      expect(structLayout('WDF_DRIVER_GLOBALS', 'x64')!.field(name)!.offset, name).toBe(x64);
      expect(structLayout('WDF_DRIVER_GLOBALS', 'x86')!.field(name)!.offset, name).toBe(x86);
    }
    expect(structLayout('WDF_DRIVER_GLOBALS', 'x64')!.field('DriverName')!.size).toBe(32);
  });

  it('reads the Tag the ACP dump shows (0x61646d61 at +0x44)', () => {
    const tag = structLayout('_FX_DRIVER_GLOBALS', 'x64')!.field('Tag')!;
    const bytes = new Uint8Array(0x60);
    bytes.set([0x61, 0x6d, 0x64, 0x61], 0x44);
    expect(readField(bytes, tag)).toBe(0x61646d61n);
  });
});

describe('_POOL_HEADER (wdf-driver-pool-tag.md §3)', () => {
  it('has the x64 fields with the bit positions of dt -v', () => {
    const l = structLayout('_POOL_HEADER', 'x64')!;
    expect(l.size).toBe(0x10);
    const f = (n: string): unknown => {
      const x = l.field(n)!;
      return [x.offset, x.bitPosition, x.bitCount];
    };
    expect(f('PreviousSize')).toEqual([0x0, 0, 8]);
    expect(f('PoolIndex')).toEqual([0x0, 8, 8]);
    expect(f('BlockSize')).toEqual([0x2, 0, 8]);
    expect(f('PoolType')).toEqual([0x2, 8, 8]);
    expect(l.field('PoolTag')!.offset).toBe(0x4);
    expect(l.field('ProcessBilled')!.offset).toBe(0x8);
    expect(l.field('AllocatorBackTraceIndex')!.offset).toBe(0x8);
    expect(l.field('PoolTagHash')!.offset).toBe(0xa);
    expect(layoutConstant('POOL_BLOCK_SIZE', 'x64')).toBe(16);
  });

  it('has the x86 9/7/9/7 bit fields and 8-byte units', () => {
    const l = structLayout('_POOL_HEADER', 'x86')!;
    expect(l.size).toBe(0x8);
    const f = (n: string): unknown => {
      const x = l.field(n)!;
      return [x.offset, x.bitPosition, x.bitCount];
    };
    expect(f('PreviousSize')).toEqual([0x0, 0, 9]);
    expect(f('PoolIndex')).toEqual([0x0, 9, 7]);
    expect(f('BlockSize')).toEqual([0x2, 0, 9]);
    expect(f('PoolType')).toEqual([0x2, 9, 7]);
    expect(l.field('PoolTag')!.offset).toBe(0x4);
    expect(layoutConstant('POOL_BLOCK_SIZE', 'x86')).toBe(8);
  });
});

describe('ARM64', () => {
  it('borrows the x64 layouts, marked assumed with the caveat', () => {
    const l = structLayout('FxObject', 'arm64')!;
    expect(l.arch).toBe('x64');
    expect(l.requestedArch).toBe('arm64');
    expect(l.assumed).toBe(true);
    expect(l.evidence).toBe('assumed');
    expect(l.assumption).toMatch(/No ARM64 PDB dump/);
    expect(l.field('m_ParentObject')!.offset).toBe(0x40);
    expect(structLayout('_POOL_HEADER', 'arm64')!.size).toBe(0x10);
    expect(layoutConstant('FX_POOL_HEADER_SIZE', 'arm64')).toBe(0x10);
    expect(archAssumption('arm64')).toBeDefined();
    expect(archAssumption('x64')).toBeUndefined();
    expect(structLayout('FxObject', 'x64')!.assumed).toBe(false);
  });
});

describe('fxobject-enums.json (fxobject-layout.md §2a–§2c)', () => {
  it('has the twelve flag bits with their short and bit-field names', () => {
    const flags = enumDefinition('FXOBJECT_FLAGS')!;
    expect(flags.members.map((m) => [m.value, m.shortName, m.bitfieldName])).toEqual([
      [0x1, 'PASSIVE_CALLBACKS', 'PassiveCallbacks'],
      [0x2, 'NODELETEDDI', 'NoDeleteDDI'],
      [0x4, 'DELETECALLED', 'DeleteCalled'],
      [0x8, 'COMMITTED', 'Committed'],
      [0x10, 'PASSIVE_DISPOSE', 'PassiveDispose'],
      [0x20, 'FORCE_DISPOSE_THREAD', 'ForceDisposeThread'],
      [0x40, 'UNUSED', 'Unused'],
      [0x80, 'HAS_DEBUG', 'HasDebug'],
      [0x100, 'EARLY_DISPOSED_EXT', 'EarlyDisposedExt'],
      [0x200, 'TRACE_STATE', 'TraceState'],
      [0x400, 'HAS_CLEANUP', 'HasCleanup'],
      [0x800, 'DISPOSE_OVERRIDE', 'DisposeOverride'],
    ]);
  });

  it('has the fourteen object states 0..13 with the source spellings', () => {
    const states = enumDefinition('FxObjectState')!.members;
    expect(states.map((s) => s.value)).toEqual([...Array(14).keys()]);
    expect(states[1]!.name).toBe('FxObjectStateCreated');
    expect(states[5]!.name).toBe('FxObjectStateDeferedDisposing');
    expect(states[10]!.name).toBe('FxObjectStateDeletedAndDisposed');
    expect(states[13]!.name).toBe('FxObjectStateMaximum');
  });

  it('has the small enums and the NoDeleteDDI kinds, naming real FX types', () => {
    expect(enumDefinition('FxObjectType')!.members.map((m) => m.value)).toEqual([0, 1, 2, 3]);
    expect(enumDefinition('FxHandleFlags')!.members.map((m) => [m.name, m.value])).toEqual([
      ['FxHandleFlagIsOffset', 1],
      ['FxHandleFlagMask', 7],
    ]);
    expect(enumDefinition('FxObjectDroppedEvent')!.members).toHaveLength(7);
    expect(enumDefinition('FxObjectDebugInfoFlags')!.members.map((m) => m.value)).toEqual([1, 2]);
    for (const e of NO_DELETE_DDI) for (const t of e.fxTypes) expect(fxTypeByName(t), t).toBeDefined();
    expect(NO_DELETE_DDI.flatMap((e) => e.fxTypes)).toContain('FX_TYPE_INTERRUPT');
  });
});

describe('handles.json (fxobject-layout.md §4)', () => {
  it('has the masks per pointer width and the offset flag', () => {
    expect(HANDLE_RULE.masks).toEqual([
      { pointerBits: 64, mask: '0xfffffffffffffff8' },
      { pointerBits: 32, mask: '0xfffffff8' },
    ]);
    expect([HANDLE_RULE.flagMask, HANDLE_RULE.offsetFlag, HANDLE_RULE.objectAlignment]).toEqual(['0x7', '0x1', 8]);
  });
});

describe('bytesFromHex', () => {
  it('accepts db-style spaced bytes and rejects odd or non-hex text', () => {
    expect([...bytesFromHex('61 6d 64 61')!]).toEqual([0x61, 0x6d, 0x64, 0x61]);
    expect(bytesFromHex('616')).toBeUndefined();
    expect(bytesFromHex('zz')).toBeUndefined();
  });
});
