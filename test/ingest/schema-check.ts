// Facts of every capture in a fixture directory, checked against schemas/facts.schema.json.
import { readdirSync, readFileSync } from 'node:fs';
import { ingestText } from '../../engine/ingest/ingest.js';
import { validateFacts } from '../../engine/validate/validate-facts.js';

/** `file: pointer message` for each schema error in the facts of the `.log` files of a fixture dir. */
export function fixtureSchemaErrors(dir: string): string[] {
  const base = new URL(`../fixtures/windbg/${dir}/`, import.meta.url);
  const out: string[] = [];
  for (const name of readdirSync(base)) {
    if (!name.endsWith('.log')) continue;
    const doc = ingestText(readFileSync(new URL(name, base), 'utf8'), name);
    for (const e of validateFacts(JSON.parse(JSON.stringify(doc)))) out.push(`${name}: ${e.pointer} ${e.message}`);
  }
  return out;
}
