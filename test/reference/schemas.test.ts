// The four reference schemas compile under ajv strict mode, describe every property, close every
// object, accept the repository's files and reject broken copies with the JSON pointer of the fault.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const json = (p: string): any => JSON.parse(readFileSync(root(p), 'utf8'));
type Plugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((formats as unknown as { default?: Plugin }).default ?? formats) as Plugin;

const SCHEMAS = {
  'fx-types': ['rules/reference/fx-types.json'],
  'wdf-object-apis': ['rules/reference/wdf-object-apis.json'],
  'pool-tags': ['rules/reference/pool-tags.json'],
  layout: readdirSync(root('rules/reference/layouts')).map((f) => `rules/reference/layouts/${f}`),
  'execution-contexts': ['rules/reference/execution-contexts.json'],
  'system-modules': ['rules/reference/system-modules.json'],
  thresholds: ['rules/reference/thresholds.json'],
} as const;

function compile(name: string): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(json(`schemas/${name}.schema.json`));
}

const errorsOf = (v: ValidateFunction, data: unknown): ErrorObject[] => (v(data) ? [] : (v.errors ?? []));

/** Every object schema closed, every property described (directly or by its $ref target). */
function audit(schema: any): string[] {
  const problems: string[] = [];
  const defs = schema.$defs ?? {};
  const described = (s: any): boolean => {
    if (s === true || s === false) return true;
    if (typeof s.description === 'string' && s.description.length > 0) return true;
    const ref = typeof s.$ref === 'string' ? /^#\/\$defs\/(\w+)$/.exec(s.$ref)?.[1] : undefined;
    return ref !== undefined && described(defs[ref]);
  };
  const walk = (s: any, path: string, inCondition: boolean): void => {
    if (!s || typeof s !== 'object') return;
    if (s.type === 'object' && s.additionalProperties !== false && !inCondition) problems.push(`${path}: object without additionalProperties: false`);
    if (s.properties && !inCondition) {
      for (const [k, v] of Object.entries(s.properties)) if (!described(v)) problems.push(`${path}/properties/${k}: no description`);
    }
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties' || k === '$defs') for (const [pk, pv] of Object.entries(v as object)) walk(pv, `${path}/${k}/${pk}`, inCondition);
      else if (k === 'items') walk(v, `${path}/items`, inCondition);
      else if (['if', 'then', 'else', 'allOf', 'dependentSchemas', 'not'].includes(k)) {
        const list = Array.isArray(v) ? v : typeof v === 'object' && k === 'dependentSchemas' ? Object.values(v as object) : [v];
        list.forEach((x, i) => walk(x, `${path}/${k}/${i}`, true));
      }
    }
  };
  walk(schema, '#', false);
  return problems;
}

describe('reference schemas', () => {
  for (const [name, files] of Object.entries(SCHEMAS)) {
    it(`${name}.schema.json compiles strictly, is closed and described, and accepts ${files.length} file(s)`, () => {
      const v = compile(name);
      expect(audit(json(`schemas/${name}.schema.json`))).toEqual([]);
      for (const f of files) {
        const data = json(f);
        expect(errorsOf(v, data), f).toEqual([]);
        const expected = f.includes('/layouts/') ? '../../../schemas/layout.schema.json' : `../../schemas/${name}.schema.json`;
        expect(data.$schema, f).toBe(expected);
        expect(data.sources.length, f).toBeGreaterThan(0);
      }
    });
  }

  it('rejects a bad hex value and an unknown property with their pointers', () => {
    const v = compile('fx-types');
    const doc = json('rules/reference/fx-types.json');
    doc.types[30].hex = '0x10Z5';
    doc.types[31].colour = 'blue';
    const errs = errorsOf(v, doc);
    expect(errs.find((e) => e.instancePath === '/types/30/hex')?.keyword).toBe('pattern');
    expect(errs.find((e) => e.instancePath === '/types/31')?.params).toEqual({ additionalProperty: 'colour' });
  });

  it('rejects a member without its base, and a storedAs on a stored type', () => {
    const v = compile('fx-types');
    const doc = json('rules/reference/fx-types.json');
    const wi = doc.types.findIndex((t: any) => t.name === 'FX_TYPE_WORKITEM');
    delete doc.types[wi].base;
    doc.types[wi].storedAs = 'FX_TYPE_OBJECT';
    const paths = errorsOf(v, doc).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toContain(`/types/${wi} required`);
    expect(paths).toContain(`/types/${wi}/storedInMType const`);
  });

  it('rejects a layout file of kind fx-pool without its locator, and a field without description', () => {
    const v = compile('layout');
    const doc = json('rules/reference/layouts/fx-pool.json');
    delete doc.locator;
    delete doc.structs[0].layouts[0].fields[1].description;
    const errs = errorsOf(v, doc).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
    expect(errs).toContain('/structs/0/layouts/0/fields/1 required {"missingProperty":"description"}');
    expect(errs).toContain(' required {"missingProperty":"locator"}');
  });

  it('rejects an API with parentRequired but a default parent, and an unknown IRQL', () => {
    const v = compile('wdf-object-apis');
    const doc = json('rules/reference/wdf-object-apis.json');
    doc.apis[0].defaultParent.kind = 'driver';
    doc.apis[1].maxIrql = 'HIGH_LEVEL';
    const errs = errorsOf(v, doc).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(errs).toContain('/apis/0/defaultParent/kind const');
    expect(errs).toContain('/apis/1/maxIrql enum');
  });

  it('rejects a context group naming an unknown context, a threshold without unit, and an upper-case module', () => {
    const ctx = json('rules/reference/execution-contexts.json');
    ctx.groups[0].contexts.push('softirq');
    expect(errorsOf(compile('execution-contexts'), ctx).map((e) => `${e.instancePath} ${e.keyword}`)).toContain('/groups/0/contexts/3 enum');
    const th = json('rules/reference/thresholds.json');
    delete th.thresholds.oneForOne.unit;
    expect(errorsOf(compile('thresholds'), th).map((e) => `${e.instancePath} ${e.keyword}`)).toContain('/thresholds/oneForOne required');
    const mods = json('rules/reference/system-modules.json');
    mods.modules[0].name = 'NT';
    expect(errorsOf(compile('system-modules'), mods).map((e) => `${e.instancePath} ${e.keyword}`)).toContain('/modules/0/name pattern');
  });

  it('rejects a five-character tag and a short hex value', () => {
    const v = compile('pool-tags');
    const doc = json('rules/reference/pool-tags.json');
    doc.tags[0].tag = 'IoWIx';
    doc.tags[1].hex = '0x7244786';
    const errs = errorsOf(v, doc).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(errs).toContain('/tags/0/tag maxLength');
    expect(errs).toContain('/tags/1/hex pattern');
  });
});
