import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSchemaSet } from '../../engine/node/validate-rules-dir.js';
import { OPERATOR_NAMES } from '../../engine/signatures/operators.js';
import type { RuleError } from '../../engine/validate/messages.js';
import { builtinSchemas, compileSchemas, FACTS_SCHEMA_ID, FINDINGS_SCHEMA_ID, SCHEMA_BASE, SIGNATURE_SCHEMA_ID } from '../../engine/validate/schemas.js';

const signatureSchema = JSON.parse(readFileSync('schemas/signature.schema.json', 'utf8')) as Record<string, unknown>;

/** Every named property schema under `node`, with its path. */
function properties(node: unknown, at = '#'): Array<[string, unknown]> {
  if (node === null || typeof node !== 'object') return [];
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, prop] of Object.entries(value)) out.push([`${at}/properties/${name}`, prop], ...properties(prop, `${at}/properties/${name}`));
    } else if (key !== 'if') {
      // `if` subschemas test a value; they describe no field.
      out.push(...properties(value, `${at}/${key}`));
    }
  }
  return out;
}

describe('schema set', () => {
  it('compiles the bundled facts, findings and signature schemas in strict mode', () => {
    const set = builtinSchemas();
    expect(set.errors).toEqual([]);
    expect([...set.byId.keys()].sort()).toEqual([`${SCHEMA_BASE}fact-paths.schema.json`, FACTS_SCHEMA_ID, FINDINGS_SCHEMA_ID, SIGNATURE_SCHEMA_ID]);
    expect(builtinSchemas()).toBe(set);
  });

  it('compiles every schemas/*.schema.json of the repository', async () => {
    const errors: RuleError[] = [];
    const set = await loadSchemaSet(process.cwd(), errors);
    expect([...errors, ...set.errors]).toEqual([]);
    expect(set.byPath.has('schemas/signature.schema.json')).toBe(true);
    expect(await loadSchemaSet(process.cwd())).toBe(set);
  });

  it('reports a schema that breaks strict mode or refers to nothing, instead of throwing', () => {
    const set = compileSchemas([
      { path: 'schemas/ok.schema.json', schema: { type: 'object', properties: { a: { type: 'string' } } } },
      { path: 'schemas/typo.schema.json', schema: { type: 'object', propertys: {} } },
      { path: 'schemas/dangling.schema.json', schema: { $ref: 'nowhere.schema.json' } },
      { path: 'schemas/array.schema.json', schema: [] },
    ]);
    expect(set.byPath.has('schemas/ok.schema.json')).toBe(true);
    expect(set.byId.has('https://wdfleak.dev/schemas/ok.schema.json')).toBe(true);
    expect(set.errors.map((e) => e.file)).toEqual(['schemas/array.schema.json', 'schemas/typo.schema.json', 'schemas/dangling.schema.json']);
    expect(set.errors[1]!.message).toMatch(/unknown keyword: "propertys"/);
    expect(set.errors[2]!.message).toMatch(/can't resolve reference nowhere\.schema\.json/);
  });
});

describe('signature.schema.json', () => {
  it('describes every property, so editors explain each field', () => {
    const props = properties(signatureSchema).filter(([, p]) => typeof p === 'object');
    expect(props.length).toBeGreaterThan(40);
    expect(props.filter(([, p]) => typeof (p as { description?: unknown }).description !== 'string').map(([at]) => at)).toEqual([]);
  });

  it('offers exactly the operators the engine registers', () => {
    const leaf = (signatureSchema.$defs as Record<string, { properties: { operator: { examples: string[] } } }>).LeafCondition!;
    expect([...leaf.properties.operator.examples].sort()).toEqual([...OPERATOR_NAMES].sort());
  });
});

describe('the signature schema and the fact catalogue (what an editor sees)', () => {
  const validate = builtinSchemas().byId.get(SIGNATURE_SCHEMA_ID)!.validate;
  const bundled = () => JSON.parse(readFileSync('rules/signatures/workitem-created-in-dpc.json', 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const failures = (sig: unknown): string[] => (validate(sig) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`));

  it('accepts the bundled signature and refuses an unknown fact, path or placeholder', () => {
    expect(failures(bundled())).toEqual([]);
    const fact = bundled();
    fact.conditions.all[1].fact = 'creations';
    expect(failures(fact)).toContain('/conditions/all/1/fact enum');
    const path = bundled();
    path.conditions.all[1].path = '$.contxt';
    expect(failures(path)).toContain('/conditions/all/1/path enum');
    const placeholder = bundled();
    placeholder.nextSteps[0].command = '!poolfind {tag.nmae} -nonpaged';
    expect(failures(placeholder)).toContain('/nextSteps/0/command pattern');
  });

  it('lets a template hold literal braces and formatted placeholders, and a path index into an array fact', () => {
    const sig = bundled();
    sig.nextSteps[0].command = 'bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == {tag.value}) {} .else {gc}"';
    expect(failures(sig)).toContain('/nextSteps/0/command pattern');
    sig.nextSteps[0].command = 'bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == {tag.value}) {} .else { gc }"';
    sig.event.params.message = '{pool.nonpagedBytes|bytes} in {pool.nonpagedAllocs|count} allocations';
    sig.conditions.all[1] = { fact: 'tag', path: '$.drivers[0]', operator: 'equal', value: 'amdacpbus2' };
    expect(failures(sig)).toEqual([]);
  });
});
