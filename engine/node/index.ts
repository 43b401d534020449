// wdfleak/node: the library for Node scripts — read logs from disk or stdin, load rule packs, analyze,
// quote evidence, run signature fixtures, validate a rules tree. The isomorphic API is `wdfleak`.
export { analyzeFiles, analyzeFilesDetailed, loadPooltagFile } from './analyze-files.js';
export type { AnalyzeFilesOptions, AnalysisOfFiles } from './analyze-files.js';
export { factsOfFiles, readFacts } from './facts-of-files.js';
export type { FactsOfFiles, ReadFactsOptions } from './facts-of-files.js';
export { readInto, STDIN_NAME, CHUNK_BYTES } from './read-input.js';
export type { ReadOptions, ReadProgress, ReadResult } from './read-input.js';
export { loadRulePack, bundledSignaturesDir, readSignatureFile } from './rule-pack.js';
export type { LoadRulePackOptions, LoadedRulePack } from './rule-pack.js';
export { quoteEvidence, readLines } from './quote.js';
export { runFixtures, fixturesOf, subsetMismatch } from './run-fixtures.js';
export type { FixtureResult, RunFixturesOptions } from './run-fixtures.js';
export { validateRulesDir } from './validate-rules-dir.js';
export { packageRoot, packageVersion } from './package-root.js';
export { InputError } from './errors.js';
export { loadCorpus, runCorpus } from './corpus.js';
export type { CorpusFile, CorpusResult, LoadedCorpus } from './corpus.js';
export { scoreboard, regressions, scoreTranscript } from '../corpus/score.js';
export type { CorpusEntry, CorpusRecord, Scoreboard } from '../corpus/score.js';
export { analyzeBatch, defaultJobs } from './batch.js';
export type { BatchOptions } from './batch.js';
export { createBatchMapper } from './batch-map.js';
export type { BatchMapper, BatchMapOptions } from './batch-map.js';
export { transcriptFiles, DEFAULT_MAX_FILES } from './transcript-files.js';
export type { TranscriptFiles } from './transcript-files.js';
