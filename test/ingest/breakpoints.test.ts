import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparesOf, conditionOf, parseBreakpointCommand } from '../../engine/ingest/breakpoints.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { ingestJunk, junkTranscript } from './junk.js';
import { fixtureSchemaErrors } from './schema-check.js';

const fixture = (dir: string, name: string): string => readFileSync(new URL(`../fixtures/windbg/${dir}/${name}`, import.meta.url), 'utf8');
const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');
const ACP_LINES = ACP.split('\n');
/** The ACP `k` output (header and 17 frames), as a breakpoint command `"k; gc"` would print it. */
const ACP_STACK = ACP_LINES.slice(18, 36);

describe('bp and its condition', () => {
  it('ACP: the conditional breakpoint on ExAllocatePool2 filters on r8 == amda', () => {
    const f = ingestText(ACP);
    expect(f.breakpoints).toEqual([{
      event: 'set',
      target: 'nt!ExAllocatePool2',
      condition: '@r8 == 0x61646d61',
      compares: [{ register: 'r8', value: '61646d61' }],
      provenance: { source: '<text>', lines: [17, 17], block: 1, command: 'bp nt!ExAllocatePool2 ".if(@r8 == 0x61646d61) {} .else {gc}"' },
    }]);
  });

  // Documented syntax (bp/bu/bm, `j`, `/w`, MASM `=`, `poi`); no public capture of these lines was found.
  it.each([
    ['bp nt!ExAllocatePoolWithTag "j (@r8 = 0x61646d61) \'\';\'gc\'"', 'nt!ExAllocatePoolWithTag', '@r8 = 0x61646d61', [{ register: 'r8', value: '61646d61' }]],
    ['bp nt!ExAllocatePool2 ".if (@rdx==0x140 and @r8==0x61646d61) {k} .else {gc}"', 'nt!ExAllocatePool2', '@rdx==0x140 and @r8==0x61646d61',
      [{ register: 'rdx', value: '140' }, { register: 'r8', value: '61646d61' }]],
    ['bu Wdf01000!FxPoolAllocator ".if (poi(@rsp+28) != 0x61646d61) {gc}"', 'Wdf01000!FxPoolAllocator', 'poi(@rsp+28) != 0x61646d61',
      [{ register: 'poi(rsp+28)', value: '61646d61' }]],
    ['bp /w "@r8 == 0n1633971553" nt!ExAllocatePool2', 'nt!ExAllocatePool2', '@r8 == 0n1633971553', [{ register: 'r8', value: '61646d61' }]],
    ['bp /1 /p ffffda0f`f7ce3000 nt!ExAllocatePool2 "j (0x61646d61 == @r8) \'k\';\'gc\'"', 'nt!ExAllocatePool2', '0x61646d61 == @r8',
      [{ register: 'r8', value: '61646d61' }]],
  ])('%s', (command, target, condition, compares) => {
    const f = ingestText(`8: kd> ${command}`);
    expect(f.breakpoints).toHaveLength(1);
    expect(f.breakpoints[0]).toMatchObject({ event: 'set', target, condition, compares });
  });

  it('keeps a breakpoint without a condition, and the id typed in the verb', () => {
    expect(parseBreakpointCommand('bp nt!ExFreePoolWithTag "k; gc"')).toEqual({ target: 'nt!ExFreePoolWithTag', action: 'k; gc', compares: [] });
    expect(parseBreakpointCommand('bp1 nt!ExFreePool')).toMatchObject({ id: 1, target: 'nt!ExFreePool' });
    expect(parseBreakpointCommand('ba w 8 @rsp')).toMatchObject({ target: '@rsp' });
    expect(conditionOf('.echo hit; gc')).toBeUndefined();
    expect(comparesOf('@$t0 == 5 and @ecx == 0n16')).toEqual([{ register: 'ecx', value: '10' }]);
  });

  it('`bm` lists each breakpoint it set', () => {
    const f = ingestText([
      '0: kd> bm nt!ExAllocatePool* ".if (@r8 == 0x61646d61) {} .else {gc}"',
      '  1: fffff804`0591d7b0 @!"nt!ExAllocatePool2"',
      '  2: fffff804`0591e000 @!"nt!ExAllocatePoolWithTag"',
    ].join('\n'));
    expect(f.breakpoints.map((b) => [b.id, b.target, b.compares?.[0]?.value])).toEqual([
      [1, 'nt!ExAllocatePool2', '61646d61'],
      [2, 'nt!ExAllocatePoolWithTag', '61646d61'],
    ]);
  });

  it('a breakpoint the debugger refused is a diagnostic, not a fact', () => {
    const f = ingestText(fixture('breakpoints', 'g-hit-step.log'));
    expect(f.breakpoints.filter((b) => b.event === 'set')).toEqual([]);
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'debugger-error', line: 2 })]);
  });
});

describe('bl', () => {
  it('reads enabled and disabled rows, with and without a symbol', () => {
    const f = ingestText(fixture('breakpoints', 'bl-rows.log'));
    expect(f.breakpoints.map((b) => [b.event, b.id, b.target])).toEqual([
      ['set', 0, 'windbg_leak!overflowTest'],
      ['set', 0, 'windbg_leak!overflowTest'],
      ['set', 0, 'nt!MmCreateProcessAddressSpace'],
      ['set', 0, '00007fa4`06c25c41'],
      ['set', 1, '00007fa4`06c25c46'],
    ]);
    expect(f.diagnostics).toEqual([]);
  });
});

describe('Breakpoint N hit', () => {
  it('`g` output: the hit, then the x86 register dump (its own block: `g` yields to recognisers)', () => {
    const f = ingestText(fixture('breakpoints', 'g-hit-x86.log'));
    // User mode prints registers before the location, so the hit's target is not on the next line.
    expect(f.breakpoints.map((b) => [b.event, b.id, b.target])).toEqual([
      ['set', undefined, '778c2bf0'],
      ['set', 0, 'ntdll!NtDeviceIoControlFile'],
      ['hit', 0, undefined],
    ]);
    expect(f.breakpoints[2]!.provenance.lines).toEqual([6, 6]);
    expect(f.blocks.map((b) => b.family)).toEqual(['breakpoints', 'breakpoints', 'breakpoints', 'registers']);
    expect(f.registers[0]).toMatchObject({ values: { eax: '1f0', eip: '778c2bf0' }, location: 'ntdll!NtDeviceIoControlFile', arch: 'x86' });
    expect(f.diagnostics).toEqual([]);
  });

  it('kernel `g` output: the location right after the hit names its target', () => {
    const f = ingestText(['0: kd> g', 'Breakpoint 0 hit', 'nt!PnpCallDriverEntry:', 'fffff805`7f375f00 4c8bdc          mov     r11,rsp'].join('\n'));
    expect(f.breakpoints).toEqual([expect.objectContaining({ event: 'hit', id: 0, target: 'nt!PnpCallDriverEntry' })]);
    expect(f.registers[0]).toMatchObject({ values: {}, location: 'nt!PnpCallDriverEntry', instruction: { address: 'fffff8057f375f00' } });
  });

  it('x64 hit with a segment-prefixed instruction, then `kv`', () => {
    const f = ingestText(fixture('stack', 'x64-kv-com-breakpoint.log'));
    expect(f.breakpoints.map((b) => [b.event, b.id, b.target])).toEqual([
      ['set', undefined, 'OLEAUT32!LoadTypeLibEx'],
      ['hit', 3, 'OLEAUT32!LoadTypeLibEx'],
    ]);
    expect(f.registers[0]!.instruction).toEqual({ address: '000007fefeb6a550', bytes: 'fff3', text: 'push    rbx' });
    expect(f.stacks[0]!.frames).toHaveLength(8);
    expect(f.stacks[0]!.frames[4]).toMatchObject({ function: 'CStdMarshal::ConnectCliIPIDEntry', sourceLine: 2368 });
    const n = ingestText(fixture('stack', 'x64-kn-breakpoint.log'));
    expect(n.breakpoints.map((b) => [b.event, b.id, b.target])).toEqual([
      ['set', undefined, 'pnpcalldriverentry'],
      ['set', 0, 'nt!PnpCallDriverEntry'],
      ['hit', 0, 'nt!PnpCallDriverEntry'],
    ]);
    expect(n.stacks[0]).toMatchObject({ kind: 'kn' });
    expect(n.stacks[0]!.frames.map((fr) => fr.function)).toEqual([
      'PnpCallDriverEntry', 'IopLoadDriver', 'IopLoadUnloadDriver', 'ExpWorkerThread', 'PspSystemThreadStartup', 'KiStartSystemThread',
    ]);
  });

  it('stacks printed by a breakpoint command at each hit become one stack per hit', () => {
    const text = ['8: kd> g', 'Breakpoint 0 hit', ...ACP_STACK, 'Breakpoint 0 hit', ...ACP_STACK.slice(0, 6)].join('\n');
    const f = ingestText(text);
    expect(f.breakpoints.map((b) => [b.event, b.id, b.provenance.lines[0]])).toEqual([['hit', 0, 2], ['hit', 0, 21]]);
    expect(f.stacks.map((s) => s.frames.length)).toEqual([17, 5]);
    expect(f.stacks[0]!.frames[11]!.function).toBe('AcpDspSwInterruptDpc');
    expect(f.diagnostics).toEqual([]);
  });

  it('a hit inside a block we do not parse opens a breakpoint block (recognise)', () => {
    const f = ingestText(['8: kd> !mystery', 'something', 'Breakpoint 7 hit', 'nt!ExAllocatePool2:', "fffff804`73b4e010 4883ec48        sub     rsp,48h"].join('\n'));
    expect(f.blocks.map((b) => [b.family, b.parsed])).toEqual([['unknown', false], ['breakpoints', true]]);
    expect(f.breakpoints[0]).toMatchObject({ event: 'hit', id: 7, target: 'nt!ExAllocatePool2', provenance: { lines: [3, 3] } });
    expect(f.registers[0]!.instruction).toMatchObject({ address: 'fffff80473b4e010', bytes: '4883ec48' });
  });

  it('a hit inside a pasted stack is kept as a hit', () => {
    const text = [...ACP_STACK.slice(0, 4), 'Breakpoint 0 hit', ...ACP_STACK.slice(0, 3)].join('\n');
    const f = ingestText(text);
    expect(f.breakpoints).toEqual([expect.objectContaining({ event: 'hit', id: 0 })]);
    expect(f.stacks.map((s) => s.frames.length)).toEqual([3, 2]);
  });
});

describe('breakpoints: junk never stops the parser', () => {
  const samples = [...fixture('breakpoints', 'g-hit-x86.log').split('\n'), ...fixture('breakpoints', 'bl-rows.log').split('\n'), ...ACP_STACK];
  it('arbitrary lines under bp, bl and g', () => {
    fc.assert(fc.property(junkTranscript(['bp nt!ExAllocatePool2 ".if(@r8 == 0x61646d61) {} .else {gc}"', 'bl', 'g', 'bm nt!Ex*', 'p'], samples), (text) => {
      const f = ingestJunk(text);
      expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
    }), { numRuns: 300 });
  });

  it('arbitrary command lines never throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      parseBreakpointCommand(`bp ${s}`);
      comparesOf(s);
      conditionOf(s);
    }));
  });
});

describe('breakpoints: schema', () => {
  it('the facts of every capture in fixtures/windbg/breakpoints validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('breakpoints')).toEqual([]);
  });
});
