// schemas/fact-paths.schema.json, generated from the fact catalogue: the fact names a condition may
// read, the paths of each (if `fact` is X then `path` is one of X's), and the `{fact.path}`
// placeholders a template may hold, so editors complete them. The signature schema refers to it;
// `npm run generate:catalogue` writes it and a test fails when it is stale.
import { WHOLE, type CatalogueEntry } from './fact-catalogue.js';

export const FACT_PATHS_SCHEMA_FILE = 'schemas/fact-paths.schema.json';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const uniqueSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** `$.tag.name` → `tag.name`; the whole fact → its name. */
export const placeholderOf = (e: Pick<CatalogueEntry, 'fact' | 'path'>): string => (e.path === WHOLE ? e.fact : `${e.fact}${e.path.slice(1)}`);

export function factPathsSchema(entries: readonly CatalogueEntry[]): Record<string, unknown> {
  const facts = uniqueSorted(entries.map((e) => e.fact));
  const pathRules = facts.map((fact) => {
    const mine = entries.filter((e) => e.fact === fact && e.path !== WHOLE);
    const paths = uniqueSorted(mine.map((e) => e.path));
    const arrays = uniqueSorted(mine.filter((e) => e.types.some((t) => t.endsWith('[]') || t === 'array')).map((e) => e.path));
    const enumOf = { type: 'string', enum: paths };
    const path = !paths.length
      ? false
      : arrays.length
        ? { anyOf: [enumOf, { type: 'string', pattern: `^(?:${arrays.map(escape).join('|')})\\[\\d+\\]$` }] }
        : enumOf;
    return { if: { type: 'object', properties: { fact: { const: fact } }, required: ['fact'] }, then: { type: 'object', properties: { path } } };
  });
  const placeholders = uniqueSorted(entries.map(placeholderOf));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://wdfleak.dev/schemas/fact-paths.schema.json',
    title: 'wdfleak fact names, paths and placeholders',
    description:
      'Generated from the fact catalogue (rules/reference/fact-catalogue.json) by npm run generate:catalogue: do not edit. schemas/signature.schema.json refers to these definitions.',
    $defs: {
      FactName: { type: 'string', enum: facts, description: 'A fact some subject kind provides (wdfleak rules facts lists them per kind).' },
      FactPath: { type: 'object', description: 'The path must be one of the fact’s paths (a fact read as a whole has none).', allOf: pathRules },
      Template: {
        type: 'string',
        minLength: 1,
        // `{` not followed by a name is literal text (`{}`); `{name}` is always a placeholder (engine/findings/template.ts).
        pattern: `^(?:[^{]|\\{(?![A-Za-z_])|\\{(?:${placeholders.map(escape).join('|')})(?:\\|(?:bytes|count))?\\})*$`,
        description: 'Text with {fact.path} placeholders filled from the subject’s facts, optionally formatted as {fact.path|bytes} or {fact.path|count}.',
      },
    },
  };
}
