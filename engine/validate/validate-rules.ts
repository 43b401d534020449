// The rules tree checked as a whole: every JSON file against the schema its "$schema" names, then
// what a schema cannot see — ids and slugs unique, each signature with its doc page and fixtures,
// FX types and APIs that exist in the reference tables, references between signatures that resolve.
// Pure: the caller hands in the files (the Node layer reads them from disk).
import { catalogueEntries, type CatalogueEntry } from '../reference/fact-catalogue.js';
import { OPERATOR_NAMES } from '../signatures/operators.js';
import { referenceProblem } from '../signatures/compile.js';
import { REFERENCE_NAMES } from '../reference/named-values.js';
import type { FactCatalogueDocument, FactExamplesDocument } from '../types/reference.js';
import { checkFactUse } from './fact-use.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { didYouMean, pointerTo, translateAjvErrors, type RuleError } from './messages.js';
import { regexProblems } from './regex-safety.js';

/** Deepest all/any/not nesting a signature may use (deeper trees are refused as hostile). */
const MAX_CONDITION_DEPTH = 32;
import { FX_TYPES_FILE, fxTypeNames, WDF_APIS_FILE, wdfApiNames, type ReferenceTables } from './reference-tables.js';
import type { SchemaSet } from './schemas.js';
import type { ErrorObject } from 'ajv/dist/2020.js';

/** A file of the rules tree, its path relative to the repository with `/` separators. */
export interface RuleFileRecord {
  path: string;
  text: string;
}

export interface ValidateRulesInput {
  /** The JSON files under rules/ (fixture folders excluded: they hold transcripts, not rules). */
  files: readonly RuleFileRecord[];
  /** Paths of every other file under rules/ (doc pages, fixtures): only their existence matters. */
  assets?: readonly string[];
  /** schemas/*.schema.json, compiled. */
  schemas: SchemaSet;
  /** FX type and API names; default: read from rules/reference/fx-types.json and wdf-object-apis.json among `files`. */
  reference?: ReferenceTables;
  /** The facts each subject kind provides; default: rules/reference/fact-catalogue.json among `files`, else the bundled one. */
  catalogue?: readonly CatalogueEntry[];
  /** Operator names conditions may use; default: json-rules-engine's and wdfleak's. */
  operators?: readonly string[];
}

export const SIGNATURE_SCHEMA_PATH = 'schemas/signature.schema.json';
const CATALOGUE_FILE = 'rules/reference/fact-catalogue.json';
const EXAMPLES_FILE = 'rules/reference/fact-examples.json';
const SIGNATURES_DIR = 'rules/signatures/';
const FIXTURE_FILE = /\.(?:log|txt)$/i;
const SEMANTIC_EPSILON = 1e-9;

/** `rules/signatures/<name>.json` → `<name>`; anything else → undefined. */
export function signatureName(path: string): string | undefined {
  if (!path.startsWith(SIGNATURES_DIR) || !path.endsWith('.json')) return undefined;
  const rest = path.slice(SIGNATURES_DIR.length, -'.json'.length);
  return rest.includes('/') ? undefined : rest;
}

/** True for files inside a signature's fixture folder (`rules/signatures/<name>/…`). */
export function isFixturePath(path: string): boolean {
  return path.startsWith(SIGNATURES_DIR) && path.slice(SIGNATURES_DIR.length).includes('/');
}

/** Resolves a relative reference (`../../schemas/x.json`) against the file that holds it. */
export function resolveRelative(fromFile: string, ref: string): string {
  const parts = fromFile.split('/');
  parts.pop();
  for (const seg of ref.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relative reference from `fromFile` to `target` (both repository paths). */
export function relativeTo(fromFile: string, target: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill('..'), ...to.slice(common)].join('/');
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): Array<[number, string]> =>
  Array.isArray(v) ? v.flatMap((x, i) => (typeof x === 'string' ? [[i, x] as [number, string]] : [])) : [];

export function validateRules(input: ValidateRulesInput): RuleError[] {
  const errors: RuleError[] = [...input.schemas.errors];
  const assets = new Set(input.assets ?? []);
  const parsed = new Map<string, unknown>();
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  for (const file of files) {
    const doc = parseJson(file, errors);
    if (doc === undefined) continue;
    parsed.set(file.path, doc);
    checkAgainstSchema(file.path, doc, input.schemas, errors);
  }

  const reference = input.reference ?? {
    ...(isObject(parsed.get(FX_TYPES_FILE)) ? { fxTypes: fxTypeNames(parsed.get(FX_TYPES_FILE)) } : {}),
    ...(isObject(parsed.get(WDF_APIS_FILE)) ? { apis: wdfApiNames(parsed.get(WDF_APIS_FILE)) } : {}),
  };
  const signatures = [...parsed].flatMap(([path, doc]) => {
    const name = signatureName(path);
    return name !== undefined && isObject(doc) ? [{ path, name, sig: doc }] : [];
  });
  const declared = parsed.get(CATALOGUE_FILE);
  const examples = parsed.get(EXAMPLES_FILE);
  const catalogue =
    input.catalogue ??
    (isObject(declared) && Array.isArray(declared.facts)
      ? catalogueEntries(declared as unknown as FactCatalogueDocument, isObject(examples) && Array.isArray(examples.paths) ? (examples as unknown as FactExamplesDocument) : undefined)
      : catalogueEntries());
  checkSignatures(signatures, assets, reference, catalogue, input, errors);
  checkOrphans(new Set(signatures.map((s) => s.name)), new Set(files.map((f) => f.path)), assets, errors);
  // Stable: errors of one file stay in the order they were found.
  return errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function parseJson(file: RuleFileRecord, errors: RuleError[]): unknown {
  // Editors on Windows may save a byte order mark; JSON.parse rejects it, so it is dropped.
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const where = findJsonSyntaxError(text);
    errors.push({
      file: file.path,
      pointer: '',
      message: where
        ? `invalid JSON at line ${where.line}, column ${where.column}: ${where.message}`
        : `invalid JSON: ${(e as Error).message}`,
    });
    return undefined;
  }
}

function schemaFor(path: string, schemas: SchemaSet): string | undefined {
  if (signatureName(path) !== undefined) return SIGNATURE_SCHEMA_PATH;
  const base = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
  const dir = path.split('/').at(-2);
  for (const candidate of [`schemas/${base}.schema.json`, `schemas/${dir ?? ''}.schema.json`, `schemas/${(dir ?? '').replace(/s$/, '')}.schema.json`]) {
    if (schemas.byPath.has(candidate)) return candidate;
  }
  return undefined;
}

function checkAgainstSchema(path: string, doc: unknown, schemas: SchemaSet, errors: RuleError[]): void {
  const guess = schemaFor(path, schemas);
  const addSchemaFix = guess ? `add "$schema": "${relativeTo(path, guess)}"` : 'add "$schema" with the relative path of its schema under schemas/';
  if (!isObject(doc)) {
    errors.push({ file: path, pointer: '', message: 'must be a JSON object' });
    return;
  }
  const ref = doc.$schema;
  if (ref === undefined) {
    errors.push({ file: path, pointer: '', message: `missing "$schema": every rules file names its schema`, fix: addSchemaFix });
    return;
  }
  if (typeof ref !== 'string') {
    errors.push({ file: path, pointer: '/$schema', message: 'must be a string', fix: addSchemaFix.replace(/^add/, 'write') });
    return;
  }
  let compiled = /^[a-z][a-z0-9+.-]*:/i.test(ref) ? undefined : schemas.byPath.get(resolveRelative(path, ref));
  if (!compiled) {
    const byId = schemas.byId.get(ref);
    const target = resolveRelative(path, ref);
    const known = [...schemas.byPath.keys()].map((p) => p.slice(p.lastIndexOf('/') + 1));
    // A schema that exists but does not compile has its own error; every file naming it only points there.
    const broken = schemas.errors.some((e) => e.file === target);
    if (broken && !byId) {
      errors.push({ file: path, pointer: '/$schema', message: `names ${target}, which does not compile (its error is listed under its own name)` });
      return;
    }
    errors.push({
      file: path,
      pointer: '/$schema',
      message: byId
        ? `must be the relative path of the schema file so editors find it, not its $id`
        : `names no schema: ${target} does not exist (schemas: ${known.join(', ')})`,
      fix: byId ? `write "$schema": "${relativeTo(path, byId.path)}"` : addSchemaFix.replace(/^add/, 'write'),
    });
    compiled = byId;
    if (!compiled) return;
  }
  if (signatureName(path) !== undefined && compiled.path !== SIGNATURE_SCHEMA_PATH) {
    errors.push({
      file: path,
      pointer: '/$schema',
      message: `a signature must use ${relativeTo(path, SIGNATURE_SCHEMA_PATH)}`,
      fix: `write "$schema": "${relativeTo(path, SIGNATURE_SCHEMA_PATH)}"`,
    });
    return;
  }
  if (!compiled.validate(doc)) {
    const raw = compiled.path === SIGNATURE_SCHEMA_PATH ? compiled.validate.errors?.filter((e) => !isCatalogueError(e)) : compiled.validate.errors;
    for (const e of translateAjvErrors(raw, compiled.schema)) errors.push({ file: path, ...e });
  }
}

/**
 * The schema's enums of subject kinds, fact names, paths and placeholders (for editors) fail with a list
 * of hundreds of names; checkFactUse says the same in one line with the nearest name, so those are dropped.
 */
function isCatalogueError(e: ErrorObject): boolean {
  return e.schemaPath.includes('fact-paths.schema.json') || (e.instancePath === '/subject' && e.keyword === 'enum');
}

interface SignatureFile {
  path: string;
  name: string;
  sig: Json;
}

function checkSignatures(
  signatures: readonly SignatureFile[],
  assets: ReadonlySet<string>,
  reference: ReferenceTables,
  catalogue: readonly CatalogueEntry[],
  input: ValidateRulesInput,
  errors: RuleError[],
): void {
  const ids = new Map<string, string>();
  const slugs = new Map<string, string>();
  const numbers = signatures.flatMap(({ sig }) => (typeof sig.id === 'string' && /^WDFLEAK-\d{4}$/.test(sig.id) ? [Number(sig.id.slice(8))] : []));
  const nextId = `WDFLEAK-${String(Math.max(0, ...numbers) + 1).padStart(4, '0')}`;
  const operators = new Set(input.operators ?? OPERATOR_NAMES);
  const assetList = [...assets];

  for (const { path, name, sig } of signatures) {
    const err = (pointer: string, message: string, fix?: string) => errors.push({ file: path, pointer, message, ...(fix ? { fix } : {}) });

    if (typeof sig.id === 'string') {
      const first = ids.get(sig.id);
      if (first) err('/id', `${sig.id} is already used by ${first}; ids must be unique`, `give this signature the next free id, ${nextId}`);
      else ids.set(sig.id, path);
    }
    if (typeof sig.slug === 'string') {
      const first = slugs.get(sig.slug);
      if (first) err('/slug', `'${sig.slug}' is already used by ${first}; slugs must be unique`);
      else slugs.set(sig.slug, path);
      if (sig.slug !== name) err('/slug', `must equal the file name '${name}'`, `rename the file to ${sig.slug}.json (with its doc page and fixture folder) or set "slug": "${name}"`);
    }

    const doc = `${SIGNATURES_DIR}${name}.md`;
    if (!assets.has(doc)) err('', `missing doc page ${doc}`, 'write the page: what the leak looks like, why it leaks, how to confirm it and how to fix it');
    for (const kind of ['positive', 'negative'] as const) {
      const dir = `${SIGNATURES_DIR}${name}/${kind}/`;
      // Same rule as the fixture runner: .log/.txt files directly in the folder.
      if (!assetList.some((a) => a.startsWith(dir) && !a.slice(dir.length).includes('/') && FIXTURE_FILE.test(a))) {
        err(
          '',
          `missing ${kind} fixture: no .log or .txt transcript under ${dir}`,
          kind === 'positive' ? `add a transcript the signature must match to ${dir}` : `add a transcript of a similar but healthy case the signature must not match to ${dir}`,
        );
      }
    }

    checkNames(sig.fxTypes, '/fxTypes', reference.fxTypes, 'FX type', FX_TYPES_FILE, err);
    checkNames(sig.apis, '/apis', reference.apis, 'API', WDF_APIS_FILE, err);

    if (typeof sig.replacedBy === 'string') {
      if (sig.replacedBy === sig.id) err('/replacedBy', 'must name another signature, not this one');
      else if (!signatures.some((s) => s.sig.id === sig.replacedBy)) err('/replacedBy', `no signature has the id ${sig.replacedBy}`);
    }
    for (const [i, slug] of strings(sig.supersedes)) {
      if (slug === sig.slug) err(`/supersedes/${i}`, 'must name another signature, not this one');
      else if (!signatures.some((s) => s.sig.slug === slug)) {
        const guess = didYouMean(slug, signatures.map((s) => s.name));
        err(`/supersedes/${i}`, `no signature has the slug '${slug}'`, guess ? `did you mean '${guess}'?` : undefined);
      }
    }

    const confidence = isObject(sig.confidence) ? sig.confidence : {};
    const evidence = Array.isArray(confidence.evidence) ? confidence.evidence.filter(isObject) : [];
    const evidenceIds = new Set<string>();
    (Array.isArray(confidence.evidence) ? confidence.evidence : []).forEach((item, i) => {
      if (!isObject(item)) return;
      if (typeof item.id === 'string') {
        if (evidenceIds.has(item.id)) err(`/confidence/evidence/${i}/id`, `evidence id '${item.id}' is used twice in this signature`);
        evidenceIds.add(item.id);
      }
      checkCondition(item.condition, `/confidence/evidence/${i}/condition`, operators, err);
    });
    const { base, confirmed } = confidence;
    const inRange = (n: unknown): n is number => typeof n === 'number' && n >= 0 && n <= 1;
    if (inRange(base) && inRange(confirmed)) {
      if (confirmed < base) err('/confidence/confirmed', `must be at least base (${base})`);
      const reachable = evidence.reduce((sum, e) => sum + (typeof e.weight === 'number' ? e.weight : 0), base);
      if (confirmed >= base && reachable + SEMANTIC_EPSILON < confirmed) {
        err('/confidence', `can never be confirmed: base plus all evidence weights is ${round(reachable)}, below confirmed (${confirmed})`, 'lower confirmed or add evidence');
      }
    }

    (Array.isArray(sig.nextSteps) ? sig.nextSteps : []).forEach((step, i) => {
      if (!isObject(step)) return;
      for (const key of ['when', 'unless'] as const) {
        const id = step[key];
        if (typeof id === 'string' && !evidenceIds.has(id)) {
          const guess = didYouMean(id, evidenceIds);
          err(
            `/nextSteps/${i}/${key}`,
            `names no evidence item: '${id}' is not an id in /confidence/evidence`,
            guess ? `did you mean '${guess}'?` : evidenceIds.size ? `use one of ${[...evidenceIds].join(', ')}` : 'add the evidence item or drop the condition',
          );
        }
      }
    });

    checkCondition(sig.conditions, '/conditions', operators, err);
    checkFactUse(sig, catalogue, err);
  }
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

function checkNames(
  value: unknown,
  at: string,
  known: ReadonlySet<string> | undefined,
  what: string,
  table: string,
  err: (pointer: string, message: string, fix?: string) => void,
): void {
  const names = strings(value);
  if (!names.length) return;
  if (!known) {
    err(at, `cannot check the ${what} names: ${table} is missing or is not valid JSON`);
    return;
  }
  for (const [i, name] of names) {
    if (known.has(name)) continue;
    const guess = didYouMean(name, known);
    err(`${at}/${i}`, `unknown ${what} '${name}' (not in ${table})`, guess ? `did you mean '${guess}'?` : `use a name listed in ${table}, or add it there with its source`);
  }
}

function checkCondition(
  cond: unknown,
  at: string,
  operators: ReadonlySet<string>,
  err: (pointer: string, message: string, fix?: string) => void,
  depth = 0,
): void {
  if (!isObject(cond)) return;
  if (depth > MAX_CONDITION_DEPTH) {
    err(at, `conditions nested deeper than ${MAX_CONDITION_DEPTH} levels`, 'flatten the all/any/not tree');
    return;
  }
  // A `matches` operand is a regular expression run on transcript text: it must compile and run in
  // linear time (engine/validate/regex-safety.ts), and stay under MAX_PATTERN_LENGTH.
  if (cond.operator === 'matches') {
    if (typeof cond.value !== 'string') err(pointerTo(at, 'value'), 'a matches operand must be a regular expression string');
    else for (const p of regexProblems(cond.value, 'i')) err(pointerTo(at, 'value'), `regular expression rejected at offset ${p.at}: ${p.message}`, 'anchor it with ^ and avoid runs that can match the same characters one after another');
  }
  for (const key of ['all', 'any'] as const) {
    const list = cond[key];
    if (Array.isArray(list)) list.forEach((c, i) => checkCondition(c, `${at}/${key}/${i}`, operators, err, depth + 1));
  }
  const problem = referenceProblem(cond.value);
  if (problem) {
    const guess = didYouMean((cond.value as { reference: string }).reference, REFERENCE_NAMES);
    err(pointerTo(at, 'value'), problem, guess ? `did you mean '${guess}'?` : undefined);
  }
  if (cond.not !== undefined) checkCondition(cond.not, `${at}/not`, operators, err, depth + 1);
  if (typeof cond.operator === 'string' && !operators.has(cond.operator)) {
    const guess = didYouMean(cond.operator, operators);
    err(pointerTo(at, 'operator'), `unknown operator '${cond.operator}' (known: ${[...operators].join(', ')})`, guess ? `did you mean '${guess}'?` : undefined);
  }
}

/** Doc pages and fixture folders whose signature file is missing (renamed or deleted signatures). */
function checkOrphans(names: ReadonlySet<string>, files: ReadonlySet<string>, assets: ReadonlySet<string>, errors: RuleError[]): void {
  const reported = new Set<string>();
  for (const asset of [...assets].sort()) {
    if (!asset.startsWith(SIGNATURES_DIR)) continue;
    const rest = asset.slice(SIGNATURES_DIR.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      if (!rest.endsWith('.md') || /^readme\.md$/i.test(rest)) continue;
      const name = rest.slice(0, -3);
      if (!names.has(name) && !files.has(`${SIGNATURES_DIR}${name}.json`)) {
        errors.push({ file: asset, pointer: '', message: `doc page without a signature: there is no ${SIGNATURES_DIR}${name}.json`, fix: 'rename the page after its signature or delete it' });
      }
    } else {
      const name = rest.slice(0, slash);
      if (names.has(name) || files.has(`${SIGNATURES_DIR}${name}.json`) || reported.has(name)) continue;
      reported.add(name);
      errors.push({
        file: `${SIGNATURES_DIR}${name}/`,
        pointer: '',
        message: `fixture folder without a signature: there is no ${SIGNATURES_DIR}${name}.json`,
        fix: 'rename the folder after its signature or delete it',
      });
    }
  }
}
