import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeFxObjectBytes,
  decodeFxObjectDt,
  decodeFxObjectFact,
  decodeFxType,
  decodeObjectFlags,
  decodeObjectState,
  matchDtLayout,
  parseCallbackSymbol,
} from '../../engine/derive/fxobject.js';
import type { DtField } from '../../engine/types/facts.js';
import { dtFields } from './dt-lines.js';
import { ACP, Memory, writeAcpWorkItem } from './fx-bytes.js';

const transcript = readFileSync(fileURLToPath(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url)), 'utf8');
/** The output lines of the transcript's `dt <command>` block. */
function dtBlock(command: string): string {
  const start = transcript.indexOf(command);
  const rest = transcript.slice(start + command.length);
  const end = rest.search(/\n\d+: kd> /);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('enum decoding', () => {
  it('0x819 → PASSIVE_CALLBACKS|COMMITTED|PASSIVE_DISPOSE|DISPOSE_OVERRIDE, DeleteCalled clear', () => {
    const f = decodeObjectFlags(0x819);
    expect(f.text).toBe('PASSIVE_CALLBACKS|COMMITTED|PASSIVE_DISPOSE|DISPOSE_OVERRIDE');
    expect([f.deleteCalled, f.committed, f.noDeleteDdi, f.hasDebug, f.unknownBits]).toEqual([false, true, false, false, 0]);
  });

  it('sees DeleteCalled, NoDeleteDDI, HasDebug and undefined bits', () => {
    expect(decodeObjectFlags(0x81d).deleteCalled).toBe(true);
    expect(decodeObjectFlags(0x2).noDeleteDdi).toBe(true);
    expect(decodeObjectFlags(0x899).hasDebug).toBe(true);
    expect(decodeObjectFlags(0x1819).unknownBits).toBe(0x1000);
  });

  it('names states and FX types', () => {
    expect(decodeObjectState(1)).toMatchObject({ name: 'FxObjectStateCreated' });
    expect(decodeObjectState(10).name).toBe('FxObjectStateDeletedAndDisposed');
    expect(decodeObjectState(42).name).toBeUndefined();
    expect(decodeFxType(0x1025)).toMatchObject({ name: 'FX_TYPE_WORKITEM', handleType: 'WDFWORKITEM', handleTypeCertain: true, storedInMType: 'yes', known: true });
    expect(decodeFxType(0x1000)).toMatchObject({ name: 'FX_TYPE_OBJECT', handleType: 'WDFMEMORY', handleTypeCertain: false });
    expect(decodeFxType(0x100a)).toMatchObject({ name: 'IFX_TYPE_MEMORY', storedInMType: 'no' });
    expect(decodeFxType(0x4242)).toEqual({ value: 0x4242, hex: '0x4242', known: false });
  });

  it('splits a dt callback symbol', () => {
    expect(parseCallbackSymbol('0xfffff800`9f760a28     void  amdacpbus2!AcpDspResponseWorkItem+0')).toEqual({
      symbol: 'amdacpbus2!AcpDspResponseWorkItem',
      module: 'amdacpbus2',
      function: 'AcpDspResponseWorkItem',
      offset: 0,
    });
    expect(parseCallbackSymbol('mydrv!EvtTimer+0x1c')!.offset).toBe(0x1c);
    expect(parseCallbackSymbol('(null)')).toBeUndefined();
  });
});

describe('FxObject from dt (ACP transcript)', () => {
  const fields = dtFields(dtBlock('dt Wdf01000!FxWorkItem ffffda000f16ed30+10'));

  it('reads the real dt Wdf01000!FxWorkItem block', () => {
    expect(fields.length).toBeGreaterThan(20);
    const o = decodeFxObjectDt(fields, { address: 'ffffda000f16ed40' })!;
    expect(o).toMatchObject({
      source: 'dt',
      arch: 'x64',
      variant: 'shipped',
      address: 'ffffda000f16ed40',
      vtable: 'fffff8005980dc30',
      type: { name: 'FX_TYPE_WORKITEM', value: 0x1025, handleType: 'WDFWORKITEM' },
      objectSize: 0xd0,
      refcnt: 2,
      globals: 'ffffda0ff0157710',
      flags: { value: 0x819, deleteCalled: false },
      state: { value: 1, name: 'FxObjectStateCreated' },
      childListHead: ['ffffda000f16ed60', 'ffffda000f16ed60'],
      childListEmpty: true,
      parent: 'ffffda0ff7ce3000',
      childEntry: ['ffffda000f171cc8', 'ffffda000f170288'],
      deviceBase: 'ffffda0ff7ce3000',
      contextHeader: 'ffffda000f16ee10',
      problems: [],
    });
    expect(o.workItem).toEqual({
      runningDown: false,
      enqueued: false,
      runningCount: 0,
      object: 'ffffda0ff7ce3000',
      callbackLock: null,
      callbackLockObject: null,
      callback: 'fffff8009f760a28',
      callbackSymbol: { symbol: 'amdacpbus2!AcpDspResponseWorkItem', module: 'amdacpbus2', function: 'AcpDspResponseWorkItem', offset: 0 },
      thread: null,
      idle: true,
    });
  });

  it('reads the base-only dt Wdf01000!FxObject block the same way, without work-item fields', () => {
    const o = decodeFxObjectDt(dtFields(dtBlock('dt Wdf01000!FxObject ffffda000f16ed30+10')))!;
    expect(o.type!.name).toBe('FX_TYPE_WORKITEM');
    expect(o.flags!.text).toBe('PASSIVE_CALLBACKS|COMMITTED|PASSIVE_DISPOSE|DISPOSE_OVERRIDE');
    expect(o.workItem).toBeUndefined();
    expect(o.childListEmpty).toBeUndefined(); // no address given
  });

  it('decodes a whole TypedObjectFact with its resolved address', () => {
    const fact = {
      type: 'Wdf01000!FxWorkItem',
      module: 'Wdf01000',
      address: 'ffffda000f16ed40',
      addressExpression: 'ffffda000f16ed30+10',
      fields,
      elided: false,
      provenance: { source: 'transcript.log', lines: [1, 2] as [number, number], block: 0 },
    };
    expect(decodeFxObjectFact(fact)).toMatchObject({ address: 'ffffda000f16ed40', childListEmpty: true, workItem: { idle: true } });
  });

  it('prefers parsed value/number/symbol when the dt parser supplies them', () => {
    const parsed: DtField[] = [
      { offset: 0x8, name: 'm_Type', raw: '0x1025', value: '1025', number: 0x1025, depth: 0 },
      { offset: 0x10, name: 'm_Globals', raw: '0xffffda0f`f0157710 _FX_DRIVER_GLOBALS', value: 'ffffda0ff0157710', type: '_FX_DRIVER_GLOBALS', depth: 0 },
      { offset: 0xa0, name: 'm_Callback', raw: '0xfffff800`9f760a28', value: 'fffff8009f760a28', symbol: 'amdacpbus2!AcpDspResponseWorkItem+0', depth: 0 },
      { offset: 0x90, name: 'm_CallbackLock', raw: '(null)', isNull: true, depth: 0 },
    ];
    const o = decodeFxObjectDt(parsed)!;
    expect(o.globals).toBe('ffffda0ff0157710');
    expect(o.workItem!.callbackSymbol!.function).toBe('AcpDspResponseWorkItem');
    expect(o.workItem!.callbackLock).toBeNull();
  });

  it('rebuilds m_ObjectFlags from the m_ObjectFlagsByName bit fields', () => {
    const text = [
      '   +0x008 m_Type           : 0x1025',
      '   +0x018 m_ObjectFlagsByName : FxObject::<unnamed-tag>::<unnamed-type-m_ObjectFlagsByName>',
      '      +0x000 PassiveCallbacks : 0y1',
      '      +0x000 NoDeleteDDI      : 0y0',
      '      +0x000 DeleteCalled     : 0y1',
      '      +0x000 Committed        : 0y1',
      '      +0x000 PassiveDispose   : 0y1',
      '      +0x000 DisposeOverride  : 0y1',
      '   +0x01a m_ObjectState    : 0xa',
    ].join('\n');
    const o = decodeFxObjectDt(dtFields(text))!;
    expect(o.flags!.value).toBe(0x81d);
    expect(o.flags!.deleteCalled).toBe(true);
    expect(o.state!.name).toBe('FxObjectStateDeletedAndDisposed');
  });

  it('tells the layout variant and architecture from the offsets dt prints', () => {
    const dbg0 = dtFields(['   +0x010 m_Globals : 0x1', '   +0x038 m_ParentObject : (null)', '   +0x058 m_DeviceBase : (null)'].join('\n'));
    expect(matchDtLayout(dbg0)).toEqual({ arch: 'x64', variant: 'dbg-wdf-0' });
    const x86 = dtFields(['   +0x004 m_Type : 0x1025', '   +0x00c m_Globals : 0x83b7af18', '   +0x024 m_ParentObject : 0x83584e38'].join('\n'));
    expect(matchDtLayout(x86)).toEqual({ arch: 'x86', variant: 'shipped' });
    const odd = dtFields(['   +0x010 m_Globals : 0x1', '   +0x044 m_ParentObject : (null)'].join('\n'));
    expect(matchDtLayout(odd).variant).toBe('unknown');
    expect(decodeFxObjectDt(dtFields('   +0x008 m_Type : 0x1025\n   +0x044 m_ParentObject : (null)'))!.problems).toContain(
      'dt offsets match no known FxObject layout variant',
    );
    expect(decodeFxObjectDt(dtFields('   +0x010 m_Globals : 0x1'))).toBeUndefined(); // no m_Type
  });
});

describe('FxObject from raw bytes', () => {
  it('decodes the ACP work item rebuilt at +0x10 of its block like the dt output', () => {
    const m = writeAcpWorkItem(new Memory(0x140), 0x10, ACP.object);
    const o = decodeFxObjectBytes(m.bytes, 'x64', { at: 0x10, address: ACP.object })!;
    expect(o).toMatchObject({
      source: 'bytes',
      variant: 'shipped',
      evidence: 'pdb',
      type: { name: 'FX_TYPE_WORKITEM' },
      objectSize: 0xd0,
      refcnt: 2,
      globals: 'ffffda0ff0157710',
      flags: { text: 'PASSIVE_CALLBACKS|COMMITTED|PASSIVE_DISPOSE|DISPOSE_OVERRIDE' },
      state: { name: 'FxObjectStateCreated' },
      childListEmpty: true,
      parent: 'ffffda0ff7ce3000',
      contextHeader: 'ffffda000f16ee10',
      contextBackPointerOk: true,
      problems: [],
    });
    expect(o.workItem).toMatchObject({ callback: 'fffff8009f760a28', enqueued: false, runningCount: 0, thread: null, idle: true, object: 'ffffda0ff7ce3000' });
  });

  it('reads the x86 and DBG_WDF=0 offsets', () => {
    const x86 = new Memory(0x40).u16(0x04, 0x1028).u16(0x06, 0x60).u32(0x08, 1).u32(0x0c, 0x83b7af18).u16(0x10, 0x8).u16(0x12, 1).u32(0x24, 0x83584e38).u32(0x34, 0x83584e38);
    expect(decodeFxObjectBytes(x86.bytes, 'x86')).toMatchObject({
      type: { name: 'FX_TYPE_TIMER' },
      globals: '83b7af18',
      parent: '83584e38',
      deviceBase: '83584e38',
      evidence: 'calc',
    });
    const dbg0 = new Memory(0x70).u16(0x08, 0x1015).u16(0x0a, 0x70).u32(0x0c, 1).u64(0x38, 0xffffda0ff7ce3000n).u64(0x58, 0xffffda0ff7ce3000n);
    expect(decodeFxObjectBytes(dbg0.bytes, 'x64', { variant: 'dbg-wdf-0' })).toMatchObject({ type: { name: 'FX_TYPE_DPC' }, parent: 'ffffda0ff7ce3000', variant: 'dbg-wdf-0' });
  });

  it('lists the problems of a block that is not an FxObject', () => {
    const junk = new Memory(0x68).u16(0x08, 0x4242).u32(0x0c, 0).u16(0x0a, 0x33).u16(0x1a, 99);
    const o = decodeFxObjectBytes(junk.bytes, 'x64')!;
    expect(o.problems).toEqual([
      'm_Type 0x4242 is not an FX_TYPE value',
      'm_Refcnt 0 is not positive',
      'm_ObjectState 99 is not an FxObjectState',
      'm_ObjectSize 0x33 is not a multiple of 0x10',
      'm_ObjectSize 0x33 is smaller than sizeof(FxObject)',
    ]);
    expect(decodeFxObjectBytes(new Uint8Array(0x20), 'x64')).toBeUndefined();
  });

  it('marks an ARM64 decode as assumed', () => {
    const m = writeAcpWorkItem(new Memory(0x140), 0, ACP.object);
    const o = decodeFxObjectBytes(m.bytes, 'arm64', { address: ACP.object })!;
    expect(o.assumed).toBe(true);
    expect(o.problems).toContain('layout assumed (ARM64 uses the x64 offsets without a verified dump)');
    expect(o.type!.name).toBe('FX_TYPE_WORKITEM');
  });
});
