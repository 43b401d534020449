// wdfleak library API (isomorphic: Node and browser). Node-only helpers live in `wdfleak/node`.
export { createIngest, ingestText, ingestBytes } from './ingest/ingest.js';
export type { Ingest, IngestOptions, SourceWriter } from './ingest/ingest.js';
export { createAnalyzer, analyze } from './analyze.js';
export type { Analyzer, AnalyzeOptions, RulePack } from './analyze.js';
export type * from './types/facts.js';
export type * from './types/findings.js';
export type * from './types/signature.js';
export type * from './types/ingest.js';
