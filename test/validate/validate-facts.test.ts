import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../engine/facts/document.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { formatSchemaError } from '../../engine/validate/messages.js';
import { isFactsDocument, validateFacts } from '../../engine/validate/validate-facts.js';

const schema = JSON.parse(readFileSync('schemas/facts.schema.json', 'utf8')) as Record<string, unknown> & {
  $defs: Record<string, Record<string, unknown>>;
  properties: Record<string, Record<string, unknown>>;
};
const errorsOf = (doc: unknown) => validateFacts(doc).map(formatSchemaError);

describe('facts.schema.json', () => {
  it('accepts the facts of the ACP transcript and of the !poolused-only capture', () => {
    for (const file of ['site/cases/acp-workitem-leak/transcript.log', 'test/fixtures/cases/acp-poolused-only.log']) {
      const facts = ingestText(readFileSync(file, 'utf8'), file);
      expect(facts.poolUsage.length).toBeGreaterThan(0);
      expect(errorsOf(JSON.parse(JSON.stringify(facts)))).toEqual([]);
      expect(isFactsDocument(facts)).toBe(true);
    }
  });

  it('accepts the empty document', () => {
    expect(errorsOf(emptyFacts())).toEqual([]);
  });

  it('rejects a record without provenance, with an unknown field or a bad line range', () => {
    const doc = emptyFacts();
    const row = { tag: 'amda', nonpaged: { allocs: 5768754, bytes: 1938325232 }, paged: { allocs: 32, bytes: 9360 }, snapshot: 0 };
    (doc.poolUsage as unknown[]).push(row, { ...row, colour: 'red', provenance: { source: 'x.log', lines: [8, 8], block: 0 } });
    (doc.poolUsage as unknown[]).push({ ...row, provenance: { source: 'x.log', lines: [0, 8, 9], block: 0 } });
    expect(errorsOf(doc)).toEqual([
      "/poolUsage/0: missing required property 'provenance'",
      '/poolUsage/1/colour: unknown property \'colour\' (allowed: tag, nonpaged, paged, description, binary, unknownTag, snapshot, provenance)',
      '/poolUsage/2/provenance/lines/0: must be at least 1',
      '/poolUsage/2/provenance/lines: must have at most 2 items',
    ]);
  });

  it('says which values an enum allows and which type a field needs', () => {
    const doc = emptyFacts() as unknown as Record<string, unknown>;
    doc.arch = 'amd64';
    doc.stats = { blocks: '3', unparsedBlocks: 0, lines: 10 };
    expect(errorsOf(doc)).toEqual(['/arch: must be one of x64, x86, arm64', '/stats/blocks: must be an integer']);
  });

  it('requires every collection of the document', () => {
    const doc = emptyFacts() as unknown as Record<string, unknown>;
    delete doc.wdfHandles;
    expect(errorsOf(doc)).toEqual(["(document): missing required property 'wdfHandles'"]);
  });
});

describe('facts.schema.json value formats', () => {
  it('explains register names, hex values and memory bytes in words', () => {
    const doc = emptyFacts();
    const provenance = { source: 'a.log', lines: [1, 1] as [number, number], block: 0 };
    doc.registers.push({ values: { RAX: 'ffff', rbx: '0x12' }, provenance });
    doc.memory.push({ address: 'ffffda0f`f7ce3000', unit: 8, bytes: 'ABC', command: 'dq', provenance });
    expect(errorsOf(doc)).toEqual([
      '/registers/0/values/RAX: property name must be a lower-case register name, e.g. rax or x2 (got "RAX")',
      '/registers/0/values/rbx: must be hexadecimal digits without 0x or backtick (got "0x12")',
      '/memory/0/address: must be hexadecimal digits without 0x or backtick (got "ffffda0f`f7ce3000")',
      '/memory/0/bytes: must be lower-case hex digits, two per byte (got "ABC")',
    ]);
  });
});
