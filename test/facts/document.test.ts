import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLOCKS_LISTED, createSink, emptyFacts, RECORDS_PER_COLLECTION } from '../../engine/facts/document.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import type { SymbolFact } from '../../engine/types/facts.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const symbol = (i: number): SymbolFact => ({
  address: (0xfffff80100000000 + i * 16).toString(16),
  module: 'nt',
  name: `S${i}`,
  provenance: { source: 'x.log', lines: [i + 2, i + 2], block: 0 },
});

describe('the facts sink', () => {
  it('keeps the first records of a collection up to the cap and counts the rest with the first one left out', () => {
    const doc = emptyFacts();
    const sink = createSink(doc, undefined, 2);
    for (let i = 0; i < 5; i++) sink.add('symbols', symbol(i));
    sink.add('stacks', { frames: [], provenance: { source: 'x.log', lines: [9, 9], block: 1 } } as never);
    expect(doc.symbols.map((s) => s.name)).toEqual(['S0', 'S1']);
    expect(doc.stacks).toHaveLength(1);
    expect(sink.dropped()).toEqual([{ collection: 'symbols', reason: 'collection', count: 3, source: 'x.log', line: 4 }]);
  });

  it('a listing of more symbols than the cap: one facts-capped diagnostic names what was left out', () => {
    const n = RECORDS_PER_COLLECTION + 7;
    const rows = Array.from({ length: n }, (_, i) => `fffff801\`${(i * 16).toString(16).padStart(8, '0')} nt!Symbol${i} (void)`);
    const f = ingestText(['0: kd> x nt!*', ...rows].join('\n'), 'x.log');
    // Symbols of this size meet the document budget a little before the collection cap: either bound keeps a
    // prefix and one diagnostic names the first row left out and how many followed it.
    const kept = f.symbols.length;
    expect(kept).toBeGreaterThan(RECORDS_PER_COLLECTION * 0.9);
    expect(kept).toBeLessThanOrEqual(RECORDS_PER_COLLECTION);
    expect(f.symbols.at(-1)!.name).toBe(`Symbol${kept - 1}`);
    // The first row left out is row `kept`, on line kept + 2 (the prompt is line 1).
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'facts-capped', line: kept + 2 })]);
    expect(f.diagnostics[0]!.message).toContain(`left out ${n - kept} symbols records`);
  }, 30_000);

  it('keeps records while the document is under its budget, then counts what every collection left out', () => {
    const doc = emptyFacts();
    const one = JSON.stringify(symbol(0)).length;
    // Room for three symbols of this size, not four.
    const sink = createSink(doc, undefined, RECORDS_PER_COLLECTION, one * 3 + 2);
    for (let i = 0; i < 5; i++) sink.add('symbols', symbol(i));
    sink.add('stacks', { frames: [], provenance: { source: 'x.log', lines: [9, 9], block: 1 } } as never);
    expect(doc.symbols.map((s) => s.name)).toEqual(['S0', 'S1', 'S2']);
    expect(doc.stacks).toHaveLength(0);
    expect(sink.dropped()).toEqual([
      { collection: 'symbols', reason: 'document', count: 2, source: 'x.log', line: 5 },
      { collection: 'stacks', reason: 'document', count: 1, source: 'x.log', line: 9 },
    ]);
  });

  it('keeps a copy of each record: a change the parser makes after add is not seen', () => {
    const doc = emptyFacts();
    const sink = createSink(doc);
    const record = symbol(0);
    sink.add('symbols', record);
    record.name = 'changed';
    record.provenance.lines[1] = 99;
    expect(doc.symbols).toEqual([symbol(0)]);
    expect(doc.symbols[0]).not.toBe(record);
  });

  it('a log of the same real blocks repeated: the blocks past the listing cap are counted, the document stays bounded, one diagnostic says where', () => {
    // The !poolused 2 screen of the ACP case as published (its first 15 lines), repeated like a soak log.
    const screen = readFileSync(join(ROOT, 'site/cases/acp-workitem-leak/transcript.log'), 'utf8').split('\n').slice(0, 15).join('\n');
    const copies = BLOCKS_LISTED + 5;
    const f = ingestText(Array.from({ length: copies }, () => screen).join('\n'), 'soak.log');
    expect(f.stats.blocks).toBe(copies);
    expect(f.blocks).toHaveLength(BLOCKS_LISTED);
    expect(f.blocks.at(-1)!.index).toBe(BLOCKS_LISTED - 1);
    expect(JSON.stringify(f).length).toBeLessThan(16 * 2 ** 20);
    const capped = f.diagnostics.filter((d) => d.code === 'facts-capped');
    expect(capped.length).toBeGreaterThan(0);
    expect(capped[0]!.message).toMatch(/reached its 8 MiB budget here: left out \d+ \w+ records/);
    // The first moment is kept whole: amda with its 5,768,754 nonpaged allocations.
    expect(f.poolUsage[0]).toMatchObject({ tag: 'amda', nonpaged: { allocs: 5768754, bytes: 1938325232 } });
  }, 60_000);
});
