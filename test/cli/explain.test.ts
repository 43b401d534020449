import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACP, ACP_POOLUSED, ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';
import type { SignatureExplanation, TraceNode } from '../../engine/types/trace.js';

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

describe('wdfleak explain --signature', () => {
  const IOWI = 'rules/signatures/iowi-tracks-driver-tag';
  /** The lines of one subject's block, from its heading to the blank line after it. */
  const block = (out: string, heading: string): string[] => {
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith(heading));
    expect(at, heading).toBeGreaterThanOrEqual(0);
    return lines.slice(at, lines.indexOf('', at));
  };

  it('on the positive fixture: amda holds every required leaf (5768754 / 5769999 allocations = 0.9998), IoWI does not', () => {
    const r = wdfleak(['explain', '--signature', 'iowi-tracks-driver-tag', `${IOWI}/positive/acp-poolused-only.log`]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    // Base 0.4 + top-nonpaged 0.05: amda is the largest nonpaged tag of the listing; no other item holds.
    expect(block(r.stdout, 'tag amda:')).toEqual([
      'tag amda: finding, suspected (0.45)',
      '  Required conditions',
      '    ✓ all of these hold:',
      '      ✓ companion $.iowiRatio between [0.9,1.1] · actual 0.9998',
      '      ✓ pool $.nonpagedAllocs greaterThanInclusive 10000 · actual 5768754',
      '      ✓ at least one holds:',
      "        ✓ tag $.unknownInPooltag equal true · actual true",
      '        ✗ tag $.kmdfDriverTag equal true · actual false',
      '  Evidence',
      '    ✗ +0.15 tag-is-driver-tag: the tag is the KMDF driver tag of a driver seen in the transcript',
      '        ✗ tag $.kmdfDriverTag equal true · actual false',
      '    ✗ +0.1 dominant-size: most blocks of the tag have one size',
      '        ✗ blocks $.dominantShare greaterThanInclusive 0.5 · actual absent',
      '    ✗ +0.1 growing: the tag grew between two snapshots',
      '        ✗ growth $.growing equal true · actual absent',
      '    ✓ +0.05 top-nonpaged: the tag is among the three largest consumers of nonpaged pool',
      '        ✓ pool $.nonpagedRank between [1,3] · actual 1',
    ]);
    // IoWI itself: `Binary: nt!io` names it, so neither alternative of the any group holds.
    const iowi = block(r.stdout, 'tag IoWI:');
    expect(iowi[0]).toBe('tag IoWI: no finding: a required condition fails');
    expect(iowi).toContain('      ✗ at least one holds:');
    expect(iowi).toContain('        ✗ tag $.unknownInPooltag equal true · actual false');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('8 tag subjects: 1 match (amda)');
  });

  it('on the negative fixture: NxRx has 131587 allocations against 20455 IoWI (ratio 6.433), DAL3 1854 (0.0906)', () => {
    const r = wdfleak(['explain', '--signature', 'WDFLEAK-0002', `${IOWI}/negative/iowi-not-one-for-one.log`]);
    expect(r.status).toBe(0);
    const nxrx = block(r.stdout, 'tag NxRx:');
    expect(nxrx.slice(0, 5)).toEqual([
      'tag NxRx: no finding: a required condition fails',
      '  Required conditions',
      '    ✗ all of these hold:',
      '      ✗ companion $.iowiRatio between [0.9,1.1] · actual 6.433',
      '      ✓ pool $.nonpagedAllocs greaterThanInclusive 10000 · actual 131587',
    ]);
    const dal3 = block(r.stdout, 'tag DAL3:');
    expect(dal3).toContain('      ✗ companion $.iowiRatio between [0.9,1.1] · actual 0.0906');
    expect(dal3).toContain('      ✗ pool $.nonpagedAllocs greaterThanInclusive 10000 · actual 1854');
    // IoWI has no companion ratio of its own: the leaf says absent rather than a number.
    expect(block(r.stdout, 'tag IoWI:')).toContain('      ✗ companion $.iowiRatio between [0.9,1.1] · actual absent');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('3 tag subjects: 0 match');
  });

  it('--format json: each leaf with fact, path, operator, expected, actual and result', () => {
    const r = wdfleak(['explain', '--signature', 'iowi-tracks-driver-tag', `${IOWI}/negative/iowi-not-one-for-one.log`, '--format', 'json']);
    const x = JSON.parse(r.stdout) as SignatureExplanation;
    expect(x.signature).toEqual({ id: 'WDFLEAK-0002', slug: 'iowi-tracks-driver-tag', title: expect.any(String), status: 'stable', subject: 'tag' });
    expect(x.subjects.map((s) => s.id)).toEqual(['DAL3', 'IoWI', 'NxRx']);
    const nxrx = x.subjects.find((s) => s.id === 'NxRx')!;
    expect(nxrx.trace.matched).toBe(false);
    expect(nxrx.trace.required).toMatchObject({ kind: 'all', result: false });
    const first = (nxrx.trace.required as Extract<TraceNode, { items: TraceNode[] }>).items[0];
    expect(first).toEqual({ kind: 'leaf', fact: 'companion', path: '$.iowiRatio', operator: 'between', expected: [0.9, 1.1], present: true, actual: 6.433, result: false });
    const iowi = x.subjects.find((s) => s.id === 'IoWI')!;
    expect((iowi.trace.required as Extract<TraceNode, { items: TraceNode[] }>).items[0]).toMatchObject({ present: false, result: false });
  });

  it('a match that a more specific signature supersedes says so (the ACP case: workitem-created-in-dpc explains amda)', () => {
    const r = wdfleak(['explain', '--signature', 'iowi-tracks-driver-tag', ACP]);
    const amda = block(r.stdout, 'tag amda:');
    // 0.4 + tag-is-driver-tag 0.15 + dominant-size 0.1 + top-nonpaged 0.05; one snapshot, so no growth.
    expect(amda[0]).toBe('tag amda: matches, likely (0.70), but workitem-created-in-dpc supersedes it here: analyze reports that one');
    // !poolfind amda lists 32 blocks, 24 of them 0x140 bytes.
    expect(amda).toContain('        ✓ blocks $.dominantShare greaterThanInclusive 0.5 · actual 0.75');
    expect(amda).toContain('        ✗ growth $.growing equal true · actual absent');
  });

  it('with no subject of its kind, says so and names the commands that produce one', () => {
    const r = wdfleak(['explain', '--signature', 'pool-exhausted', ACP_POOLUSED]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No pool subject in this text, so the signature had nothing to run on.');
    expect(r.stdout).toMatch(/Output of these commands produces one:\n {2}!vm\n/);
    const x = JSON.parse(wdfleak(['explain', '--signature', 'pool-exhausted', ACP_POOLUSED, '-f', 'json']).stdout) as SignatureExplanation;
    expect(x.subjects).toEqual([]);
    expect(x.producers?.commands).toEqual(['!vm']);
  });

  it('an unknown signature is a usage error with near names', () => {
    const r = wdfleak(['explain', '--signature', 'iowi', ACP_POOLUSED]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toContain("no signature 'iowi' (did you mean iowi-tracks-driver-tag?)");
  });
});
