// wdfleak library API (isomorphic: Node and browser). Node-only helpers live in `wdfleak/node`.
export { createIngest, ingestText, ingestBytes } from './ingest/ingest.js';
export type { Ingest, IngestOptions, SourceWriter } from './ingest/ingest.js';
export { createAnalyzer, analyze } from './analyze.js';
export type { Analyzer, AnalyzeOptions, RulePack } from './analyze.js';
export type * from './types/facts.js';
export type * from './types/findings.js';
export type * from './types/signature.js';
export type * from './types/ingest.js';
export { quoteFromText } from './analyze.js';
export { validateFacts, validateReport, validateFinding, validateRules, formatRuleError } from './validate/index.js';
export { parsePooltagTxt } from './ingest/pool/pooltag-txt.js';
export { huntRecipe } from './hunt/recipes.js';
export { deriveDriverTag, driverTag, candidateDriversForTag } from './reference/driver-tag.js';
export { tagFromValue, tagToValue } from './format/pool-tag.js';
export { objectToHandle, handleToObject } from './derive/handles.js';
export { decodeFxObjectBytes, decodeFxObjectDt } from './derive/fxobject.js';
export { growthOf } from './derive/growth.js';
