import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { archOfRegisters, requestedFrame } from '../../engine/ingest/registers.js';
import { ingestJunk, junkTranscript } from './junk.js';
import { fixtureSchemaErrors } from './schema-check.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/windbg/registers/${name}`, import.meta.url), 'utf8');
const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');

describe('registers: `.frame /c /r 0n5` in the ACP case', () => {
  const f = ingestText(ACP);
  const r = f.registers[0]!;

  it('holds the tag in r8 and r13', () => {
    expect(f.registers).toHaveLength(1);
    expect(r.values['r13']).toBe('61646d61');
    expect(r.values['r8']).toBe('61646d61');
    expect(r.values).toMatchObject({ rax: '1000', rbx: '0', r9: '128', r15: 'ffffac0e4c604db0', rsp: 'ffffd68d7952ee30', efl: '246', cs: '10', gs: '2b' });
    expect(Object.keys(r.values)).toHaveLength(17 + 1 + 6 + 1); // GPRs and rip, iopl, six selectors, efl
  });

  it('reads the reset note, the frame line, flags, location and instruction', () => {
    expect(r.frame).toEqual({ requested: 5, actual: 3, site: 'Wdf01000!FxPoolAllocateWithTag2+0x4e' });
    expect(r.flags).toBe('nv up ei pl zr na po nc');
    expect(r.location).toBe('Wdf01000!FxPoolAllocateWithTag2+0x4e [inlined in Wdf01000!FxObjectHandleAlloc2+0x157]');
    expect(r.instruction).toEqual({ address: 'fffff8040591e433', bytes: '488bf8', text: 'mov     rdi,rax' });
    expect(r.provenance).toMatchObject({ lines: [40, 51], command: '.frame /c /r 0n5' });
  });

  it('proves the architecture', () => {
    expect(r.arch).toBe('x64');
    expect(f.arch).toBe('x64');
    expect(f.archEvidence).toContain('line 40');
  });
});

describe('registers: other captures', () => {
  it('x64 user-mode `r`', () => {
    const f = ingestText(fixture('x64-r-kv-femap.log'));
    expect(f.registers).toHaveLength(1);
    expect(f.registers[0]).toMatchObject({
      values: { rbx: '3967423867423767', r8: '1c81d6d', r12: '3e8', rip: '140a7e2bd', cs: '33', efl: '10202' },
      flags: 'nv up ei pl nz na pe nc',
      location: 'femap+0xa7e2bd',
      instruction: { address: '0000000140a7e2bd', bytes: 'c3', text: 'ret' },
      arch: 'x64',
    });
  });

  it('x86 `r` (six per line, flags after iopl) proves x86', () => {
    const f = ingestText(fixture('x86-r-dd-gdi.log'));
    expect(f.registers[0]).toMatchObject({
      values: { eax: '0', ebx: 'fd8fe8', esp: 'd7f7fc', eip: '775283c0', fs: '53', efl: '246' },
      flags: 'nv up ei pl zr na pe nc',
      location: 'GDI32!SetEnhMetaFileBits',
      instruction: { address: '775283c0', bytes: '8bff', text: 'mov     edi,edi' },
      arch: 'x86',
    });
    expect(f.arch).toBe('x86');
  });

  it('arm64 `r` proves arm64', () => {
    const f = ingestText(fixture('arm64-r-uaf.log'));
    expect(f.registers[0]).toMatchObject({
      values: { x0: '210f537c36c', x3: '0', x27: '210f505ec90', fp: '27464ffbd0', lr: '0', pc: '7ff6c4ac1137', psr: '40' },
      flags: '---- EL0',
      arch: 'arm64',
    });
    expect(f.arch).toBe('arm64');
    expect(f.diagnostics).toEqual([]);
  });

  it('recognises a register dump printed by a command we do not parse (`~2s`)', () => {
    const f = ingestText(readFileSync(new URL('../fixtures/windbg/stack/x86-kb-testwhile.log', import.meta.url), 'utf8'));
    expect(f.blocks[1]).toMatchObject({ family: 'registers', parsed: true });
    expect(f.registers[0]).toMatchObject({
      values: { edx: '7c9585ec', eip: '401480' },
      location: 'testwhile!ThreadFun',
      instruction: { bytes: 'ebfe', text: 'jmp     testwhile!ThreadFun (00401480)' },
    });
  });

  it('reads `.frame N` without /r and `.trap`', () => {
    const f = ingestText([
      '0:000> .frame 2',
      '02 00000000`00effc70 00007ff6`52263c79 windbg!main+0x28 [c:\\users\\jack\\documents\\visual studio 2008\\projects\\windbg\\windbg\\main.cpp @ 48]',
      'kd> .trap 8013eee8',
      'eax=dec80201 ebx=ffdff420 ecx=8013c71c edx=000003f8 esi=00000000 edi=87038e10',
      'eip=00000000 esp=8013ef5c ebp=8013ef64 iopl=0         nv up ei pl nz na pe nc',
    ].join('\n'));
    expect(f.registers[0]).toMatchObject({ values: {}, frame: { requested: 2, actual: 2, site: 'windbg!main+0x28' } });
    expect(f.registers[1]).toMatchObject({ values: { eax: 'dec80201', eip: '0', iopl: '0' }, flags: 'nv up ei pl nz na pe nc', arch: 'x86' });
  });

  it('does not guess the architecture from one register, and reports junk', () => {
    const f = ingestText(['0: kd> r ecx', 'ecx=00000040', 'no such register'].join('\n'));
    expect(f.registers[0]!.values).toEqual({ ecx: '40' });
    expect(f.registers[0]!.arch).toBeUndefined();
    expect(f.arch).toBeUndefined();
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'malformed-line', line: 3 })]);
  });

  it('decides the architecture only from conclusive sets and reads frame numbers', () => {
    expect(archOfRegisters({ eax: '0', eip: '0' })).toBe('x86');
    expect(archOfRegisters({ eax: '0' })).toBeUndefined();
    expect(archOfRegisters({ r13: '0', rax: '1' })).toBe('x64');
    expect(archOfRegisters({ x0: '0' })).toBe('arm64');
    expect(requestedFrame('/c /r 0n5')).toBe(5);
    expect(requestedFrame('10')).toBe(16);
    expect(requestedFrame('')).toBeUndefined();
  });
});

describe('registers: junk never stops the parser', () => {
  const samples = [...ACP.split('\n').slice(38, 51), ...fixture('x86-r-dd-gdi.log').split('\n'), ...fixture('arm64-r-uaf.log').split('\n')];
  it('arbitrary lines under r and .frame', () => {
    fc.assert(fc.property(junkTranscript(['r', '.frame /c /r 0n5', '.trap 8013eee8', '.cxr'], samples), (text) => {
      const f = ingestJunk(text);
      expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
      for (const r of f.registers) for (const [k, v] of Object.entries(r.values)) expect(`${k}=${v}`).toMatch(/^[a-z][a-z0-9]*=[0-9a-f]+$/);
    }), { numRuns: 300 });
  });

  it('long adversarial lines finish quickly', () => {
    const t0 = performance.now();
    ingestText(['0: kd> r', 'rax=1 ' + 'a'.repeat(60000), 'rax=' + '1 '.repeat(30000)].join('\n'));
    expect(performance.now() - t0).toBeLessThan(10_000); // a hang guard against regex backtracking, not a speed measurement
  });
});

describe('registers: schema', () => {
  it('the facts of every capture in fixtures/windbg/registers validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('registers')).toEqual([]);
  });
});
