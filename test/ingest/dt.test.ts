import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeInstanceValue, decodeLayoutType, evaluateAddress, parseDtCommand } from '../../engine/ingest/dt.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import type { DtField, TypedObjectFact } from '../../engine/types/facts.js';
import { ingestJunk, junkTranscript } from './junk.js';
import { fixtureSchemaErrors } from './schema-check.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/windbg/dt/${name}`, import.meta.url), 'utf8');
const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');
const field = (o: { fields: DtField[] }, name: string): DtField => o.fields.find((f) => f.name === name)!;

describe('dt on the ACP transcript', () => {
  const f = ingestText(ACP);
  const workItem = f.typedObjects.find((o) => o.type === 'Wdf01000!FxWorkItem')!;

  it('evaluates `ffffda000f16ed30+10` to the FxWorkItem address and keeps the expression', () => {
    expect(workItem).toMatchObject({ address: 'ffffda000f16ed40', addressExpression: 'ffffda000f16ed30+10', module: 'Wdf01000', elided: false });
    expect(workItem.fields).toHaveLength(26);
    expect(workItem.provenance).toMatchObject({ lines: [140, 165], command: 'dt Wdf01000!FxWorkItem ffffda000f16ed30+10' });
  });

  it('decodes m_Type, m_Callback, m_Enqueued, the globals pointer, lists and nulls', () => {
    expect(field(workItem, 'm_Type')).toMatchObject({ offset: 8, raw: '0x1025', value: '1025', number: 0x1025, depth: 0 });
    expect(field(workItem, 'm_Callback')).toMatchObject({ offset: 0xa0, value: 'fffff8009f760a28', symbol: 'amdacpbus2!AcpDspResponseWorkItem+0' });
    expect(field(workItem, 'm_Enqueued')).toMatchObject({ offset: 0x81, raw: "0 ''", value: '0', number: 0 });
    expect(field(workItem, 'm_Globals')).toMatchObject({ value: 'ffffda0ff0157710', type: '_FX_DRIVER_GLOBALS' });
    expect(field(workItem, 'm_Globals').number).toBeUndefined();
    expect(field(workItem, 'm_ChildListHead')).toMatchObject({ type: '_LIST_ENTRY', list: ['ffffda000f16ed60', 'ffffda000f16ed60'] });
    expect(field(workItem, 'm_CallbackLock')).toMatchObject({ isNull: true, value: '0' });
    expect(field(workItem, 'm_Refcnt').number).toBe(2);
    expect(field(workItem, 'm_SpinLock')).toMatchObject({ type: 'MxLock' });
    expect(field(workItem, 'm_SpinLock').value).toBeUndefined();
  });

  it('keeps union members that share an offset', () => {
    const at60 = workItem.fields.filter((x) => x.offset === 0x60).map((x) => [x.name, x.type]);
    expect(at60).toEqual([['m_DeviceBase', 'FxDeviceBase'], ['m_Device', 'FxDevice']]);
    expect(workItem.fields.filter((x) => x.offset === 0x18).map((x) => x.name)).toEqual(['m_ObjectFlags', 'm_ObjectFlagsByName']);
  });

  it('reads the _FX_DRIVER_GLOBALS layout (elided) and the instance with Tag 0x61646d61 at +0x44', () => {
    const layout = f.typeLayouts.find((t) => t.type === 'Wdf01000!_FX_DRIVER_GLOBALS')!;
    expect(layout.elided).toBe(true);
    expect(layout.fields.map((x) => x.name)).toEqual(['Linkage', 'Refcnt', 'DestroyEvent', 'WdfHandleMask', 'WdfVerifierAllocateFailCount', 'Tag', 'DriverObject']);
    expect(field(layout, 'Tag')).toMatchObject({ offset: 0x44, raw: 'Uint4B', type: 'Uint4B' });
    const globals = f.typedObjects.find((o) => o.type === 'Wdf01000!_FX_DRIVER_GLOBALS')!;
    expect(globals).toMatchObject({ address: 'ffffac0e4c604db0', addressExpression: 'ffffac0e4c604db0', elided: false });
    expect(field(globals, 'Tag')).toMatchObject({ offset: 0x44, value: '61646d61', number: 0x61646d61 });
    expect(field(globals, 'WdfVerifierAllocateFailCount')).toMatchObject({ value: '-1', number: -1 });
    expect(field(globals, 'WdfHandleMask')).toMatchObject({ value: 'fffffffffffffff8' });
    expect(field(globals, 'WdfHandleMask').number).toBeUndefined();
    expect(field(globals, 'Driver')).toMatchObject({ value: 'ffffac0e46565830', type: 'FxDriver' });
    expect(field(globals, 'Linkage').list).toEqual(['ffffac0e4c68edb0', 'ffffac0e4c52a920']);
  });

  it('reads `dt -v nt!_POOL_HEADER`: size, element count, bitfields, the Ptr64-to-struct form', () => {
    const ph = f.typeLayouts.find((t) => t.type === 'nt!_POOL_HEADER')!;
    expect(ph).toMatchObject({ module: 'nt', size: 0x10, elements: 9, elided: false });
    expect(ph.fields).toHaveLength(9);
    expect(field(ph, 'PreviousSize')).toMatchObject({ offset: 0, bitfield: { position: 0, bits: 8 } });
    expect(field(ph, 'PoolType')).toMatchObject({ offset: 2, bitfield: { position: 8, bits: 8 } });
    expect(field(ph, 'ProcessBilled')).toMatchObject({ offset: 8, type: '_EPROCESS' });
    expect(field(ph, 'PoolTagHash')).toMatchObject({ offset: 0xa, type: 'Uint2B' });
  });
});

describe('dt captures', () => {
  it('reads the `Pos 0, 8 Bits` layout and an instance with `0y… (0x…)` bitfields', () => {
    const f = ingestText(fixture('pool-header-cmd.log'));
    const layout = f.typeLayouts[0]!;
    expect(field(layout, 'BlockSize').bitfield).toEqual({ position: 0, bits: 8 });
    expect(field(layout, 'ProcessBilled')).toMatchObject({ raw: 'Ptr64 _EPROCESS', type: '_EPROCESS' });
    const obj = f.typedObjects[0]!;
    expect(obj.address).toBe('ffffc509bf28b000');
    expect(field(obj, 'BlockSize')).toMatchObject({ value: 'd0', number: 0xd0 });
    expect(field(obj, 'PoolType').number).toBe(2);
    expect(field(obj, 'PoolTag')).toMatchObject({ value: '636f7250', number: 0x636f7250 });
    expect(field(obj, 'ProcessBilled').isNull).toBe(true);
    expect(field(obj, 'AllocatorBackTraceIndex').number).toBe(0);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads `dt_T addr` typed without a space, 64-bit negative decimals, long bitfields and chars', () => {
    const f = ingestText(fixture('handle-table-entry.log'));
    const [entry, header] = f.typedObjects as [TypedObjectFact, TypedObjectFact];
    expect(entry).toMatchObject({ type: 'ntdll!_HANDLE_TABLE_ENTRY', module: 'ntdll', address: 'ffff9d8573a9e010' });
    // 0n-5078344684387893427 is 0xb986186a7010ff4d read as signed: the InfoTable pointer of the same union.
    expect(field(entry, 'VolatileLowValue').value).toBe('-4679e7958fef00b3');
    expect(field(entry, 'VolatileLowValue').number).toBeUndefined();
    expect(field(entry, 'InfoTable')).toMatchObject({ value: 'b986186a7010ff4d', type: '_HANDLE_TABLE_ENTRY_INFO' });
    expect(field(entry, 'RefCnt')).toMatchObject({ value: '7fa6', number: 0x7fa6 });
    expect(field(entry, 'ObjectPointerBits').value).toBe('b986186a701');
    expect(field(entry, 'GrantedAccessBits').number).toBe(0x1fffff);
    expect(field(entry, 'Unlocked').number).toBe(1);
    expect(field(entry, 'LeafHandleValue').type).toBe('_EXHANDLE');
    expect(header).toMatchObject({ type: 'nt!_OBJECT_HEADER', address: 'ffffb986186a7010' });
    expect(field(header, 'TypeIndex')).toMatchObject({ raw: "0x70 'p'", number: 0x70 });
    expect(field(header, 'NextToFree')).toMatchObject({ value: '6', number: 6, type: 'Void' });
    expect(field(header, 'PointerCount').number).toBe(212365);
  });

  it('reads `<anonymous-tag>`, bare digits, `0x` addresses with backticks and `lkd>` prompts', () => {
    const f = ingestText(fixture('subsection-control-area.log'));
    const [sub, ca] = f.typedObjects as [TypedObjectFact, TypedObjectFact];
    expect(sub).toMatchObject({ type: 'nt!_SUBSECTION', address: 'ffffe786ed185d60', addressExpression: '0xffffe786`ed185d60' });
    expect(field(sub, 'u').type).toBe('<anonymous-tag>');
    expect(field(sub, 'PtesInSubsection').number).toBe(6);
    expect(field(sub, 'StartingSector').number).toBe(0x2b);
    expect(field(sub, 'CreationWaitList').isNull).toBe(true);
    expect(ca.address).toBe('ffffe786ed185c70');
    expect(field(ca, 'ListHead').list).toEqual(['ffffe786ed1b1210', 'ffffe786ed1b1210']);
    expect(field(ca, 'AweContext')).toMatchObject({ value: 'ffffe786ed1b1210', type: 'Void' });
    expect(field(ca, 'ControlAreaLock').number).toBe(0);
  });

  it('gives nested `-r1` fields their depth', () => {
    const f = ingestText(fixture('kevent-recursive.log'));
    const ev = f.typedObjects[0]!;
    expect(ev.fields).toHaveLength(15);
    expect(field(ev, 'Header')).toMatchObject({ depth: 0, type: '_DISPATCHER_HEADER' });
    expect(field(ev, 'Lock')).toMatchObject({ depth: 1, value: '60001', number: 393217 });
    expect(field(ev, 'Timer2ReservedFlags')).toMatchObject({ depth: 1, number: 0 });
    expect(field(ev, 'WaitListHead')).toMatchObject({ depth: 1, offset: 8, list: ['ffff8004d2e7d180', 'ffff8004d5773180'] });
  });

  it('marks a layout with `...`/`....` elisions and takes the module from the header line', () => {
    const f = ingestText(fixture('eprocess-layout-elided.log'));
    const t = f.typeLayouts[0]!;
    expect(t).toMatchObject({ type: 'ntdll!_EPROCESS', module: 'ntdll', elided: true });
    expect(t.fields).toHaveLength(8);
    expect(field(t, 'UniqueProcessId')).toMatchObject({ offset: 0x440, type: 'Void' });
    expect(field(t, 'WoW64Process').type).toBe('_EWOW64PROCESS');
    expect(f.diagnostics).toEqual([]);
  });

  it('keeps an address it cannot evaluate as an expression, with an info diagnostic', () => {
    const f = ingestText(fixture('mmpte-physical.log'));
    const o = f.typedObjects[0]!;
    expect(o).toMatchObject({ type: 'nt!_MMPTE_HARDWARE', address: '', addressExpression: '@@C++(@cr3+@@(0y111110000)*sizeof(_MMPTE_HARDWARE))' });
    expect(field(o, 'PageFrameNumber').number).toBe(0x4b09);
    expect(f.diagnostics).toEqual([expect.objectContaining({ level: 'info', code: 'address-not-evaluated', line: 2 })]);
  });

  it('does the same for a register expression', () => {
    const f = ingestText(ACP.replace('dt Wdf01000!_FX_DRIVER_GLOBALS ffffac0e4c604db0', 'dt Wdf01000!_FX_DRIVER_GLOBALS @r15'));
    const g = f.typedObjects.find((o) => o.type === 'Wdf01000!_FX_DRIVER_GLOBALS')!;
    expect(g).toMatchObject({ address: '', addressExpression: '@r15' });
    expect(f.diagnostics.find((d) => d.code === 'address-not-evaluated')).toMatchObject({ level: 'info', line: 64 });
  });

  it('recognises dt output pasted without its command: values make an instance, types a layout', () => {
    const inst = ingestText(ACP.split('\n').slice(139, 165).join('\n'));
    expect(inst.blocks[0]).toMatchObject({ family: 'dt', parsed: true });
    expect(inst.typedObjects[0]).toMatchObject({ type: '', address: '', addressExpression: '' });
    expect(field(inst.typedObjects[0]!, 'm_Type').number).toBe(0x1025);
    const lay = ingestText(fixture('pool-header-cmd.log').split('\n').slice(1, 10).join('\n'));
    expect(lay.typeLayouts[0]!.fields).toHaveLength(9);
    expect(lay.typedObjects).toEqual([]);
  });

  it('reports junk inside a dt block and debugger errors, and keeps the fields', () => {
    const f = ingestText([
      '0: kd> dt nt!_POOL_HEADER ffffc509bf28b000',
      '   +0x000 PreviousSize     : 0y00000000 (0)',
      'this is not a field',
      'Memory read error ffffc509bf28b008',
      '   +0x004 PoolTag          : 0x636f7250',
    ].join('\n'));
    expect(f.typedObjects[0]!.fields.map((x) => x.name)).toEqual(['PreviousSize', 'PoolTag']);
    expect(f.diagnostics.map((d) => [d.code, d.line])).toEqual([['malformed-line', 3], ['debugger-error', 4]]);
  });
});

describe('dt values', () => {
  const decode = (raw: string, layout = false): DtField => {
    const f: DtField = { offset: 0, name: 'x', raw, depth: 0 };
    if (layout) decodeLayoutType(f, raw);
    else decodeInstanceValue(f, raw);
    return f;
  };
  it('reads the shapes the format notes list', () => {
    expect(decode('[6] 0x1')).toMatchObject({ value: '1', number: 1 });
    expect(decode("0 ''")).toMatchObject({ value: '0', number: 0 });
    expect(decode('0y00000010 (0x2)')).toMatchObject({ value: '2', number: 2 });
    expect(decode('0y101')).toMatchObject({ value: '5', number: 5 });
    expect(decode('_UNICODE_STRING "\\Driver\\amdacpbus2"')).toMatchObject({ type: '_UNICODE_STRING' });
    expect(decode('0x8a6f5850 _DEVICE_OBJECT')).toMatchObject({ value: '8a6f5850', number: 0x8a6f5850, type: '_DEVICE_OBJECT' });
    expect(decode('[6] Uint4B', true)).toMatchObject({ type: 'Uint4B' });
    expect(decode('Ptr64 Ptr64 Void', true)).toMatchObject({ type: 'Void' });
    expect(decode('Pos 3, 1 Bit', true)).toMatchObject({ bitfield: { position: 3, bits: 1 } });
    expect(decode('struct _LIST_ENTRY, 2 elements, 0x10 bytes', true)).toMatchObject({ type: '_LIST_ENTRY' });
  });
});

describe('dt commands and address expressions', () => {
  it('evaluates base±offset in hex by default, 0n as decimal, 64-bit wide', () => {
    expect(evaluateAddress('ffffda000f16ed30+10')).toBe('ffffda000f16ed40');
    expect(evaluateAddress('ffffac0e`4c604db0')).toBe('ffffac0e4c604db0');
    expect(evaluateAddress('0x1000-0n16')).toBe('ff0');
    expect(evaluateAddress('0n10+0x10')).toBe('1a');
    expect(evaluateAddress('ffffffffffffffff+1')).toBe('0');
    expect(evaluateAddress('@rcx')).toBeUndefined();
    expect(evaluateAddress('rsp+20')).toBeUndefined();
    expect(evaluateAddress('poi(ffff8000`00001000)')).toBeUndefined();
  });

  it('splits options, type, address and field filters', () => {
    expect(parseDtCommand('dt -r1 nt!_KEVENT ffff8004d569df40')).toEqual({ type: 'nt!_KEVENT', addressExpression: 'ffff8004d569df40', fields: [], verbose: false });
    expect(parseDtCommand('dt -v nt!_POOL_HEADER')).toEqual({ type: 'nt!_POOL_HEADER', fields: [], verbose: true });
    expect(parseDtCommand('dt nt!_EPROCESS ffffe000`12345678 ImageFileName')).toMatchObject({ addressExpression: 'ffffe000`12345678', fields: ['ImageFileName'] });
    expect(parseDtCommand('dt_OBJECT_HEADER ffffb986`186a7010')).toMatchObject({ type: '_OBJECT_HEADER', addressExpression: 'ffffb986`186a7010' });
    expect(parseDtCommand('dt nt!_LIST_ENTRY nt!PsActiveProcessHead')).toMatchObject({ addressExpression: 'nt!PsActiveProcessHead' });
  });
});

describe('dt: junk never stops the parser', () => {
  const samples = [...ACP.split('\n').slice(53, 165), ...fixture('handle-table-entry.log').split('\n')];
  it('arbitrary lines under dt commands', () => {
    fc.assert(fc.property(junkTranscript(['dt nt!_POOL_HEADER', 'dt Wdf01000!FxWorkItem ffffda000f16ed30+10', 'dt -v -r2 nt!_EPROCESS @$proc', 'dt'], samples), (text) => {
      const f = ingestJunk(text);
      expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
      for (const o of f.typedObjects) expect(o.address === '' || /^[0-9a-f]+$/.test(o.address)).toBe(true);
    }), { numRuns: 300 });
  });

  it('long adversarial lines finish quickly', () => {
    const t0 = performance.now();
    ingestText(['0: kd> dt nt!_FOO 1234', '   +0x000 a' + ' '.repeat(60000) + ':', '   +0x000 b : ' + '0x1 '.repeat(15000), '   +0x000 c : ' + 'a!'.repeat(2000)].join('\n'));
    expect(performance.now() - t0).toBeLessThan(10_000); // a hang guard against regex backtracking, not a speed measurement
  });
});

describe('dt: schema', () => {
  it('the facts of every dt capture validate, the empty address of an unevaluated expression included', () => {
    expect(fixtureSchemaErrors('dt')).toEqual([]);
  });
});
