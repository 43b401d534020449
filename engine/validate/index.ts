// Validation of wdfleak documents: facts, reports and findings, and the rules tree.
export { builtinSchemas, compileSchemas, FACTS_SCHEMA_ID, FINDINGS_SCHEMA_ID, SIGNATURE_SCHEMA_ID } from './schemas.js';
export type { CompiledSchema, SchemaDoc, SchemaSet } from './schemas.js';
export { isFactsDocument, validateFacts } from './validate-facts.js';
export { isFinding, isReport, validateFinding, validateReport } from './validate-findings.js';
export { validateRules } from './validate-rules.js';
export type { RuleFileRecord, ValidateRulesInput } from './validate-rules.js';
export type { ReferenceTables } from './reference-tables.js';
export { formatRuleError, formatSchemaError } from './messages.js';
export type { RuleError, SchemaError } from './messages.js';
export { findJsonSyntaxError } from './json-syntax.js';
export type { JsonSyntaxError } from './json-syntax.js';
