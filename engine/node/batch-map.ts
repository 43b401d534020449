// The map step of a batch: one transcript file → one BatchRecord. The rule engines are built once
// per mapper; a transcript that cannot be read or holds no debugger output becomes an error record
// naming the problem, never an exception, so one bad file does not stop a batch. A distributed run
// (one task per transcript) calls this same function.
import type { Arch, PoolTagDefinition, Severity } from '../types/facts.js';
import type { BatchError, BatchRecord } from '../types/batch.js';
import type { SignatureStatus } from '../types/signature.js';
import { createAnalyzer, type AnalyzeOptions, type RulePack } from '../analyze.js';
import { batchRecord } from '../report/batch-record.js';
import { InputError } from './errors.js';
import { readFacts } from './facts-of-files.js';

export interface BatchMapOptions {
  status?: Exclude<SignatureStatus, 'deprecated'>;
  minSeverity?: Severity;
  arch?: Arch;
  poolTags?: readonly PoolTagDefinition[];
}

export type BatchMapper = (file: string) => Promise<BatchRecord>;

export function createBatchMapper(pack: RulePack, options: BatchMapOptions = {}): BatchMapper {
  const analyzer = createAnalyzer(pack);
  const analyzeOptions: AnalyzeOptions = {};
  if (options.status) analyzeOptions.status = options.status;
  if (options.minSeverity) analyzeOptions.minSeverity = options.minSeverity;
  if (options.arch) analyzeOptions.arch = options.arch;
  if (options.poolTags) analyzeOptions.poolTags = options.poolTags;
  return async (file) => {
    const t0 = performance.now();
    const ms = (): number => Math.round(performance.now() - t0);
    try {
      const { facts, inputs } = await readFacts([file], options.arch ? { arch: options.arch } : {});
      const input = inputs[0]!;
      // Counted in stats: the block listing stops at BLOCKS_LISTED.
      if (facts.stats.blocks === facts.stats.unparsedBlocks) {
        const lines = `${input.lines} line${input.lines === 1 ? '' : 's'}`;
        return batchError(file, 'input', `no WinDbg output that wdfleak reads (${lines}, ${facts.stats.blocks} command blocks, none parsed)`, ms());
      }
      const report = await analyzer.run(facts, analyzeOptions);
      return batchRecord({ file, bytes: input.bytes, lines: input.lines, ms: ms() }, report);
    } catch (err) {
      if (err instanceof InputError) return batchError(file, 'input', err.message, ms());
      return batchError(file, 'internal', err instanceof Error ? err.message : String(err), ms());
    }
  };
}

export function batchError(file: string, kind: BatchError['error']['kind'], message: string, ms: number): BatchError {
  return { type: 'transcript', file, status: 'error', error: { kind, message }, ms };
}
