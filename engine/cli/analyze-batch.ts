// `wdfleak analyze --batch <files or folders>`: every transcript a case of its own, analyzed in worker
// threads; one line per transcript as it completes (or in input order with --ordered), then the
// bucket summary. Nothing but the summary is kept, so a batch of any size runs in bounded memory.
import { flag, list, str, UsageError, type ParsedArgs } from './args.js';
import { EXIT, type Io } from './command.js';
import { SEVERITIES } from './analyze.js';
import type { Arch, Severity } from '../types/facts.js';
import type { BatchRecord } from '../types/batch.js';
import type { SignatureStatus } from '../types/signature.js';
import { InputError } from '../node/errors.js';
import { DEFAULT_MAX_FILES, transcriptFiles } from '../node/transcript-files.js';

/** Links reported one by one on stderr before the rest are only counted. */
const LINKS_SHOWN = 10;

export async function runBatch(args: ParsedArgs, io: Io): Promise<number> {
  const format = str(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'ndjson') throw new UsageError(`a batch prints text or ndjson, not ${format} (one report per transcript: run analyze on that file)`);
  if (flag(args, 'with-facts')) throw new UsageError('--with-facts does not apply to a batch (analyze one file with --format json --with-facts)');
  if (args.positionals.length === 0) throw new UsageError('analyze --batch needs files or folders');
  if (args.positionals.includes('-')) throw new UsageError('a batch reads files and folders, not stdin (-)');
  const jobs = count(args, 'jobs');
  const { files, problems, links } = transcriptFiles(args.positionals, count(args, 'max-files') ?? DEFAULT_MAX_FILES);
  if (files.length === 0 && problems.length === 0) {
    throw new InputError('no transcripts (*.log or *.txt) here', args.positionals.join(' '));
  }
  if (!io.quiet) {
    for (const l of links.slice(0, LINKS_SHOWN)) io.err(`wdfleak: note: ${l}: a symbolic link, not followed\n`);
    if (links.length > LINKS_SHOWN) io.err(`wdfleak: note: ${links.length - LINKS_SHOWN} more symbolic links not followed\n`);
  }

  const [{ loadRulePack }, { loadPooltagFile }, { analyzeBatch }, { batchError }, { createBucketSummary }, { formatBatchLine, formatBucketSummary }, { stableStringify }] =
    await Promise.all([
      import('../node/rule-pack.js'),
      import('../node/analyze-files.js'),
      import('../node/batch.js'),
      import('../node/batch-map.js'),
      import('../report/bucket-summary.js'),
      import('../report/batch-text.js'),
      import('../report/json.js'),
    ]);
  const pack = await loadRulePack({
    rules: list(args, 'rules'),
    rulesOnly: flag(args, 'rules-only'),
    onReplace: (id, _bundled, replacement) => {
      if (io.verbose) io.err(`wdfleak: note: ${id} from ${replacement} replaces the bundled signature\n`);
    },
  });
  const pooltag = str(args, 'pooltag');
  const poolTags = pooltag ? await loadPooltagFile(pooltag) : undefined;

  const failOn = str(args, 'fail-on');
  const limit = failOn && failOn !== 'none' ? SEVERITIES.indexOf(failOn as Severity) : -1;
  const seen = { failing: false, internal: false, input: false };
  const summary = createBucketSummary();
  const emit = async (r: BatchRecord): Promise<void> => {
    summary.add(r);
    if (r.status === 'error') seen[r.error.kind] = true;
    else if (r.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit)) seen.failing = true;
    await io.write(format === 'ndjson' ? stableStringify(r) + '\n' : formatBatchLine(r, io.style));
  };

  for (const p of problems) await emit(batchError(p.file ?? '', 'input', p.message, 0));
  const records = analyzeBatch(files, {
    pack,
    ordered: flag(args, 'ordered'),
    ...(jobs ? { jobs } : {}),
    ...optional('status', str(args, 'status') as Exclude<SignatureStatus, 'deprecated'> | undefined),
    ...optional('minSeverity', str(args, 'min-severity') as Severity | undefined),
    ...optional('arch', str(args, 'arch') as Arch | undefined),
    ...optional('poolTags', poolTags),
  });
  for await (const r of records) await emit(r);

  const result = summary.result();
  await io.write(format === 'ndjson' ? stableStringify(result) + '\n' : '\n' + formatBucketSummary(result, io.style));
  // One code for the batch: a finding at --fail-on first (what a gate asks), then the worst error.
  if (seen.failing) return EXIT.findings;
  if (seen.internal) return EXIT.internal;
  if (seen.input) return EXIT.usage;
  return EXIT.ok;
}

function count(args: ParsedArgs, name: string): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} needs a whole number of at least 1 (got '${v}')`);
  return n;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
