import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRuleError } from '../../engine/validate/messages.js';
import { fxTypeNames, wdfApiNames, type ReferenceTables } from '../../engine/validate/reference-tables.js';
import { builtinSchemas, compileSchemas } from '../../engine/validate/schemas.js';
import { relativeTo, resolveRelative, validateRules, type RuleFileRecord, type ValidateRulesInput } from '../../engine/validate/validate-rules.js';

const BASE = readFileSync('test/fixtures/rules/valid/rules/signatures/workitem-dpc.json', 'utf8');
type Sig = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REFERENCE: ReferenceTables = {
  fxTypes: new Set(['FX_TYPE_OBJECT', 'FX_TYPE_WORKITEM', 'FX_TYPE_TIMER']),
  apis: new Set(['WdfWorkItemCreate', 'WdfObjectDelete', 'WdfTimerCreate']),
};

/** The base signature changed by `edit`, saved as rules/signatures/<name>.json. */
function sigFile(edit: (s: Sig) => void = () => {}, name = 'workitem-dpc'): RuleFileRecord {
  const s = JSON.parse(BASE) as Sig;
  s.slug = name;
  edit(s);
  return { path: `rules/signatures/${name}.json`, text: JSON.stringify(s, null, 2) };
}

/** Doc page and one fixture of each kind for a signature name. */
const assetsOf = (name: string) => [
  `rules/signatures/${name}.md`,
  `rules/signatures/${name}/positive/amda.log`,
  `rules/signatures/${name}/negative/healthy.txt`,
];

function run(files: RuleFileRecord[], extra: Partial<ValidateRulesInput> = {}): string[] {
  const assets = extra.assets ?? files.flatMap((f) => assetsOf(f.path.replace(/^rules\/signatures\/|\.json$/g, '')));
  return validateRules({ schemas: builtinSchemas(), reference: REFERENCE, ...extra, files, assets }).map((e) => formatRuleError(e));
}

const F = 'rules/signatures/workitem-dpc.json';

describe('validateRules: schema errors in words', () => {
  it('accepts a complete signature', () => {
    expect(run([sigFile()])).toEqual([]);
  });

  it('lists the allowed values of an enum', () => {
    expect(run([sigFile((s) => (s.severity = 'severe'))])).toEqual([`${F} /severity: must be one of critical, high, medium, low, info`]);
    expect(run([sigFile((s) => (s.subject = 'device'))])).toEqual([`${F} /subject: unknown subject kind 'device' (known: bugcheck, driver, object-type, pool, tag, unload)`]);
  });

  it('names a missing property and an unknown one, with the likely typo', () => {
    expect(run([sigFile((s) => ((s.severty = s.severity), delete s.severity, delete s.title))])).toEqual([
      `${F}: missing required property 'title'`,
      `${F}: missing required property 'severity'`,
      `${F} /severty: unknown property 'severty' (allowed: $schema, id, slug, title, status, replacedBy, severity, subject, fxTypes, apis, description, lifetimeRule, remediation, references, confidence, nextSteps, supersedes, conditions, event) (fix: did you mean 'severity'?)`,
    ]);
  });

  it('says in words what an id and a slug look like', () => {
    expect(run([sigFile((s) => (s.id = 'WDFLEAK-1'))])).toEqual([`${F} /id: must be WDFLEAK- followed by four digits, e.g. WDFLEAK-0001 (got "WDFLEAK-1")`]);
    expect(run([sigFile((s) => (s.slug = 'WorkItem_DPC'))])).toEqual([
      `${F} /slug: must be lower-case letters and digits, words joined by single hyphens, e.g. workitem-created-in-dpc (no dots, spaces, underscores or capitals) (got "WorkItem_DPC")`,
      `${F} /slug: must equal the file name 'workitem-dpc' (fix: rename the file to WorkItem_DPC.json (with its doc page and fixture folder) or set "slug": "workitem-dpc")`,
    ]);
  });

  it('names types, bounds and lengths', () => {
    expect(
      run([
        sigFile((s) => {
          s.remediation = 'delete it';
          s.confidence.base = -0.1;
          s.confidence.evidence[1].weight = 0;
          s.title = '';
          s.apis = ['WdfObjectDelete', 'WdfObjectDelete'];
        }),
      ]),
    ).toEqual([
      `${F} /title: must not be empty`,
      `${F} /apis: must not list the same item twice (items 0 and 1 are equal)`,
      `${F} /remediation: must be an array`,
      `${F} /confidence/base: must be at least 0`,
      `${F} /confidence/evidence/1/weight: must be greater than 0`,
    ]);
  });

  it('explains the nested condition forms', () => {
    expect(
      run([
        sigFile((s) => {
          s.conditions.all[0] = { fact: 'creation', operator: 'equal' };
          s.conditions.all[1] = { all: [], fact: 'pool' };
          s.conditions.all.push({ not: { fact: 'pool', operator: 'equal', value: 1, path: 'count' } });
        }),
      ]),
    ).toEqual([
      `${F} /conditions/all/0: missing required property 'value'`,
      `${F} /conditions/all/1/fact: unknown property 'fact' (allowed: all)`,
      `${F} /conditions/all/1/all: must have at least 1 item`,
      `${F} /conditions/all/2/not/path: must be a path like $.creator or $.frames[0].function (got "count")`,
    ]);
    expect(run([sigFile((s) => (s.conditions = { fact: 'pool', operator: 'equal', value: 1 }))])).toEqual([
      `${F} /conditions: missing required property 'any'`,
      `${F} /conditions/fact: unknown property 'fact' (allowed: any)`,
      `${F} /conditions/operator: unknown property 'operator' (allowed: any)`,
      `${F} /conditions/value: unknown property 'value' (allowed: any)`,
    ]);
  });

  it('ties replacedBy to the deprecated status', () => {
    expect(run([sigFile((s) => (s.status = 'deprecated'))])).toEqual([`${F}: missing required property 'replacedBy'`]);
    expect(run([sigFile((s) => (s.replacedBy = 'WDFLEAK-0002'))])).toEqual([
      `${F} /replacedBy: replacedBy is only allowed when status is deprecated`,
      `${F} /replacedBy: no signature has the id WDFLEAK-0002`,
    ]);
    const next = sigFile((s) => (s.id = 'WDFLEAK-0002'), 'workitem-dpc-2');
    expect(run([sigFile((s) => ((s.status = 'deprecated'), (s.replacedBy = 'WDFLEAK-0002'))), next])).toEqual([]);
    expect(run([sigFile((s) => ((s.status = 'deprecated'), (s.replacedBy = 'WDFLEAK-0001')))])).toEqual([
      `${F} /replacedBy: must name another signature, not this one`,
    ]);
  });
});

describe('validateRules: what a schema cannot see', () => {
  it('keeps confirmed at or above base and reachable', () => {
    expect(run([sigFile((s) => (s.confidence.confirmed = 0.4))])).toEqual([`${F} /confidence/confirmed: must be at least base (0.5)`]);
    // base 0.5 + weights 0.2 + 0.1 = 0.8 < 0.9
    expect(run([sigFile((s) => (s.confidence.confirmed = 0.9))])).toEqual([
      `${F} /confidence: can never be confirmed: base plus all evidence weights is 0.8, below confirmed (0.9) (fix: lower confirmed or add evidence)`,
    ]);
  });

  it('requires next steps to name existing evidence, and evidence ids to be unique', () => {
    expect(run([sigFile((s) => (s.nextSteps[0].unless = 'object-is-workitme'))])).toEqual([
      `${F} /nextSteps/0/unless: names no evidence item: 'object-is-workitme' is not an id in /confidence/evidence (fix: did you mean 'object-is-workitem'?)`,
    ]);
    expect(run([sigFile((s) => (s.confidence.evidence[1].id = 'object-is-workitem'))])).toEqual([
      `${F} /confidence/evidence/1/id: evidence id 'object-is-workitem' is used twice in this signature`,
    ]);
  });

  it('checks facts, paths, placeholders and the subject kind against the fact catalogue, and operators', () => {
    // One line each, with the nearest name and none of the schema's raw lists of allowed names.
    expect(run([sigFile((s) => (s.conditions.all[0].fact = 'creations'))])).toEqual([
      `${F} /conditions/all/0/fact: unknown fact 'creations' of a tag subject; did you mean 'creation'?`,
    ]);
    expect(run([sigFile((s) => (s.conditions.all[0].path = '$.contxt'))])).toEqual([
      `${F} /conditions/all/0/path: unknown path $.contxt of fact creation; did you mean $.context?`,
    ]);
    expect(run([sigFile((s) => (s.nextSteps[0].command = '!poolfind {tag.nmae} -nonpaged'))])).toEqual([
      `${F} /nextSteps/0/command: unknown placeholder {tag.nmae}: fact tag has no path $.nmae; did you mean {tag.name}?`,
    ]);
    expect(run([sigFile((s) => (s.subject = 'tga'))])).toEqual([`${F} /subject: unknown subject kind 'tga'; did you mean 'tag'?`]);
    // A fact of another subject kind is unknown here: an unload fact on a tag subject.
    expect(run([sigFile((s) => (s.conditions.all[0] = { fact: 'unload', path: '$.listed', operator: 'greaterThan', value: 0 }))])).toEqual([
      expect.stringMatching(/^rules\/signatures\/workitem-dpc\.json \/conditions\/all\/0\/fact: unknown fact 'unload' of a tag subject \(it has .*\bcreation\b.*\)$/),
    ]);
    expect(run([sigFile((s) => (s.conditions.all[0] = { fact: 'arch', path: '$.name', operator: 'equal', value: 'x64' }))])).toEqual([
      `${F} /conditions/all/0/path: fact arch is a plain value with no paths: drop "path"`,
    ]);
    expect(run([sigFile((s) => (s.conditions.all[0] = { fact: 'tag', path: '$.drivers[0]', operator: 'equal', value: { fact: 'creation', path: '$.drvier' } }))])).toEqual([
      `${F} /conditions/all/0/value/path: unknown path $.drvier of fact creation; did you mean $.driver?`,
    ]);
    expect(run([sigFile((s) => (s.confidence.evidence[0].condition.operator = 'equals'))])[0]).toMatch(
      /^rules\/signatures\/workitem-dpc\.json \/confidence\/evidence\/0\/condition\/operator: unknown operator 'equals' \(known: equal, notEqual, .*exists\) \(fix: did you mean 'equal'\?\)$/,
    );
  });

  it('resolves reference values and names an unknown one with its pointer and the likely name', () => {
    // The base signature cites execution-contexts#elevated already: it validates.
    expect(JSON.parse(BASE).conditions.all[1].value).toEqual({ reference: 'execution-contexts#elevated' });
    expect(run([sigFile((s) => (s.conditions.all[1].value = { reference: 'execution-contexts#elevatd' }))])[0]).toMatch(
      /^rules\/signatures\/workitem-dpc\.json \/conditions\/all\/1\/value: unknown reference 'execution-contexts#elevatd': rules\/reference defines .*execution-contexts#elevated.* \(fix: did you mean 'execution-contexts#elevated'\?\)$/,
    );
    const inEvidence = sigFile((s) => (s.confidence.evidence[0].condition.value = { reference: 'thresholds#oneForTwo' }));
    expect(run([inEvidence])[0]).toMatch(/^\S+ \/confidence\/evidence\/0\/condition\/value: unknown reference 'thresholds#oneForTwo'.* \(fix: did you mean 'thresholds#oneForOne'\?\)$/);
  });

  it('checks FX types and APIs against the reference tables', () => {
    expect(run([sigFile((s) => ((s.fxTypes = ['FX_TYPE_WORKITM']), (s.apis = ['WdfWorkItemCreate', 'WdfRequestComplete'])))])).toEqual([
      `${F} /fxTypes/0: unknown FX type 'FX_TYPE_WORKITM' (not in rules/reference/fx-types.json) (fix: did you mean 'FX_TYPE_WORKITEM'?)`,
      `${F} /apis/1: unknown API 'WdfRequestComplete' (not in rules/reference/wdf-object-apis.json) (fix: use a name listed in rules/reference/wdf-object-apis.json, or add it there with its source)`,
    ]);
    expect(run([sigFile()], { reference: {} })).toEqual([
      `${F} /fxTypes: cannot check the FX type names: rules/reference/fx-types.json is missing or is not valid JSON`,
      `${F} /apis: cannot check the API names: rules/reference/wdf-object-apis.json is missing or is not valid JSON`,
    ]);
  });

  it('wants a doc page and both kinds of fixture, as .log or .txt', () => {
    expect(run([sigFile()], { assets: ['rules/signatures/workitem-dpc/positive/a.log', 'rules/signatures/workitem-dpc/negative/notes.md'] })).toEqual([
      `${F}: missing doc page rules/signatures/workitem-dpc.md (fix: write the page: what the leak looks like, why it leaks, how to confirm it and how to fix it)`,
      `${F}: missing negative fixture: no .log or .txt transcript under rules/signatures/workitem-dpc/negative/ (fix: add a transcript of a similar but healthy case the signature must not match to rules/signatures/workitem-dpc/negative/)`,
    ]);
  });

  it('finds duplicate ids and slugs across files and proposes the next free id', () => {
    const a = sigFile();
    const b = sigFile((s) => (s.slug = 'workitem-dpc'), 'workitem-timer');
    expect(run([a, b])).toEqual([
      `rules/signatures/workitem-timer.json /id: WDFLEAK-0001 is already used by ${F}; ids must be unique (fix: give this signature the next free id, WDFLEAK-0002)`,
      `rules/signatures/workitem-timer.json /slug: 'workitem-dpc' is already used by ${F}; slugs must be unique`,
      `rules/signatures/workitem-timer.json /slug: must equal the file name 'workitem-timer' (fix: rename the file to workitem-dpc.json (with its doc page and fixture folder) or set "slug": "workitem-timer")`,
    ]);
  });

  it('resolves supersedes to existing slugs', () => {
    const general = sigFile((s) => (s.id = 'WDFLEAK-0002'), 'iowi-tracks-tag');
    expect(run([sigFile((s) => (s.supersedes = ['iowi-tracks-tag'])), general])).toEqual([]);
    expect(run([sigFile((s) => (s.supersedes = ['iowi-track-tag', 'workitem-dpc'])), general])).toEqual([
      `${F} /supersedes/0: no signature has the slug 'iowi-track-tag' (fix: did you mean 'iowi-tracks-tag'?)`,
      `${F} /supersedes/1: must name another signature, not this one`,
    ]);
  });

  it('reports doc pages and fixture folders left behind by a renamed signature', () => {
    const assets = [...assetsOf('workitem-dpc'), 'rules/signatures/old-name.md', 'rules/signatures/old-name/positive/a.log', 'rules/signatures/old-name/negative/b.log', 'rules/signatures/README.md'];
    expect(run([sigFile()], { assets })).toEqual([
      'rules/signatures/old-name.md: doc page without a signature: there is no rules/signatures/old-name.json (fix: rename the page after its signature or delete it)',
      'rules/signatures/old-name/: fixture folder without a signature: there is no rules/signatures/old-name.json (fix: rename the folder after its signature or delete it)',
    ]);
  });
});

describe('validateRules: files and $schema', () => {
  it('gives line and column of a syntax error', () => {
    const text = BASE.replace('"status": "test",', '"status": "test"');
    expect(run([{ path: F, text }])).toEqual([`${F}: invalid JSON at line 7, column 3: expected ',' or '}' after a property value, found '"'`]);
  });

  it('accepts a byte order mark', () => {
    expect(run([{ path: F, text: `\ufeff${BASE}` }])).toEqual([]);
  });

  it('wants "$schema" as a relative path to the right schema', () => {
    expect(run([sigFile((s) => delete s.$schema)])).toEqual([
      `${F}: missing "$schema": every rules file names its schema (fix: add "$schema": "../../schemas/signature.schema.json")`,
    ]);
    expect(run([sigFile((s) => (s.$schema = 'https://wdfleak.dev/schemas/signature.schema.json'))])).toEqual([
      `${F} /$schema: must be the relative path of the schema file so editors find it, not its $id (fix: write "$schema": "../../schemas/signature.schema.json")`,
    ]);
    expect(run([sigFile((s) => (s.$schema = '../schemas/signature.schema.json'))])).toEqual([
      `${F} /$schema: names no schema: rules/schemas/signature.schema.json does not exist (schemas: facts.schema.json, findings.schema.json, signature.schema.json, fact-paths.schema.json) (fix: write "$schema": "../../schemas/signature.schema.json")`,
    ]);
    expect(run([sigFile((s) => (s.$schema = '../../schemas/facts.schema.json'))])).toEqual([
      `${F} /$schema: a signature must use ../../schemas/signature.schema.json (fix: write "$schema": "../../schemas/signature.schema.json")`,
    ]);
  });

  it('points a file whose schema does not compile at that schema\'s own error', () => {
    const schemas = compileSchemas([{ path: 'schemas/thresholds.schema.json', schema: { type: 'object', properties: { x: { $ref: '#/$defs/nope' } } } }]);
    const file = { path: 'rules/reference/thresholds.json', text: JSON.stringify({ $schema: '../../schemas/thresholds.schema.json' }) };
    const errors = validateRules({ schemas, reference: REFERENCE, files: [file], assets: [] }).map((e) => formatRuleError(e));
    expect(errors).toEqual([
      'rules/reference/thresholds.json /$schema: names schemas/thresholds.schema.json, which does not compile (its error is listed under its own name)',
      expect.stringMatching(/^schemas\/thresholds\.schema\.json: schema does not compile: can't resolve reference #\/\$defs\/nope/),
    ]);
  });

  it('validates other rules files against the schema they name', () => {
    const facts = { path: 'rules/reference/sample-facts.json', text: JSON.stringify({ $schema: '../../schemas/facts.schema.json' }) };
    expect(run([facts], { assets: [] })[0]).toBe(`rules/reference/sample-facts.json: missing required property 'schemaVersion'`);
    expect(run([{ path: 'rules/reference/list.json', text: '[]' }], { assets: [] })).toEqual(['rules/reference/list.json: must be a JSON object']);
  });
});

describe('paths', () => {
  it('resolve and relate like a file system', () => {
    expect(resolveRelative('rules/signatures/a.json', '../../schemas/signature.schema.json')).toBe('schemas/signature.schema.json');
    expect(resolveRelative('rules/reference/layouts/x.json', './../../../schemas/layout.schema.json')).toBe('schemas/layout.schema.json');
    expect(relativeTo('rules/reference/layouts/x.json', 'schemas/layout.schema.json')).toBe('../../../schemas/layout.schema.json');
    expect(relativeTo('rules/a.json', 'rules/b.json')).toBe('b.json');
  });
});

describe('reference tables', () => {
  it('read FX type names and API names from the tables as they are shaped', () => {
    const fx = fxTypeNames({ $schema: 'x', types: [{ name: 'FX_TYPE_WORKITEM', value: 4133 }, { name: 'IFX_TYPE_MEMORY' }, { name: 'not-a-type' }] });
    expect([...fx].sort()).toEqual(['FX_TYPE_WORKITEM', 'IFX_TYPE_MEMORY']);
    const apis = wdfApiNames({
      sources: [{ title: 'WdfIgnoredSource' }],
      apis: [{ api: 'WdfRequestCreate', delete: { apis: ['WdfObjectDelete'] }, notes: 'NOT WdfRequestComplete (SDV rule ReqDelete)' }],
    });
    expect([...apis].sort()).toEqual(['WdfObjectDelete', 'WdfRequestComplete', 'WdfRequestCreate']);
  });

  it('find the names signatures use in the repository tables', () => {
    const fx = fxTypeNames(JSON.parse(readFileSync('rules/reference/fx-types.json', 'utf8')));
    for (const name of ['FX_TYPE_OBJECT', 'FX_TYPE_WORKITEM', 'FX_TYPE_REG_KEY', 'FX_TYPE_REQUEST', 'IFX_TYPE_MEMORY']) expect(fx).toContain(name);
    const apis = wdfApiNames(JSON.parse(readFileSync('rules/reference/wdf-object-apis.json', 'utf8')));
    for (const name of ['WdfWorkItemCreate', 'WdfObjectDelete', 'WdfRegistryClose', 'WdfRequestComplete', 'WdfDeviceOpenRegistryKey']) expect(apis).toContain(name);
  });
});
