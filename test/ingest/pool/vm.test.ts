import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ingestText } from '../../../engine/ingest/ingest.js';
import type { FactsDocument, VmCounterFact } from '../../../engine/types/facts.js';
import { ingestJunk, junkTranscript } from '../junk.js';
import { fixtureSchemaErrors } from '../schema-check.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/windbg/vm/${name}`, import.meta.url), 'utf8');

const counter = (f: FactsDocument, label: string): VmCounterFact | undefined => f.vm.find((c) => c.label === label);

describe('!vm, current kernels with per-node pools', () => {
  const f = ingestText(fixture('lkd-per-node.log'), 'lkd');

  it('reads every counter (39 in this capture, counted by hand)', () => {
    expect(f.vm).toHaveLength(39);
    expect(counter(f, 'NonPagedPool Usage')).toMatchObject({ pages: 239, kb: 956, provenance: { lines: [30, 30], command: '!vm' } });
    expect(counter(f, 'NonPagedPoolNx Usage')).toMatchObject({ pages: 30120, kb: 120480 });
    expect(counter(f, 'PagedPool Usage')).toMatchObject({ pages: 37783, kb: 151132 });
    expect(counter(f, 'Free System PTEs')).toMatchObject({ pages: 4294985064, kb: 17179940256 });
    expect(counter(f, 'Misc/Transient Commit')).toMatchObject({ pages: 683, kb: 2732 });
  });

  it('gives per-node rows their node number', () => {
    expect(f.vm.filter((c) => c.node !== undefined).map((c) => [c.label, c.node, c.pages, c.kb])).toEqual([
      ['NonPagedPool    0', 0, 231, 924],
      ['NonPagedPoolNx  0', 0, 17887, 71548],
      ['NonPagedPool    1', 1, 8, 32],
      ['NonPagedPoolNx  1', 1, 12233, 48932],
      ['PagedPool  0', 0, 21987, 87948],
      ['PagedPool  1', 1, 15796, 63184],
    ]);
  });

  it('keeps the banners as warnings and reads page-file lines as nothing', () => {
    expect(f.vmWarnings.map((w) => [w.kind, w.count, w.what, w.provenance.lines[0]])).toEqual([
      ['allocations-failed', 464832, 'kernel stack PTE', 18],
      expect.arrayContaining([21]),
    ]);
    expect(f.diagnostics).toEqual([]);
  });
});

describe('!vm counters printed unsigned after going negative', () => {
  const f = ingestText(fixture('wrapped-commit.log'));
  it('keeps the counter and says what it means', () => {
    expect(f.vm).toHaveLength(37);
    expect(f.diagnostics.map((d) => [d.level, d.code, d.line])).toEqual([
      ['info', 'vm-counter-wrapped', 38],
      ['info', 'vm-counter-wrapped', 48],
    ]);
    expect(f.vmWarnings.map((w) => w.provenance.lines[0])).toEqual([18, 51]);
    expect(f.diagnostics[0]!.message).toContain('PagedPool Commit');
    expect(f.diagnostics[0]!.message).toContain('-8773311633336');
    expect(f.diagnostics[1]!.message).toContain('-8773311089635');
    expect(counter(f, 'NonPagedPoolNx Usage')).toMatchObject({ pages: 36623, kb: 146492 });
  });
});

describe('!vm banners and older layouts', () => {
  it('flags excessive nonpaged pool usage', () => {
    const f = ingestText(fixture('excessive-nonpaged.log'));
    expect(f.vm).toHaveLength(25);
    expect(counter(f, 'NonPagedPool Usage')).toMatchObject({ pages: 29559056, kb: 118236224 });
    expect(counter(f, 'NonPagedPool Max')).toMatchObject({ pages: 1561080, kb: 6244320 });
    expect(f.vmWarnings).toEqual([
      expect.objectContaining({ kind: 'excessive-pool-usage', pool: 'nonpaged', text: 'Excessive NonPaged Pool Usage', provenance: expect.objectContaining({ lines: [17, 17] }) }),
    ]);
    expect(f.diagnostics).toEqual([]);
    // `PagedPool 0 Usage` is one of several paged pools of older kernels, not a node row.
    expect(counter(f, 'PagedPool 0 Usage')).toMatchObject({ pages: 58975, kb: 235900 });
    expect(counter(f, 'PagedPool 0 Usage')!.node).toBeUndefined();
  });

  it('reads the indented layout of the Microsoft docs sample', () => {
    const f = ingestText(fixture('doc-vm1-legacy.log'));
    expect(f.vm).toHaveLength(22);
    expect(counter(f, 'NonPagedPool Usage')).toMatchObject({ pages: 877, kb: 3508 });
    expect(counter(f, 'Free System PTEs')).toMatchObject({ pages: 45089, kb: 180356 });
    expect(f.diagnostics).toEqual([]);
  });

  it('recognises output pasted without its command line', () => {
    const f = ingestText(fixture('doc-vm1-legacy.log').split('\n').slice(2).join('\n'));
    expect(f.blocks[0]).toMatchObject({ family: 'vm', parsed: true });
    expect(f.vm).toHaveLength(22);
  });

  it('reports a counter-like line it cannot read', () => {
    const f = ingestText('0: kd> !vm\nNonPagedPool Usage: 268 ( lots Kb)');
    expect(f.vm).toEqual([]);
    expect(f.diagnostics[0]).toMatchObject({ code: 'malformed-line', line: 2, expected: expect.stringContaining('Kb)') });
  });

  it('junk, binary and cut lines under !vm never stop the parser', () => {
    const samples = [...fixture('lkd-per-node.log').split('\n'), ...fixture('wrapped-commit.log').split('\n')];
    fc.assert(
      fc.property(junkTranscript(['!vm', '!vm 1', '!vm 0x20'], samples), (text) => {
        const f = ingestJunk(text);
        expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
        for (const c of f.vm) expect(Number.isInteger(c.kb)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('!vm: schema', () => {
  it('the facts of every capture in fixtures/windbg/vm validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('vm')).toEqual([]);
  });
});

describe('!vm 4: session usage (LordNoteworthy/windows-internals, MIT)', () => {
  it('keeps each session counter with its session and session space address', () => {
    const f = ingestText(readFileSync(new URL('../../corpus/clean/lordnoteworthy-winternals-vm-4-session-usage.txt', import.meta.url), 'utf8'));
    expect(f.vm.filter((v) => v.session !== undefined).map((v) => [v.label, v.kb, v.sessionAddress])).toEqual(expect.arrayContaining([
      ['Session 0 Paged Pool Usage', 3060, 'fffff88002dfa000'],
      ['Session 0 NonPaged Usage', 316, 'fffff88002dfa000'],
      ['Session 0 Commit Usage', 6484, 'fffff88002dfa000'],
    ]));
  });
});
