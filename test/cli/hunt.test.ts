import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, oneLine, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);

describe('wdfleak hunt', () => {
  it('prints x64 breakpoints with the tag in r8 and the survey commands', () => {
    const r = wdfleak(['hunt', 'amda']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("Pool tag 'amda' = 0x61646d61 (bytes in memory: 61 6d 64 61)");
    expect(r.stdout).toContain('ExAllocatePool2: tag in r8 (3rd argument)');
    expect(r.stdout).toContain('  bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == 0x61646d61) {} .else {gc}"');
    expect(r.stdout).toContain('  bp nt!ExAllocatePoolWithQuotaTag ".if ((@r8 & 0xffffffff) == 0x61646d61) {} .else {gc}"');
    expect(r.stdout).toMatch(/^ {2}!poolfind amda -nonpaged +lists/m);
    expect(r.stdout).toMatch(/^ {2}dt Wdf01000!FxObject <address>\+10 +the WDF object/m);
  });

  it('--arch x86 reads the tag from the stack: +0x10 after an 8-byte POOL_FLAGS, +0xc after POOL_TYPE', () => {
    const r = wdfleak(['hunt', '0x61646d61', '--arch', 'x86', '--commands']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('bp '))).toEqual([
      'bp nt!ExAllocatePool2 ".if (poi(@esp+0x10) == 0x61646d61) {} .else {gc}"',
      'bp nt!ExAllocatePoolWithTag ".if (poi(@esp+0xc) == 0x61646d61) {} .else {gc}"',
      'bp nt!ExAllocatePool3 ".if (poi(@esp+0x10) == 0x61646d61) {} .else {gc}"',
      'bp nt!ExAllocatePoolWithQuotaTag ".if (poi(@esp+0xc) == 0x61646d61) {} .else {gc}"',
    ]);
    expect(r.stdout).toContain('!poolfind amda -nonpaged\n');
  });

  it('--arch arm64 --api --log: one logging breakpoint on x2', () => {
    const r = wdfleak(['hunt', 'amda', '--arch', 'arm64', '--api', 'ExAllocatePool2', '--log', '--commands']);
    expect(r.stdout.split('\n')[0]).toBe('bp nt!ExAllocatePool2 ".if ((@x2 & 0xffffffff) == 0x61646d61) {k 20; gc} .else {gc}"');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('bp '))).toHaveLength(1);
  });

  it('--arch all --format json gives one recipe per architecture', () => {
    const recipes = JSON.parse(wdfleak(['hunt', 'amda', '--arch', 'all', '--format', 'json']).stdout) as Array<{ arch: string; breakpoints: Array<{ location: { register?: string; stackOffset?: number } }> }>;
    expect(recipes.map((r) => r.arch)).toEqual(['x64', 'arm64', 'x86']);
    expect(recipes.map((r) => r.breakpoints[0]!.location.register ?? r.breakpoints[0]!.location.stackOffset)).toEqual(['r8', 'x2', 16]);
  });

  it('rejects what is not a tag and unknown APIs, exit 2', () => {
    const a = wdfleak(['hunt', 'amdacp']);
    expect(a.status).toBe(2);
    expect(oneLine(a.stderr)).toBe("wdfleak hunt: 'amdacp' is not a pool tag: expected 1 to 4 printable characters (amda) or a 32-bit value (0x61646d61); see 'wdfleak hunt --help'");
    const b = wdfleak(['hunt', 'amda', '--api', 'ExAllocatePool']);
    expect(b.status).toBe(2);
    expect(oneLine(b.stderr)).toMatch(/unknown allocation API 'ExAllocatePool'; known: ExAllocatePool2, /);
    expect(wdfleak(['hunt']).status).toBe(2);
    expect(wdfleak(['hunt', 'amda', '--arch', 'mips']).status).toBe(2);
  });
});
