// Checks a report, or one finding, against findings.schema.json.
import type { Finding, Report } from '../types/findings.js';
import { translateAjvErrors, type SchemaError } from './messages.js';
import { builtinSchemas, FINDINGS_SCHEMA_ID, type SchemaSet } from './schemas.js';

/** Errors of `report` against findings.schema.json (its `facts`, when present, against facts.schema.json). */
export function validateReport(report: unknown, schemas: SchemaSet = builtinSchemas()): SchemaError[] {
  const compiled = schemas.byId.get(FINDINGS_SCHEMA_ID);
  if (!compiled) return [{ pointer: '', message: 'findings.schema.json is not available' }];
  return compiled.validate(report) ? [] : translateAjvErrors(compiled.validate.errors, compiled.schema);
}

/** Errors of one finding against `#/$defs/Finding`. */
export function validateFinding(finding: unknown, schemas: SchemaSet = builtinSchemas()): SchemaError[] {
  const compiled = schemas.byId.get(FINDINGS_SCHEMA_ID);
  const validate = schemas.fragment(`${FINDINGS_SCHEMA_ID}#/$defs/Finding`);
  if (!compiled || !validate) return [{ pointer: '', message: 'findings.schema.json is not available' }];
  return validate(finding) ? [] : translateAjvErrors(validate.errors, compiled.schema);
}

export function isReport(report: unknown, schemas?: SchemaSet): report is Report {
  return validateReport(report, schemas).length === 0;
}

export function isFinding(finding: unknown, schemas?: SchemaSet): finding is Finding {
  return validateFinding(finding, schemas).length === 0;
}
