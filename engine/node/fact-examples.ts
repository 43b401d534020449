// The generated half of the fact catalogue: every signature fixture and every corpus transcript of a
// checkout, read and derived, their subjects' fact paths collected with types and a real example
// (rules/reference/fact-examples.json; `npm run generate:catalogue` writes it, a test compares).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSubjects } from '../derive/subjects.js';
import { KNOWLEDGE } from '../reference/knowledge.js';
import { createExampleCollector } from '../reference/fact-catalogue.js';
import type { FactExamplesDocument } from '../types/reference.js';
import { readFacts } from './facts-of-files.js';
import { FIXTURE_FILE } from './run-fixtures.js';

const sorted = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Repository paths of the transcripts the catalogue is derived from: signature fixtures, then the corpus. */
export function catalogueInputs(root: string): string[] {
  const out: string[] = [];
  for (const slug of sorted(join(root, 'rules/signatures'))) {
    for (const kind of ['positive', 'negative']) {
      for (const f of sorted(join(root, 'rules/signatures', slug, kind))) if (FIXTURE_FILE.test(f)) out.push(`rules/signatures/${slug}/${kind}/${f}`);
    }
  }
  for (const kind of ['leak', 'clean']) for (const f of sorted(join(root, 'test/corpus', kind))) if (f.endsWith('.txt')) out.push(`test/corpus/${kind}/${f}`);
  return out;
}

export async function deriveFactExamples(root: string): Promise<FactExamplesDocument> {
  const collector = createExampleCollector();
  for (const file of catalogueInputs(root)) {
    const { facts } = await readFacts([join(root, file)]);
    collector.add(deriveSubjects(facts, KNOWLEDGE), file);
  }
  return collector.finish();
}
