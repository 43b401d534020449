#!/usr/bin/env node
// The generated half of the fact catalogue, after `npm run build`: derives every signature fixture and
// corpus transcript and writes rules/reference/fact-examples.json (types and real example values) and
// schemas/fact-paths.schema.json (fact names, paths and placeholders the signature schema allows).
// `npm run generate:catalogue` builds, runs this and regenerates the types; test/reference/fact-catalogue.test.ts
// fails when either file is stale or the hand-written rules/reference/fact-catalogue.json disagrees.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(root, 'dist/engine', p));
const [{ deriveFactExamples }, { catalogueEntries, catalogueProblems }, { factPathsSchema, FACT_PATHS_SCHEMA_FILE }] = await Promise.all([
  dist('node/fact-examples.js'),
  dist('reference/fact-catalogue.js'),
  dist('reference/fact-schema.js'),
]);

const write = (file, doc) => {
  writeFileSync(join(root, file), `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
};
const examples = await deriveFactExamples(root);
write('rules/reference/fact-examples.json', examples);
const declaration = JSON.parse(readFileSync(join(root, 'rules/reference/fact-catalogue.json'), 'utf8'));
write(FACT_PATHS_SCHEMA_FILE, factPathsSchema(catalogueEntries(declaration, examples)));
const problems = catalogueProblems(declaration, examples);
for (const p of problems) process.stderr.write(`catalogue: ${p}\n`);
process.stdout.write(`${examples.paths.length} derived paths from ${examples.inputs} transcripts; ${problems.length} disagreement(s) with rules/reference/fact-catalogue.json\n`);
process.exitCode = problems.length ? 1 : 0;
