// The ACP case end to end: the whole investigation gives one confirmed work-item finding; the first
// !poolused alone gives a suspected one with the commands that would confirm it.
import { readFileSync } from 'node:fs';
import { ROOT, analyzer } from '../signatures/fixtures.js';
import { describe, expect, it } from 'vitest';
import { quoteFromText } from '../../engine/analyze.js';
import { ingestText } from '../../engine/ingest/ingest.js';


const FULL = readFileSync(new URL('site/cases/acp-workitem-leak/transcript.log', ROOT), 'utf8');
const POOLUSED_ONLY = readFileSync(new URL('test/fixtures/cases/acp-poolused-only.log', ROOT), 'utf8');

describe('ACP work-item leak', () => {
  it('names the work-item leak with its tag, driver, type, callback, creator and context', async () => {
    const report = await analyzer.run(ingestText(FULL, 'acp.log'), { quote: quoteFromText('acp.log', FULL) });
    const wi = report.findings.filter((f) => f.signature.slug === 'workitem-created-in-dpc');
    expect(wi).toHaveLength(1);
    const f = wi[0]!;
    expect(f.confidence.level).toBe('confirmed');
    expect(f.subject).toMatchObject({
      kind: 'tag',
      tag: 'amda',
      driver: 'amdacpbus2',
      fxType: 'FX_TYPE_WORKITEM',
      fxTypeValue: '0x1025',
      handleType: 'WDFWORKITEM',
      callback: 'amdacpbus2!AcpDspResponseWorkItem',
      creator: 'amdacpbus2!AcpWorkItemCreate',
      context: 'dpc',
    });
    expect(f.subject.creatorChain).toEqual(['amdacpbus2!AcpWorkItemCreate', 'amdacpbus2!AcpDspSwInterruptDpc']);
    expect(f.subject.parent).toMatch(/^FxDevice ffffda0ff7ce3000$/);
    expect(f.bucket).toBe('WDF_LEAK_WORKITEM_amdacpbus2!AcpDspSwInterruptDpc');
    // The work-item finding explains the IoWI and generic-tag ones: they are not reported again.
    expect(report.findings.filter((x) => x.subject.tag === 'amda').map((x) => x.signature.slug)).toEqual(['workitem-created-in-dpc']);
    // Evidence quotes the transcript: the !poolused row, the DPC frame, the m_Type line.
    const quoted = f.evidence.flatMap((e) => e.quote ?? []).join('\n');
    expect(quoted).toContain(' amda   5768754   1938325232');
    expect(quoted).toContain('amdacpbus2!AcpDspSwInterruptDpc+0x13c');
    expect(quoted).toContain('+0x008 m_Type           : 0x1025');
    expect(f.evidence.map((e) => e.command)).toContain('dt Wdf01000!FxWorkItem ffffda000f16ed30+10');
    const commands = f.nextSteps.map((s) => s.command);
    expect(commands).toContain('!wdfkd.wdfdriverinfo amdacpbus2 0x50');
    expect(commands).toContain('uf amdacpbus2!AcpWorkItemCreate');
    // Already-answered questions are not asked again.
    expect(commands.some((c) => c.startsWith('!poolfind'))).toBe(false);
  });

  it('suspects a work-item leak from !poolused alone and says how to confirm it', async () => {
    const report = await analyzer.run(ingestText(POOLUSED_ONLY, 'poolused.log'));
    const f = report.findings.find((x) => x.subject.tag === 'amda');
    expect(f?.signature.slug).toBe('iowi-tracks-driver-tag');
    expect(f!.confidence.level).toBe('suspected');
    const commands = f!.nextSteps.map((s) => s.command);
    expect(commands).toContain('!poolfind amda -nonpaged');
    // x64: the Tag is the third argument, in r8; only its low 32 bits are defined.
    expect(commands).toContain('bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == 0x61646d61) {} .else {gc}"');
    // No other tag of that !poolused looks like a work-item leak.
    expect(report.findings.filter((x) => x.signature.slug === 'iowi-tracks-driver-tag').map((x) => x.subject.tag)).toEqual(['amda']);
  });

  it('is deterministic: the same input gives the same report', async () => {
    const a = JSON.stringify(await analyzer.run(ingestText(FULL, 'acp.log')));
    const b = JSON.stringify(await analyzer.run(ingestText(FULL, 'acp.log')));
    expect(a).toBe(b);
  });
});

describe('tag subject details', () => {
  it('relates the 0x140 blocks to the 0xd0-byte FxWorkItem: a driver context of 0x21-0x30 bytes fits', async () => {
    // 0x140 as !poolfind prints it = an nt request of 0x131..0x140; minus FX_POOL_HEADER 0x10 = 0x121..0x130;
    // minus m_ObjectSize 0xd0 and the 0x30 context header = 0x21..0x30 bytes of pointer-aligned context,
    // i.e. 0x28 or 0x30, so a driver context of 0x21..0x30 bytes (the reference derives 0x21..0x28 from the
    // exact request 0x128 seen in r9; the block size alone cannot tell 0x30 apart).
    const report = await analyzer.run(ingestText(FULL, 'acp.log'), { withFacts: true });
    const amda = report.subjects!.find((s) => s.kind === 'tag' && s.id === 'amda')!;
    expect(amda.facts['objects']).toMatchObject({ fitsDominantBlock: true, objectSize: 0xd0, contextBytes: '0x21-0x30' });
  });

  it('takes a driver candidate from a pooltag.txt line without calling the tag a KMDF tag', async () => {
    const report = await analyzer.run(ingestText(POOLUSED_ONLY, 'pu.log'), {
      withFacts: true,
      poolTags: [{ tag: 'DAL3', binary: 'atikmdag.sys', description: 'display driver', origin: 'pooltag.txt' }],
    });
    const dal3 = report.subjects!.find((s) => s.kind === 'tag' && s.id === 'DAL3')!;
    expect(dal3.facts['tag']).toMatchObject({ drivers: ['atikmdag'], kmdfDriverTag: false, description: 'display driver' });
  });
});
