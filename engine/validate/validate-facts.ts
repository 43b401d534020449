// Checks a facts document (from ingest, or a facts JSON handed to `analyze`) against facts.schema.json.
import type { FactsDocument } from '../types/facts.js';
import { translateAjvErrors, type SchemaError } from './messages.js';
import { builtinSchemas, FACTS_SCHEMA_ID, type SchemaSet } from './schemas.js';

/** Errors of `doc` against facts.schema.json; empty when it is a valid FactsDocument. */
export function validateFacts(doc: unknown, schemas: SchemaSet = builtinSchemas()): SchemaError[] {
  const compiled = schemas.byId.get(FACTS_SCHEMA_ID);
  if (!compiled) return [{ pointer: '', message: 'facts.schema.json is not available' }];
  return compiled.validate(doc) ? [] : translateAjvErrors(compiled.validate.errors, compiled.schema);
}

export function isFactsDocument(doc: unknown, schemas?: SchemaSet): doc is FactsDocument {
  return validateFacts(doc, schemas).length === 0;
}
