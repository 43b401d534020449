import { describe, expect, it } from 'vitest';
import { createSink, emptyFacts, RECORDS_PER_COLLECTION } from '../../engine/facts/document.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import type { SymbolFact } from '../../engine/types/facts.js';

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
    expect(sink.dropped()).toEqual([{ collection: 'symbols', count: 3, source: 'x.log', line: 4 }]);
  });

  it('a listing of more symbols than the cap: one facts-capped diagnostic names what was left out', () => {
    const n = RECORDS_PER_COLLECTION + 7;
    const rows = Array.from({ length: n }, (_, i) => `fffff801\`${(i * 16).toString(16).padStart(8, '0')} nt!Symbol${i} (void)`);
    const f = ingestText(['0: kd> x nt!*', ...rows].join('\n'), 'x.log');
    expect(f.symbols).toHaveLength(RECORDS_PER_COLLECTION);
    expect(f.symbols.at(-1)!.name).toBe(`Symbol${RECORDS_PER_COLLECTION - 1}`);
    // The first row left out is row RECORDS_PER_COLLECTION, on line RECORDS_PER_COLLECTION + 2 (the prompt is line 1).
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'facts-capped', line: RECORDS_PER_COLLECTION + 2 })]);
    expect(f.diagnostics[0]!.message).toContain('left out 7 more');
  }, 30_000);
});
