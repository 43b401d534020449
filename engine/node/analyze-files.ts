// Files → facts → report, for the CLI and for scripts (`wdfleak/node`). Every input of one call goes
// into one facts document, so two logs of the same machine are compared as two snapshots.
import { promises as fsp } from 'node:fs';
import type { PoolTagDefinition } from '../types/facts.js';
import type { Report } from '../types/findings.js';
import { createAnalyzer, type AnalyzeOptions, type RulePack } from '../analyze.js';
import { fsError, InputError } from './errors.js';
import type { ReadOptions } from './read-input.js';
import { readFacts, type FactsOfFiles } from './facts-of-files.js';
import { loadRulePack, type LoadRulePackOptions } from './rule-pack.js';
import { quoteEvidence } from './quote.js';

/** A user's pooltag.txt, parsed by the ingest layer's pooltag.txt parser. */
export async function loadPooltagFile(file: string): Promise<PoolTagDefinition[]> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    throw fsError(err, file);
  }
  const { parsePooltagTxt } = await import('../ingest/pool/pooltag-txt.js');
  const parsed = parsePooltagTxt(text, file);
  if (parsed.tags.length === 0) {
    const d = parsed.diagnostics[0];
    throw new InputError(`not a pooltag.txt: no \`Tag - binary - description\` lines${d ? ` (line ${d.line}: ${d.message})` : ''}`, file, d?.line);
  }
  return parsed.tags;
}

/** stdin kept for quotes up to this size; larger pipes get line numbers only. */
const RETAIN_STDIN = 64 * 1024 * 1024;

export interface AnalyzeFilesOptions extends Omit<AnalyzeOptions, 'quote'>, ReadOptions, LoadRulePackOptions {
  /** A rule pack already loaded (else the bundled one plus `rules`). */
  pack?: RulePack;
  /** A pooltag.txt to name tags with. */
  pooltag?: string;
  /** Quote evidence lines from the inputs (default true). */
  quotes?: boolean;
}

export interface AnalysisOfFiles extends FactsOfFiles {
  report: Report;
}

/** Analyze transcripts on disk (or `-` for stdin) and return the report with its facts and inputs. */
export async function analyzeFilesDetailed(files: readonly string[], options: AnalyzeFilesOptions = {}): Promise<AnalysisOfFiles> {
  const pack = options.pack ?? (await loadRulePack(options));
  const poolTags = options.pooltag ? await loadPooltagFile(options.pooltag) : options.poolTags;
  const { facts, inputs } = await readFacts(files, { retainStdin: options.quotes === false ? 0 : RETAIN_STDIN, ...options });
  const analyzeOptions: AnalyzeOptions = {};
  if (options.status) analyzeOptions.status = options.status;
  if (options.minSeverity) analyzeOptions.minSeverity = options.minSeverity;
  if (options.arch) analyzeOptions.arch = options.arch;
  if (poolTags) analyzeOptions.poolTags = poolTags;
  if (options.withFacts) analyzeOptions.withFacts = true;
  const report = await createAnalyzer(pack).run(facts, analyzeOptions);
  if (options.quotes !== false) await quoteEvidence(report, inputs);
  return { report, facts, inputs };
}

export async function analyzeFiles(files: readonly string[], options: AnalyzeFilesOptions = {}): Promise<Report> {
  return (await analyzeFilesDetailed(files, options)).report;
}
