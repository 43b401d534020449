import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACP, ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);
const BLOCK = readFileSync(join(ROOT, 'test/fixtures/cli/acp-workitem-block.dq.txt'), 'utf8');

describe('wdfleak explain <fx type>', () => {
  it('0x1025 is FX_TYPE_WORKITEM: WDFWORKITEM, WdfWorkItemCreate, WdfObjectDelete', () => {
    const r = wdfleak(['explain', '0x1025']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('FX_TYPE_WORKITEM = 0x1025 (4133)  FX_TYPES_BASE + 0x25');
    expect(r.stdout).toContain('  handle type    WDFWORKITEM');
    expect(r.stdout).toContain('  created by     WdfWorkItemCreate');
    expect(r.stdout).toContain('  deleted by     WdfObjectDelete');
    expect(r.stdout).toContain('WdfWorkItemCreate → WDFWORKITEM (FX_TYPE_WORKITEM)');
  });

  it('accepts the name and the handle type; WDFMEMORY explains that its objects carry FX_TYPE_OBJECT', () => {
    expect(wdfleak(['explain', 'FX_TYPE_WORKITEM']).stdout.split('\n')[0]).toBe('FX_TYPE_WORKITEM = 0x1025 (4133)  FX_TYPES_BASE + 0x25');
    const mem = wdfleak(['explain', 'WDFMEMORY']).stdout;
    expect(mem.split('\n')[0]).toMatch(/^FX_TYPE_OBJECT = 0x1000 \(4096\)/);
    expect(mem).toContain('WdfMemoryCreate → WDFMEMORY (FX_TYPE_OBJECT)');
  });

  it('--format json returns the table entry', () => {
    const r = JSON.parse(wdfleak(['explain', '0x1025', '--format', 'json']).stdout) as { kind: string; type: { name: string; value: number } };
    expect(r).toMatchObject({ kind: 'fxtype', type: { name: 'FX_TYPE_WORKITEM', value: 0x1025 } });
  });
});

describe('wdfleak explain <tag>', () => {
  it('amda: value 0x61646d61, memory bytes 61 6d 64 61, the derivation rule, the driver from the log', () => {
    const r = wdfleak(['explain', 'amda', '--log', ACP]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Pool tag 'amda' = 0x61646d61");
    expect(r.stdout).toContain('  bytes in memory  61 6d 64 61');
    expect(r.stdout).toContain("C literal        'adma'");
    expect(r.stdout.replace(/\s+/g, ' ')).toContain("drop a leading 'wdf' (any case), keep the first 4 characters");
    expect(r.stdout).toMatch(/Candidate drivers\n {2}amdacpbus2\n/);
  });

  it('0x61646d61 is the same tag; --drivers tests names without a log', () => {
    const r = JSON.parse(wdfleak(['explain', '0x61646d61', '--drivers', 'amdacpbus2.sys,WdfAmdaFoo,acpi', '--format', 'json']).stdout) as {
      tag: string;
      candidates: Array<{ name: string; match: string; strippedPrefix: boolean; fromImageName: boolean }>;
    };
    expect(r.tag).toBe('amda');
    // Exact matches first: WdfAmdaFoo gives 'Amda', which matches only when case is ignored.
    expect(r.candidates.map((c) => `${c.name}:${c.match}`)).toEqual(['amdacpbus2.sys:exact', 'WdfAmdaFoo:case-insensitive']);
    expect(r.candidates.find((c) => c.name === 'WdfAmdaFoo')!.strippedPrefix).toBe(true);
    expect(r.candidates.find((c) => c.name === 'amdacpbus2.sys')!.fromImageName).toBe(true);
  });

  it('IoWI is known: the kernel work-item tag that tracks WDFWORKITEMs', () => {
    expect(wdfleak(['explain', 'IoWI']).stdout).toContain('known as         Io work items');
  });
});

describe('wdfleak explain <handle|pointer>', () => {
  it('an x64 FxObject pointer gives its handle (0xffffda00`0f16ed40 → 0x000025fff0e912b8) and back', () => {
    const p = wdfleak(['explain', '0xffffda00`0f16ed40']);
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('as an FxObject pointer: WDF handle 0x000025fff0e912b8');
    expect(p.stdout).toContain('!wdfkd.wdfhandle 0x000025fff0e912b8 0xff');
    const h = wdfleak(['explain', '0x000025fff0e912b8']);
    expect(h.stdout).toContain('as a WDF handle: FxObject at 0xffffda000f16ed40');
    expect(h.stdout).toContain('dt Wdf01000!FxObject 0xffffda000f16ed40');
  });

  it('x86: handle 0x7ca7b1c0 ↔ object 0x83584e38 (the !wdfhandle documentation example)', () => {
    expect(wdfleak(['explain', '0x7ca7b1c0', '--arch', 'x86']).stdout).toContain('as a WDF handle: FxObject at 0x83584e38');
    expect(wdfleak(['explain', '0x83584e38', '--arch', 'x86']).stdout).toContain('as an FxObject pointer: WDF handle 0x7ca7b1c0');
  });

  it('an offset handle (low bit set) says the object needs the stored offset', () => {
    expect(wdfleak(['explain', '0x7dfa26d9', '--as', 'handle']).stdout).toContain('an offset handle; the USHORT at 0x8205d920 is the distance back to the object');
  });
});

describe('wdfleak explain --bytes', () => {
  it('decodes the _POOL_HEADER, the WDF block and the FxWorkItem of an ACP block', () => {
    const r = wdfleak(['explain', '--arch', 'x64', '--bytes', BLOCK]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('nt!_POOL_HEADER at ffffda000f16ed20');
    expect(out).toContain('  PoolTag         amda (0x61646d61)');
    expect(out).toContain('  BlockSize       0x14 → 0x140 bytes (units of 0x10, header included)');
    expect(out).toContain('WDF block at ffffda000f16ed30: retail (KMDF verifier off)');
    expect(out).toContain('  ✓ base-self: Base ffffda000f16ed30');
    expect(out).toContain('FxObject at ffffda000f16ed40');
    expect(out).toContain('  m_Type          0x1025 FX_TYPE_WORKITEM (WDFWORKITEM)');
    expect(out).toContain('  m_ObjectFlags   0x819 PASSIVE_CALLBACKS|COMMITTED|PASSIVE_DISPOSE|DISPOSE_OVERRIDE');
    expect(out).toContain('DELETECALLED not set: WdfObjectDelete was never called');
    expect(out).toContain('  m_ObjectState   1 FxObjectStateCreated');
    expect(out).toContain('  m_ParentObject  ffffda0ff7ce3000');
    expect(out).toContain('  WDF handle      0x000025fff0e912b8');
    expect(out).toContain('  m_Callback      fffff8009f760a28');
    expect(out).toContain('idle: not queued, not running');
  });

  it('reads a dump that starts at the block (no pool header) when --block says where it starts', () => {
    const fromBlock = BLOCK.split('\n').slice(1).join('\n');
    const r = JSON.parse(wdfleak(['explain', '--bytes', fromBlock, '--format', 'json']).stdout) as {
      arch: string;
      archAssumed: boolean;
      block: string;
      location: { found: boolean; mode: string; objectAddress: string };
    };
    expect(r).toMatchObject({ arch: 'x64', archAssumed: true, block: 'ffffda000f16ed30', location: { found: true, mode: 'retail', objectAddress: 'ffffda000f16ed40' } });
  });

  it('text that is not a memory dump is an input error', () => {
    const r = wdfleak(['explain', '--bytes', 'hello world']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^wdfleak explain: --bytes: no memory dump in the text: expected db\/dd\/dq output/);
  });
});

describe('wdfleak explain errors', () => {
  it('says what it expected when it cannot tell what the thing is', () => {
    const r = wdfleak(['explain', 'hello-world']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^wdfleak explain: cannot tell what 'hello-world' is: expected an FX type \(0x1025, FX_TYPE_WORKITEM, WDFWORKITEM\), a pool tag/);
    expect(wdfleak(['explain']).status).toBe(2);
    expect(wdfleak(['explain', 'FX_TYPE_NOPE', '--as', 'fxtype']).status).toBe(2);
  });
});
