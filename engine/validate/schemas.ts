// The JSON Schemas under schemas/, compiled once with ajv (draft 2020-12, strict, all errors).
// Pure: the caller hands in the schema documents (the Node layer reads schemas/*.schema.json; the
// built-in set bundles the three the engine itself needs, so validation also works in a browser).
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';
import factsSchema from '../../schemas/facts.schema.json' with { type: 'json' };
import factPathsSchema from '../../schemas/fact-paths.schema.json' with { type: 'json' };
import findingsSchema from '../../schemas/findings.schema.json' with { type: 'json' };
import signatureSchema from '../../schemas/signature.schema.json' with { type: 'json' };
import type { RuleError } from './messages.js';

/** A schema document and where it lives, relative to the repository (`schemas/facts.schema.json`). */
export interface SchemaDoc {
  path: string;
  schema: unknown;
}

export interface CompiledSchema {
  path: string;
  id: string;
  schema: object;
  validate: ValidateFunction;
}

export interface SchemaSet {
  /** Compiled schemas by repository path. */
  readonly byPath: ReadonlyMap<string, CompiledSchema>;
  /** Compiled schemas by `$id`. */
  readonly byId: ReadonlyMap<string, CompiledSchema>;
  /** Schema documents that failed to compile (strict-mode violations, broken `$ref`s …). */
  readonly errors: readonly RuleError[];
  /** A validator for a fragment, e.g. `https://wdfleak.dev/schemas/findings.schema.json#/$defs/Finding`. */
  fragment(ref: string): ValidateFunction | undefined;
}

/** `$id` base of the project's schemas; a schema without `$id` is registered as BASE + file name. */
export const SCHEMA_BASE = 'https://wdfleak.dev/schemas/';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS: its function is the module itself or its `default`, depending on the loader.
const addFormats: FormatsPlugin = ((formats as unknown as { default?: FormatsPlugin }).default ?? formats) as FormatsPlugin;

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
  addFormats(ajv);
  return ajv;
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Compiles every document; one that does not compile becomes an error naming its file. */
export function compileSchemas(docs: readonly SchemaDoc[]): SchemaSet {
  const ajv = newAjv();
  const errors: RuleError[] = [];
  const added: Array<{ path: string; id: string; schema: object }> = [];
  for (const doc of docs) {
    if (doc.schema === null || typeof doc.schema !== 'object' || Array.isArray(doc.schema)) {
      errors.push({ file: doc.path, pointer: '', message: 'a schema must be a JSON object' });
      continue;
    }
    const schema = doc.schema as AnySchemaObject;
    const id = typeof schema.$id === 'string' ? schema.$id : SCHEMA_BASE + baseName(doc.path);
    try {
      ajv.addSchema(schema, typeof schema.$id === 'string' ? undefined : id);
      added.push({ path: doc.path, id, schema });
    } catch (e) {
      errors.push({ file: doc.path, pointer: '', message: `schema is not valid: ${(e as Error).message}` });
    }
  }
  const byPath = new Map<string, CompiledSchema>();
  const byId = new Map<string, CompiledSchema>();
  for (const a of added) {
    try {
      const validate = ajv.getSchema(a.id);
      if (!validate) throw new Error(`no schema registered as ${a.id}`);
      const compiled: CompiledSchema = { ...a, validate };
      byPath.set(a.path, compiled);
      byId.set(a.id, compiled);
    } catch (e) {
      errors.push({ file: a.path, pointer: '', message: `schema does not compile: ${(e as Error).message}` });
    }
  }
  return {
    byPath,
    byId,
    errors,
    fragment(ref) {
      try {
        return ajv.getSchema(ref);
      } catch {
        return undefined;
      }
    },
  };
}

export const FACTS_SCHEMA_ID = `${SCHEMA_BASE}facts.schema.json`;
export const FINDINGS_SCHEMA_ID = `${SCHEMA_BASE}findings.schema.json`;
export const SIGNATURE_SCHEMA_ID = `${SCHEMA_BASE}signature.schema.json`;

let builtin: SchemaSet | undefined;

/** The facts, findings and signature schemas (with the fact paths the latter refers to) bundled with the engine, compiled on first use. */
export function builtinSchemas(): SchemaSet {
  builtin ??= compileSchemas([
    { path: 'schemas/facts.schema.json', schema: factsSchema },
    { path: 'schemas/findings.schema.json', schema: findingsSchema },
    { path: 'schemas/signature.schema.json', schema: signatureSchema },
    { path: 'schemas/fact-paths.schema.json', schema: factPathsSchema },
  ]);
  return builtin;
}
