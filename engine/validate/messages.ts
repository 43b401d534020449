// Validation errors as plain data, and ajv's errors turned into sentences a rule author can act on.
import type { ErrorObject } from 'ajv/dist/2020.js';

/** One problem in a document, at a JSON pointer (`""` = the whole document). */
export interface SchemaError {
  pointer: string;
  message: string;
  /** What to do about it, when the message alone does not say. */
  fix?: string;
}

/** One problem in a file of the rules tree; `file` is relative to the repository (`rules/…`). */
export interface RuleError extends SchemaError {
  file: string;
}

/** `rules/signatures/workitem-dpc.json /severity: must be one of critical, high, medium, low, info`. */
export function formatRuleError(e: RuleError, withFix = true): string {
  const where = e.pointer ? `${e.file} ${e.pointer}` : e.file;
  return `${where}: ${e.message}${withFix && e.fix ? ` (fix: ${e.fix})` : ''}`;
}

export function formatSchemaError(e: SchemaError): string {
  return `${e.pointer || '(document)'}: ${e.message}${e.fix ? ` (fix: ${e.fix})` : ''}`;
}

/** Appends one step to a JSON pointer, escaping `~` and `/`. */
export function pointerTo(base: string, step: string | number): string {
  return `${base}/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

// Patterns of the wdfleak schemas, said in words.
const PATTERN_WORDS: Record<string, string> = {
  '^WDFLEAK-\\d{4}$': 'must be WDFLEAK- followed by four digits, e.g. WDFLEAK-0001',
  '^[a-z0-9]+(?:-[a-z0-9]+)*$':
    'must be lower-case letters and digits, words joined by single hyphens, e.g. workitem-created-in-dpc (no dots, spaces, underscores or capitals)',
  '^I?FX_[A-Z0-9_]+$': 'must be an FX_TYPE constant name, e.g. FX_TYPE_WORKITEM',
  '^Wdf[A-Za-z0-9]+$': 'must be a WDF API name, e.g. WdfWorkItemCreate',
  '^[0-9a-fA-F]+$': 'must be hexadecimal digits without 0x or backtick',
  '^https?://': 'must be an absolute http:// or https:// address',
  '^[a-z][a-z0-9]*$': 'must be a lower-case register name, e.g. rax or x2',
  '^(?:[0-9a-f]{2})*$': 'must be lower-case hex digits, two per byte',
  "^\\$(?:\\.[A-Za-z_$][\\w$-]*|\\[\\d+\\]|\\['[^']*'\\])*$": 'must be a path like $.creator or $.frames[0].function',
};

const A_TYPE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** Closest candidate by edit distance, when close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function resolveSchemaPath(root: unknown, schemaPath: string): unknown {
  if (!schemaPath.startsWith('#')) return undefined;
  let cur: unknown = root;
  for (const raw of schemaPath.slice(1).split('/').filter(Boolean)) {
    const step = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[step];
  }
  return cur;
}

/**
 * ajv errors (compiled with `verbose: true`) → messages. `root` is the schema the document was
 * validated against; it lets a `false` subschema explain itself through its parent's description.
 */
export function translateAjvErrors(errors: readonly ErrorObject[] | null | undefined, root?: unknown): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  const add = (e: SchemaError) => {
    const key = `${e.pointer}\u0000${e.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(e);
  };
  for (const e of errors ?? []) {
    const t = translate(e, root);
    if (t) add(t);
  }
  // A bad URL fails both `pattern` and `format`; one message is enough.
  const withOther = new Set(out.filter((e) => !e.message.startsWith('must be a valid')).map((e) => e.pointer));
  return out.filter((e) => !(e.message.startsWith('must be a valid') && withOther.has(e.pointer)));
}

function translate(e: ErrorObject, root: unknown): SchemaError | undefined {
  const p = e.params as Record<string, unknown>;
  // A bad property name: ajv reports the name's own error (with propertyName) and then a summary.
  if (e.keyword === 'propertyNames') return undefined;
  const name = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (name !== undefined) {
    const inner = translate({ ...e, propertyName: undefined, data: name } as ErrorObject, root);
    return inner && { ...inner, pointer: pointerTo(e.instancePath, name), message: `property name ${inner.message}` };
  }
  const at = e.instancePath;
  switch (e.keyword) {
    case 'if':
      // Accompanied by the errors of the branch that failed, which say what is wrong.
      return undefined;
    case 'required':
      return { pointer: at, message: `missing required property '${String(p.missingProperty)}'` };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const props = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = didYouMean(name, props);
      return {
        pointer: pointerTo(at, name),
        message: `unknown property '${name}'${props.length ? ` (allowed: ${props.join(', ')})` : ''}`,
        ...(guess ? { fix: `did you mean '${guess}'?` } : {}),
      };
    }
    case 'enum':
      return { pointer: at, message: `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { pointer: at, message: `must be ${quote(p.allowedValue)}` };
    case 'type': {
      const types = String(p.type).split(',');
      return { pointer: at, message: `must be ${types.map((t) => A_TYPE[t] ?? t).join(' or ')}` };
    }
    case 'pattern': {
      const words = PATTERN_WORDS[String(p.pattern)];
      return { pointer: at, message: `${words ?? `must match the pattern ${String(p.pattern)}`} (got ${quote(e.data)})` };
    }
    case 'format':
      return { pointer: at, message: `must be a valid ${String(p.format)} (got ${quote(e.data)})` };
    case 'minimum':
      return { pointer: at, message: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { pointer: at, message: `must be at most ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { pointer: at, message: `must be greater than ${String(p.limit)}` };
    case 'exclusiveMaximum':
      return { pointer: at, message: `must be less than ${String(p.limit)}` };
    case 'minItems':
      return { pointer: at, message: `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    case 'maxItems':
    case 'items':
      return { pointer: at, message: `must have at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    case 'minLength':
      return { pointer: at, message: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long` };
    case 'maxLength':
      return { pointer: at, message: `must be at most ${String(p.limit)} characters long` };
    case 'uniqueItems':
      return { pointer: at, message: `must not list the same item twice (items ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))} are equal)` };
    case 'false schema': {
      const container = resolveSchemaPath(root, e.schemaPath.replace(/\/false schema$/, '').replace(/\/properties\/[^/]+$/, ''));
      const why = (container as { description?: unknown } | undefined)?.description;
      const name = at.slice(at.lastIndexOf('/') + 1);
      return { pointer: at, message: typeof why === 'string' ? why : `property '${name}' is not allowed here` };
    }
    default:
      return { pointer: at, message: e.message ?? `fails ${e.keyword}` };
  }
}
