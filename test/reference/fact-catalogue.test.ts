import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogueEntries,
  catalogueProblems,
  createExampleCollector,
  FACT_CATALOGUE_DOCUMENT,
  FACT_EXAMPLES_DOCUMENT,
} from '../../engine/reference/fact-catalogue.js';
import { factPathsSchema, FACT_PATHS_SCHEMA_FILE } from '../../engine/reference/fact-schema.js';
import { deriveFactExamples } from '../../engine/node/fact-examples.js';
import type { FactCatalogueDocument } from '../../engine/types/reference.js';

const ROOT = join(import.meta.dirname, '../..');
const json = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const STALE = 'stale: run npm run generate:catalogue';

describe('the fact catalogue', () => {
  it('rules/reference/fact-examples.json is what the derivation gives over the fixtures and the corpus', async () => {
    const fresh = await deriveFactExamples(ROOT);
    expect(fresh.inputs).toBeGreaterThan(100);
    expect(JSON.stringify(json('rules/reference/fact-examples.json')) === JSON.stringify(fresh), `rules/reference/fact-examples.json is ${STALE}`).toBe(true);
  }, 120_000);

  it('schemas/fact-paths.schema.json is generated from the catalogue', () => {
    expect(JSON.stringify(json(FACT_PATHS_SCHEMA_FILE)) === JSON.stringify(factPathsSchema(catalogueEntries())), `${FACT_PATHS_SCHEMA_FILE} is ${STALE}`).toBe(true);
  });

  it('describes every derived path and derives every described one (or says why not)', () => {
    expect(catalogueProblems(FACT_CATALOGUE_DOCUMENT, FACT_EXAMPLES_DOCUMENT)).toEqual([]);
  });

  it('has a meaning and a command for every entry, and a real example wherever a transcript produced one', () => {
    const entries = catalogueEntries();
    expect(entries.length).toBeGreaterThan(250);
    for (const e of entries) {
      expect(e.meaning.length, `${e.subject} ${e.fact} ${e.path}`).toBeGreaterThan(2);
      expect(e.command.length, `${e.subject} ${e.fact} ${e.path}`).toBeGreaterThan(0);
      if (!e.unseen) expect(e.types.length, `${e.subject} ${e.fact} ${e.path}`).toBeGreaterThan(0);
    }
    // Checked by hand against the ACP work-item fixture (its k output shows AcpDspSwInterruptDpc under FxDpc::DpcHandler).
    const context = entries.find((e) => e.subject === 'tag' && e.fact === 'creation' && e.path === '$.context')!;
    expect(context.example).toBe('dpc');
    expect(readFileSync(join(ROOT, context.from!), 'utf8')).toMatch(/Wdf01000!FxDpc::DpcHandler/);
  });

  it('every subject kind the signature schema allows is produced by the derivation, and no other', () => {
    const schema = json('schemas/signature.schema.json') as { $defs: { SubjectKind: { enum: string[] } } };
    const produced = new Set(FACT_EXAMPLES_DOCUMENT.paths.map((p) => p.subject));
    expect([...produced].sort()).toEqual([...schema.$defs.SubjectKind.enum].sort());
    for (const file of ['schemas/fact-catalogue.schema.json', 'schemas/fact-examples.schema.json']) {
      expect(JSON.stringify(json(file)), file).toContain(JSON.stringify(schema.$defs.SubjectKind.enum));
    }
  });
});

describe('collecting examples', () => {
  it('records each path with its types, how many subjects had it, and the first example that says something', () => {
    const c = createExampleCollector();
    c.add([{ kind: 'tag', facts: { tag: { name: 'amda', drivers: [], kmdfDriverTag: false }, arch: 'x64' } }], 'a.log');
    c.add([{ kind: 'tag', facts: { tag: { name: 'Fbkf', drivers: ['fbk', 'x', 'y', 'z'], kmdfDriverTag: true, binary: undefined } } }], 'b.log');
    const doc = c.finish();
    expect(doc.inputs).toBe(2);
    expect(doc.paths).toEqual([
      { subject: 'tag', fact: 'arch', path: '$', types: ['string'], subjects: 1, example: 'x64', from: 'a.log' },
      { subject: 'tag', fact: 'tag', path: '$', types: ['object'], subjects: 2 },
      // An empty list and false are replaced by the first value that says something; lists keep three items.
      { subject: 'tag', fact: 'tag', path: '$.drivers', types: ['array', 'string[]'], subjects: 2, example: ['fbk', 'x', 'y'], from: 'b.log' },
      { subject: 'tag', fact: 'tag', path: '$.kmdfDriverTag', types: ['boolean'], subjects: 2, example: true, from: 'b.log' },
      { subject: 'tag', fact: 'tag', path: '$.name', types: ['string'], subjects: 2, example: 'amda', from: 'a.log' },
    ]);
  });

  it('names what the declaration misses, what no transcript shows, and a stale "unseen"', () => {
    const c = createExampleCollector();
    c.add([{ kind: 'pool', facts: { pool: { pool: 'nonpaged', excessive: true } } }], 'vm.log');
    const examples = c.finish();
    const doc: FactCatalogueDocument = {
      $schema: '',
      facts: [
        { fact: 'pool', subjects: ['pool'], meaning: 'm', command: '!vm', paths: { '$.pool': { meaning: 'm', unseen: 'x' }, '$.maxBytes': 'm' } },
        { fact: 'pool', subjects: ['pool'], meaning: 'again', command: '!vm' },
      ],
    };
    expect(catalogueProblems(doc, examples)).toEqual([
      'fact pool is declared twice for subject pool',
      'pool pool $.excessive: derived but not described in rules/reference/fact-catalogue.json',
      'pool pool $.pool: marked unseen but a transcript produces it; drop "unseen"',
      'pool pool $.maxBytes: described but no fixture or corpus transcript produces it (remove it, or say why under "unseen")',
    ]);
  });
});
