import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import type { FactCollection, FactsDocument, Provenance } from '../../engine/types/facts.js';

const fixture = (p: string): string => readFileSync(new URL(`../fixtures/windbg/${p}`, import.meta.url), 'utf8');

/** Every record of the document with its collection, for checks that hold for all of them. */
function records(doc: FactsDocument): Array<{ kind: FactCollection; provenance: Provenance }> {
  const out: Array<{ kind: FactCollection; provenance: Provenance }> = [];
  for (const kind of ['wdfDrivers', 'wdfHandles', 'ifrLogs', 'wdfVerifierReports', 'verifierDrivers', 'bugchecks', 'stacks'] as const) {
    for (const r of doc[kind]) out.push({ kind, provenance: r.provenance });
  }
  return out;
}

describe('a crash log: !analyze -v, !verifier 3, !wdfdriverinfo, !wdflogdump', () => {
  const doc = ingestText(fixture('mixed/analyze-verifier-driverinfo-logdump.log'), 'mixed.log');

  it('segments four parsed blocks, one per command, with nothing left unparsed', () => {
    expect(doc.blocks.map((b) => [b.family, b.command, b.parsed])).toEqual([
      ['analyze', '!analyze -v', true],
      ['verifier', '!verifier 3 Sample.sys', true],
      ['wdfdriverinfo', '!wdfdriverinfo wdfrawbusenumtest', true],
      ['wdflogdump', '!wdflogdump ovpn-dco', true],
    ]);
    expect(doc.stats).toMatchObject({ blocks: 4, unparsedBlocks: 0 });
    expect(doc.diagnostics).toEqual([]);
    expect(doc.arch).toBe('x86');
  });

  it('gives each fact the block and lines it came from, inside that block', () => {
    const family = new Map<FactCollection, string>([
      ['bugchecks', 'analyze'],
      ['verifierDrivers', 'verifier'],
      ['wdfDrivers', 'wdfdriverinfo'],
      ['wdfHandles', 'wdfdriverinfo'],
      ['ifrLogs', 'wdflogdump'],
      ['wdfVerifierReports', 'wdflogdump'],
    ]);
    const all = records(doc);
    expect(all.length).toBe(1 + 1 + 1 + 3 + 1 + 2);
    for (const r of all) {
      const block = doc.blocks[r.provenance.block]!;
      expect(block.family).toBe(family.get(r.kind));
      expect(r.provenance.source).toBe('mixed.log');
      expect(r.provenance.command).toBe(block.command);
      expect(r.provenance.lines[0]).toBeGreaterThanOrEqual(block.lines[0]);
      expect(r.provenance.lines[1]).toBeLessThanOrEqual(block.lines[1]);
    }
  });

  it('agrees across blocks: the bugcheck names the verified driver and counts its unfreed allocations', () => {
    const bug = doc.bugchecks[0]!;
    const ver = doc.verifierDrivers[0]!;
    expect(bug.imageName).toBe(ver.module);
    // Arg4 of 0xC4/0x62 is the number of allocations !verifier 3 lists as current.
    expect(parseInt(bug.args[3]!, 16)).toBe((ver.currentNonpagedAllocations ?? 0) + (ver.currentPagedAllocations ?? 0));
    expect(ver.allocations).toHaveLength(1);
    expect(ver.flags).toContain('Pool tracking');
  });

  it('ties WDF handles to their driver and verifier reports to their IFR log', () => {
    const drv = doc.wdfDrivers[0]!.name;
    expect(doc.wdfHandles.every((h) => h.driver === drv)).toBe(true);
    const log = doc.ifrLogs[0]!;
    expect(doc.wdfVerifierReports.map((r) => [r.kind, r.driver])).toEqual([
      ['fxpool-summary', log.driver],
      ['fxpool-leak', log.driver],
    ]);
    const lines = new Set(log.records.map((r) => r.line));
    for (const r of doc.wdfVerifierReports) expect(lines.has(r.provenance.lines[0])).toBe(true);
  });

  it('gives the same facts for the log with CRLF line ends', () => {
    const crlf = ingestText(fixture('mixed/analyze-verifier-driverinfo-logdump.log').replace(/\n/g, '\r\n'), 'mixed.log');
    expect(crlf.bugchecks).toEqual(doc.bugchecks);
    expect(crlf.wdfVerifierReports).toEqual(doc.wdfVerifierReports);
    expect(crlf.wdfHandles).toEqual(doc.wdfHandles);
  });
});
