import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_APIS,
  breakpoint,
  fxObjectOffset,
  huntRecipe,
  parseTagArgument,
  tagLocation,
  tagValue,
} from '../../engine/hunt/recipes.js';
import { compileSchemas } from '../../engine/validate/schemas.js';

const api = (name: string) => ALLOCATION_APIS.find((a) => a.name === name)!;

describe('tag values', () => {
  it('reads the tag as a little-endian 32-bit value: a=0x61 m=0x6d d=0x64 a=0x61 → 0x61646d61', () => {
    expect(tagValue('amda')).toBe(0x61646d61);
    // FX_TAG 'rDxF' in C source reads "FxDr" in memory: F=0x46 x=0x78 D=0x44 r=0x72.
    expect(tagValue('FxDr')).toBe(0x72447846);
  });

  it('pads short tags with spaces and rejects what is not a tag', () => {
    expect(tagValue('Io')).toBe(0x20206f49);
    expect(() => tagValue('toolong')).toThrow(/1 to 4 one-byte characters/);
    expect(parseTagArgument("'amda'")).toBe('amda');
    expect(parseTagArgument('0x61646d61')).toBe('amda');
    expect(() => parseTagArgument('amdacp')).toThrow(/not a pool tag/);
  });
});

describe('where the Tag argument is on entry', () => {
  it('x64: r8, the 3rd integer argument register, for all four routines', () => {
    for (const a of ALLOCATION_APIS) expect(tagLocation(a, 'x64').register).toBe('r8');
  });

  it('ARM64: x2', () => {
    for (const a of ALLOCATION_APIS) expect(tagLocation(a, 'arm64').register).toBe('x2');
  });

  it('x86 stdcall: return address (4) + Flags ULONG64 (8) + SIZE_T (4) = 0x10 for ExAllocatePool2/3', () => {
    expect(tagLocation(api('ExAllocatePool2'), 'x86').stackOffset).toBe(0x10);
    expect(tagLocation(api('ExAllocatePool3'), 'x86').stackOffset).toBe(0x10);
  });

  it('x86 stdcall: return address (4) + POOL_TYPE (4) + SIZE_T (4) = 0xc for the WithTag routines', () => {
    expect(tagLocation(api('ExAllocatePoolWithTag'), 'x86').stackOffset).toBe(0xc);
    expect(tagLocation(api('ExAllocatePoolWithQuotaTag'), 'x86').stackOffset).toBe(0xc);
  });
});

describe('breakpoints', () => {
  it('are conditional bp commands comparing the low 32 bits with the tag value', () => {
    expect(breakpoint('ExAllocatePool2', 'amda', 'x64')).toBe('bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == 0x61646d61) {} .else {gc}"');
    expect(breakpoint('ExAllocatePool2', 'amda', 'arm64')).toBe('bp nt!ExAllocatePool2 ".if ((@x2 & 0xffffffff) == 0x61646d61) {} .else {gc}"');
    expect(breakpoint('ExAllocatePoolWithTag', 'amda', 'x86')).toBe('bp nt!ExAllocatePoolWithTag ".if (poi(@esp+0xc) == 0x61646d61) {} .else {gc}"');
    expect(breakpoint('exallocatepool2', 'amda', 'x86', 'log')).toBe('bp nt!ExAllocatePool2 ".if (poi(@esp+0x10) == 0x61646d61) {k 20; gc} .else {gc}"');
    expect(() => breakpoint('ExAllocatePool', 'amda', 'x64')).toThrow(/unknown allocation API/);
  });

  it('the recipe adds the survey commands with the FxObject 2 pointers after the block (x64 +10, x86 +8)', () => {
    expect(fxObjectOffset('x64')).toBe(0x10);
    expect(fxObjectOffset('x86')).toBe(8);
    const r = huntRecipe('amda', 'x64');
    expect(r.value).toBe('0x61646d61');
    expect(r.breakpoints.map((b) => b.api)).toEqual(['ExAllocatePool2', 'ExAllocatePoolWithTag', 'ExAllocatePool3', 'ExAllocatePoolWithQuotaTag']);
    expect(r.followUps.map((f) => f.command)).toEqual([
      '!poolused 2 amda',
      '!poolfind amda -nonpaged',
      '!pool <address>',
      'dt Wdf01000!FxObject <address>+10',
    ]);
    expect(huntRecipe('amda', 'x86').followUps[3]!.command).toBe('dt Wdf01000!FxObject <address>+8');
  });
});

describe('rules/reference/allocation-apis.json', () => {
  it('validates against its schema (draft 2020-12, strict)', () => {
    const read = (p: string) => JSON.parse(readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8'));
    const set = compileSchemas([{ path: 'schemas/allocation-apis.schema.json', schema: read('schemas/allocation-apis.schema.json') }]);
    expect(set.errors).toEqual([]);
    const compiled = set.byPath.get('schemas/allocation-apis.schema.json')!;
    const data = read('rules/reference/allocation-apis.json');
    expect(compiled.validate(data), JSON.stringify(compiled.validate.errors)).toBe(true);
    // A routine without a Tag parameter is rejected.
    const broken = structuredClone(data);
    broken.apis[0].params = broken.apis[0].params.filter((p: { name: string }) => p.name !== 'Tag');
    expect(compiled.validate(broken)).toBe(false);
  });

  it('cites the learn.microsoft.com page of each routine and of the x64, ARM64 and x86 conventions', () => {
    const data = JSON.parse(readFileSync(new URL('../../rules/reference/allocation-apis.json', import.meta.url), 'utf8'));
    const urls: string[] = data.sources.map((s: { url: string }) => s.url);
    for (const a of ['exallocatepool2', 'exallocatepoolwithtag', 'exallocatepool3', 'exallocatepoolwithquotatag']) {
      expect(urls).toContain(`https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-${a}`);
    }
    expect(urls).toContain('https://learn.microsoft.com/cpp/build/x64-calling-convention');
    expect(urls).toContain('https://learn.microsoft.com/cpp/build/arm64-windows-abi-conventions');
  });
});
