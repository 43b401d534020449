import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { MAX_FRAMES, parseStackHeader, parseStackLine, parseStackText, splitSymbol } from '../../engine/ingest/stack.js';
import { ingestJunk, junkTranscript } from './junk.js';
import { fixtureSchemaErrors } from './schema-check.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/windbg/stack/${name}`, import.meta.url), 'utf8');
const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');

describe('stacks: the ACP DPC stack (x64 k with inline frames and source lines)', () => {
  const f = ingestText(ACP);
  const s = f.stacks.find((x) => x.kind === 'k')!;

  it('reads all 17 frames, numbered 0x00–0x10, without diagnostics', () => {
    expect(s.frames.map((fr) => fr.index)).toEqual([...Array(17).keys()]);
    expect(f.diagnostics.filter((d) => d.source && d.line >= 18 && d.line <= 36)).toEqual([]);
    expect(s.provenance).toMatchObject({ lines: [19, 36], command: 'k' });
  });

  it('frame 0x0b is the driver DPC, with its source file and line', () => {
    expect(s.frames[0x0b]).toMatchObject({
      index: 11,
      childSp: 'ffffd68d7952f030',
      returnAddress: 'fffff8040595dc88',
      module: 'amdacpbus2',
      function: 'AcpDspSwInterruptDpc',
      offset: 0x13c,
      site: 'amdacpbus2!AcpDspSwInterruptDpc+0x13c',
      inline: false,
      sourceFile: 'c:\\constructicon\\builds\\gfx\\five\\24.20\\drivers\\acp\\amdacpbus2\\src\\acp_7_0.c',
      sourceLine: 2038,
    });
  });

  it('marks the six inline frames and gives them no addresses', () => {
    const inline = s.frames.filter((fr) => fr.inline).map((fr) => fr.index);
    expect(inline).toEqual([0x01, 0x03, 0x04, 0x06, 0x09, 0x0c]);
    expect(s.frames[1]!.childSp).toBeUndefined();
    expect(s.frames[1]!.returnAddress).toBeUndefined();
  });

  it('splits C++ names: `FxObject::operator new`, `FxDpc::FxDpcThunk`, `imp_WdfWorkItemCreate`', () => {
    expect(s.frames[6]).toMatchObject({ module: 'Wdf01000', function: 'FxObject::operator new', offset: 0x2a, sourceLine: 577 });
    expect(s.frames[0x0d]).toMatchObject({ function: 'FxDpc::FxDpcThunk', offset: 0x88 });
    expect(s.frames[8]!.function).toBe('imp_WdfWorkItemCreate');
    expect(s.frames[0]).toMatchObject({ module: 'nt', function: 'ExAllocatePool2', sourceFile: 'minkernel\\ntos\\ex\\pool.c', sourceLine: 4255 });
    expect(s.frames[0]!.offset).toBeUndefined();
    expect(s.frames[16]).toMatchObject({ returnAddress: '0000000000000000', function: 'KiIdleLoop', offset: 0x9e });
  });
});

describe('stacks: x86', () => {
  it('reads kv with FPO notes, the unwind WARNING and frames without symbols', () => {
    const f = ingestText(fixture('x86-kv-fpo-procmon.log'));
    expect(f.diagnostics).toEqual([]);
    expect(f.stacks).toHaveLength(1);
    const s = f.stacks[0]!;
    expect(s).toMatchObject({ kind: 'kv', arch: 'x86' });
    expect(s.frames).toHaveLength(17);
    expect(s.frames[0]).toMatchObject({
      childSp: 'ba50b8c0', returnAddress: 'b9e390a8', args: ['000335e5', '89bc65f4', '000000fe'],
      site: 'nt!ObQueryNameString+0x9b', module: 'nt', function: 'ObQueryNameString', offset: 0x9b,
    });
    expect(s.frames[10]).toMatchObject({ site: 'PROCMON13+0x3284', module: 'PROCMON13', offset: 0x3284, childSp: 'ba50bc74' });
    expect(s.frames[10]!.function).toBeUndefined();
    expect(s.frames[16]).toMatchObject({ childSp: '00000000', returnAddress: '00000000', function: 'KiThreadStartup' });
  });

  it('reads kvn with an (Inline) frame, (CONV: cdecl) and source lines', () => {
    const f = ingestText(fixture('x86-kv-inline-gdi.log'));
    const s = f.stacks[0]!;
    expect(s.frames).toHaveLength(9);
    expect(s.frames[4]).toMatchObject({
      index: 4, inline: true, module: 'SetEnhMetaFileBits', function: 'invoke_main', offset: 0x1c,
      site: 'SetEnhMetaFileBits!invoke_main+0x1c',
      sourceFile: 'd:\\agent\\_work\\3\\s\\src\\vctools\\crt\\vcstartup\\src\\startup\\exe_common.inl', sourceLine: 78,
    });
    expect(s.frames[4]!.args).toBeUndefined();
    expect(s.frames[3]).toMatchObject({ function: 'main', offset: 0x98, sourceLine: 31, args: ['6b4610c4', '00fd3fb8', '00fd5108'] });
    expect(s.frames[5]!.function).toBe('__scrt_common_main_seh');
    expect(f.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });

  it('keeps legacy frames without a call site and strips the TrapFrame note', () => {
    const f = ingestText(fixture('x86-kb-kv-bugcheck-doc.log'));
    const [kb, kv] = f.stacks;
    expect(kb!.kind).toBe('kb');
    expect(kb!.frames).toHaveLength(5);
    expect(kb!.frames[3]).toMatchObject({ site: '', childSp: '8013ed5c', args: ['00000000', '00000000', 'e12ab000'] });
    expect(kv!.frames[2]).toMatchObject({ site: 'NT!_KiTrap0E+0x256', module: 'NT', function: '_KiTrap0E', offset: 0x256 });
    expect(f.diagnostics.filter((d) => d.code === 'malformed-line')).toEqual([]);
  });

  it('reads `~1 k` and `k` (ChildEBP RetAddr without args) and `kb` with a source line', () => {
    const f = ingestText(fixture('x86-k-threads.log'));
    expect(f.stacks.map((s) => [s.kind, s.frames.length])).toEqual([['k', 5], ['k', 5]]);
    expect(f.stacks[0]!.frames[1]).toMatchObject({ childSp: '0150f78c', returnAddress: '75b9fcc9', function: 'TppWorkerThread', offset: 0x2a0 });
    expect(f.stacks[0]!.frames[1]!.args).toBeUndefined();
    const g = ingestText(fixture('x86-kb-testwhile.log'));
    expect(g.stacks[0]!.frames[0]).toMatchObject({ function: 'ThreadFun', sourceFile: 'E:\\testwhile\\testwhileDlg.cpp', sourceLine: 173 });
    expect(g.stacks[0]!.frames[1]).toMatchObject({ module: 'MFC42', function: 'Ordinal1184', offset: 0x15b });
  });
});

describe('stacks: x64 variants', () => {
  const f = ingestText(fixture('x64-k-variants-doc.log'));
  const by = (kind: string) => f.stacks.find((s) => s.kind === kind)!;

  it('parses every variant of the documentation page', () => {
    expect(f.stacks.map((s) => [s.kind, s.frames.length])).toEqual([['kb', 4], ['kc', 4], ['kp', 4], ['kv', 4], ['kf', 4], ['kL', 4]]);
    expect(f.diagnostics).toEqual([]);
  });

  it('kb without Child-SP: return address, four args, then the call site', () => {
    expect(by('kb').frames[0]).toMatchObject({
      index: 0, returnAddress: '0000000077732ef5',
      args: ['0000000000000000', '00000000777d5468', '0000000000000000', '0000000000000004'],
      module: 'ntdll', function: 'LdrpDoDebuggerBreak', offset: 0x30,
    });
    expect(by('kb').frames[0]!.childSp).toBeUndefined();
    expect(by('kv').frames[1]).toMatchObject({ childSp: '000000000015ef10', returnAddress: '0000000077711a17', offset: 0x1b4f });
  });

  it("reads `ntdll! ?? ::FNODOBFM::`string'+0x29220` and kc sites without addresses", () => {
    expect(by('kp').frames[2]).toMatchObject({ module: 'ntdll', function: "?? ::FNODOBFM::`string'", offset: 0x29220 });
    expect(by('kc').frames[2]).toMatchObject({ index: 2, site: "ntdll! ?? ::FNODOBFM::`string'", module: 'ntdll' });
    expect(by('kc').frames[0]!.childSp).toBeUndefined();
  });

  it('skips the kf Memory column (blank on frame 0)', () => {
    expect(by('kf').frames[0]).toMatchObject({ childSp: '000000000015eed0', returnAddress: '0000000077732ef5' });
    expect(by('kf').frames[2]).toMatchObject({ childSp: '000000000015f400', function: "?? ::FNODOBFM::`string'" });
  });

  it('accepts frame counts (`kb 0n30`, `k 20`) and a header rendered without its leading space', () => {
    const text = fixture('x64-kb-sysvad.log').replace('0: kd> kb', '0: kd> kb 0n30');
    const g = ingestText(text);
    expect(g.stacks[0]!.kind).toBe('kb');
    expect(g.stacks[0]!.frames).toHaveLength(6);
    expect(g.stacks[0]!.frames[0]).toMatchObject({ function: 'CMiniportWaveRT::NewStream', offset: 0x1dc, sourceLine: 597 });
    const k20 = ingestText(ACP.replace('8: kd> k\n', '8: kd> k 20\n'));
    expect(k20.stacks[0]!.frames).toHaveLength(17);
  });

  it('reads !thread blocks: thread lines are not frames, raw 0x… call sites have no module', () => {
    const g = ingestText(fixture('x64-thread-doc.log'));
    expect(g.stacks.map((s) => [s.kind, s.frames.length])).toEqual([['!thread', 3], ['!thread', 3]]);
    expect(g.stacks[0]!.frames[0]).toMatchObject({ childSp: 'fffff80259858c68', function: 'DbgBreakPointWithStatus', sourceLine: 130 });
    expect(g.stacks[0]!.frames[1]).toMatchObject({ site: '0xfffff801`b56d24aa' });
    expect(g.stacks[0]!.frames[1]!.module).toBeUndefined();
    expect(g.stacks[1]!.frames[2]).toMatchObject({ function: 'KiCommitThreadWait', sourceLine: 619 });
    expect(g.diagnostics).toEqual([]);
  });

  it('recognises a stack pasted without its command line', () => {
    const body = ACP.split('\n').slice(18, 36).join('\n');
    const g = ingestText(body);
    expect(g.blocks[0]).toMatchObject({ family: 'stack', parsed: true });
    expect(g.stacks[0]!.frames).toHaveLength(17);
  });

  it('reports a line that is not a frame and keeps going', () => {
    const text = ACP.replace('0c (Inline Function)', 'garbage here\n0c (Inline Function)');
    const g = ingestText(text);
    expect(g.stacks[0]!.frames).toHaveLength(17);
    expect(g.diagnostics.find((d) => d.code === 'malformed-line')).toMatchObject({ line: 32 });
  });
});

describe('STACK_TEXT rows for !analyze', () => {
  it('parses `child-sp retaddr : args : site` rows and the x86 form', () => {
    const frames = parseStackText([
      'ffffd68d`7952edb8 fffff804`0591d831 : 00000000`00000000 00000000`00000001 00000000`00000002 00000000`00000003 : nt!KeBugCheckEx',
      'ffffd68d`7952edc0 fffff804`0591e433 : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : Wdf01000!FxPoolAllocator+0x81',
      'WARNING: Frame IP not in any known module. Following frames may be wrong.',
      'ba50bc74 990c851f 862ecc08 e13cf65c ba50bd54 PROCMON13+0x3284',
    ], 40);
    expect(frames).toHaveLength(3);
    expect(frames[0]).toMatchObject({
      childSp: 'ffffd68d7952edb8', returnAddress: 'fffff8040591d831',
      args: ['0000000000000000', '0000000000000001', '0000000000000002', '0000000000000003'],
      module: 'nt', function: 'KeBugCheckEx', line: 40,
    });
    expect(frames[1]).toMatchObject({ function: 'FxPoolAllocator', offset: 0x81, line: 41 });
    expect(frames[2]).toMatchObject({ childSp: 'ba50bc74', module: 'PROCMON13', offset: 0x3284, line: 43 });
  });

  it('splits symbols: templates with spaces and commas, operator new, kp parameter lists', () => {
    expect(splitSymbol('app!std::vector<int, std::allocator<int> >::push_back+0x1c')).toEqual({
      module: 'app', function: 'std::vector<int, std::allocator<int> >::push_back', offset: 0x1c,
    });
    expect(splitSymbol('ntdll!NtWaitForSingleObject(void)+0x14')).toEqual({ module: 'ntdll', function: 'NtWaitForSingleObject', offset: 0x14 });
    expect(splitSymbol('app!Foo::operator()(int x = 0n1)+0x8')).toEqual({ module: 'app', function: 'Foo::operator()', offset: 8 });
    expect(splitSymbol('0x37684236`68423568')).toEqual({});
    expect(splitSymbol('NT!_KiServiceExit2-0x177')).toEqual({ module: 'NT', function: '_KiServiceExit2', offset: -0x177 });
  });

  it('joins a kP parameter list printed over several lines (shape per the k page, not captured)', () => {
    const frames = parseStackText([
      ' # Child-SP          RetAddr           Call Site',
      '00 000000c6`b8cff690 00007ff6`f2a11e4d myapp!main(',
      '\t\t\tint argc = 0n1, ',
      '\t\t\tchar ** argv = 0x000001f5`c3e82a10)+0x45 [c:\\src\\myapp.cpp @ 12]',
      '01 000000c6`b8cff6f0 00000000`00000000 myapp!invoke_main+0x39',
    ]);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatchObject({ function: 'main', offset: 0x45, sourceFile: 'c:\\src\\myapp.cpp', sourceLine: 12 });
    expect(frames[1]).toMatchObject({ index: 1, function: 'invoke_main' });
  });

  it('reads headers and single lines directly', () => {
    expect(parseStackHeader(' # ChildEBP RetAddr  Args to Child')).toMatchObject({ numbered: true, childSp: true, retAddr: true, args: true, arch: 'x86' });
    expect(parseStackHeader(' # Child-SP          RetAddr           : Args to Child                  : Call Site')).toMatchObject({ args: false, childSp: true });
    expect(parseStackHeader('  Tag    Allocs     Used')).toBeUndefined();
    expect(parseStackLine('just words', 1)).toBeUndefined();
  });
});

describe('stacks: junk never stops the parser', () => {
  const samples = [...ACP.split('\n').slice(18, 36), ...fixture('x86-kv-inline-gdi.log').split('\n'), ...fixture('x64-k-variants-doc.log').split('\n')];
  it('arbitrary lines under k commands, !thread and STACK_TEXT rows', () => {
    fc.assert(fc.property(junkTranscript(['k', 'kv', 'kP', 'kc', '!thread', '~*kb'], samples), (text) => {
      const f = ingestJunk(text);
      expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
      parseStackText(text.split('\n'));
    }), { numRuns: 300 });
  });

  it('long adversarial lines finish quickly', () => {
    const t0 = performance.now();
    ingestText(['0: kd> kb', ' # RetAddr' + ' '.repeat(60000) + 'x', '00 ' + 'ffffffff`ffffffff '.repeat(3000), 'app!' + '('.repeat(60000)].join('\n'));
    parseStackText(['RetAddr' + ' '.repeat(60000) + ': Call Site?', 'a+'.repeat(30000)]);
    expect(performance.now() - t0).toBeLessThan(10_000); // a hang guard against regex backtracking, not a speed measurement
  });
});

describe('stack: schema', () => {
  it('the facts of every capture in fixtures/windbg/stack validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('stack')).toEqual([]);
  });

  it('keeps the first MAX_FRAMES frames of a runaway stack and counts the rest', () => {
    const n = MAX_FRAMES + 3;
    const rows = Array.from({ length: n }, (_, i) => `${(i % 256).toString(16).padStart(2, '0')} ffffd68d\`7952f030 fffff804\`0595dc88     nt!Recurse${i}+0x13c`);
    const f = ingestText(['0: kd> k', ' # Child-SP          RetAddr               Call Site', ...rows].join('\n'));
    expect(f.stacks).toHaveLength(1);
    expect(f.stacks[0]!.frames).toHaveLength(MAX_FRAMES);
    expect(f.stacks[0]!.frames.at(-1)!.function).toBe(`Recurse${MAX_FRAMES - 1}`);
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'frames-dropped', line: 2 })]);
    expect(f.diagnostics[0]!.message).toContain(`has ${n} frames`);
  });
});


describe('a note the reader typed after the call site', () => {
  it('ends the site before `<--` or `<==` (zarfld/IntelAvbFilter kc rows)', () => {
    expect(parseStackLine('0c nt!IopUnloadDriver+0x433                      <-- Driver unload', 1)).toMatchObject({
      index: 12,
      site: 'nt!IopUnloadDriver+0x433',
      module: 'nt',
      function: 'IopUnloadDriver',
      offset: 0x433,
    });
    expect(parseStackLine('04 nt!VfPoolCheckForLeaks+0x60\t<== here', 1)!.site).toBe('nt!VfPoolCheckForLeaks+0x60');
    expect(parseStackLine('05 foo!std::operator<=+0x10', 1)!.site).toBe('foo!std::operator<=+0x10');
  });
});
describe('STACK_TEXT rows hard-wrapped by a paste', () => {
  const row = 'ffffd000`261e1290 fffff802`132f06a8 : 00000000`000000c4 00000000`00000062 ffffe000`01b75978 ffffe000`01bd56b0 : nt!KeBugCheckEx+0x104';
  const wrappedAtBlank = ['ffffd000`261e1290 fffff802`132f06a8 : 00000000`000000c4 00000000`00000062', 'ffffe000`01b75978 ffffe000`01bd56b0 : nt!KeBugCheckEx+0x104'];
  const cutAt80 = [row.slice(0, 80), row.slice(80)];

  it.each([
    ['at the last blank', wrappedAtBlank],
    ['inside a word', cutAt80],
  ])('joins a row wrapped %s back to one frame', (_how, lines) => {
    const doc = ingestText(['STACK_TEXT:  ', ...lines, 'ffffd000`261e12d0 fffff802`132f4c4a : fffff800`01779000 ffffe000`01b758c0 00000000`00000000 00000000`ffffffff : nt!VerifierBugCheckIfAppropriate+0x3c'].join('\n'));
    const frames = doc.stacks[0]!.frames;
    expect(frames.map((f) => [f.function, f.args])).toEqual([
      ['KeBugCheckEx', ['00000000000000c4', '0000000000000062', 'ffffe00001b75978', 'ffffe00001bd56b0']],
      ['VerifierBugCheckIfAppropriate', ['fffff80001779000', 'ffffe00001b758c0', '0000000000000000', '00000000ffffffff']],
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'malformed-line')).toEqual([]);
  });
});

describe('k frames whose [file @ line] a paste cut onto the next line', () => {
  const frame = '0b ffffc182`daf9f4e0 fffff801`4ca264f2     Wdf01000!FxPoolDump+0x17b [minkernel\\wdf\\framework\\shared\\object\\wdfpool.cpp @ 545]';
  it.each([
    ['inside the path', [frame.slice(0, 80), frame.slice(80)]],
    ['before the line number', [frame.slice(0, frame.indexOf(' 545]')), '545]']],
  ])('joins a cut %s back to the frame', (_where, lines) => {
    const doc = ingestText(['0: kd> k', ' # Child-SP          RetAddr               Call Site', ...lines].join('\n'));
    expect(doc.stacks[0]!.frames.map((f) => [f.function, f.sourceFile, f.sourceLine])).toEqual([
      ['FxPoolDump', 'minkernel\\wdf\\framework\\shared\\object\\wdfpool.cpp', 545],
    ]);
  });
});

