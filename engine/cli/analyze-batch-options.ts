// The options of `wdfleak analyze` that make and shape a batch, and the test for batch mode: kept out
// of analyze.ts so the single-case path stays as it is, and out of analyze-batch.ts so a single case
// does not load the batch machinery.
import { flag, str, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { isFolder } from '../node/transcript-files.js';

export const BATCH_OPTIONS: readonly OptionSpec[] = [
  { name: 'batch', type: 'boolean', description: 'analyze each file on its own (implied when an argument is a folder), in parallel' },
  { name: 'jobs', short: 'j', type: 'string', placeholder: 'n', description: 'batch: worker threads', defaultText: 'the available cores' },
  { name: 'ordered', type: 'boolean', description: 'batch: print transcripts in input order (folders in name order), not as they complete' },
  { name: 'max-files', type: 'string', placeholder: 'n', description: 'batch: refuse folders holding more transcripts than this', defaultText: '10000' },
];

const ONLY_BATCH = ['jobs', 'ordered', 'max-files'];

/** --batch, or a folder among the arguments; batch-only options without either are a usage error. */
export function batchMode(args: ParsedArgs): boolean {
  if (flag(args, 'batch') || args.positionals.some((p) => p !== '-' && isFolder(p))) return true;
  const stray = ONLY_BATCH.find((o) => args.options[o] !== undefined);
  if (stray) throw new UsageError(`--${stray} applies to a batch: add --batch or give a folder`);
  if (str(args, 'format') === 'ndjson') throw new UsageError('--format ndjson is the batch format: add --batch or give a folder');
  return false;
}
