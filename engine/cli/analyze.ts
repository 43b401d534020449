// `wdfleak analyze <file|-> [more]`: findings for WinDbg text, as text, JSON or a Markdown draft.
import { flag, list, str, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { EXIT, type CommandModule, type Io } from './command.js';
import { createProgress } from './progress.js';
import type { Arch, Severity } from '../types/facts.js';
import type { Report } from '../types/findings.js';
import type { SignatureStatus } from '../types/signature.js';
import { InputError } from '../node/errors.js';
import type { AnalysisOfFiles } from '../node/analyze-files.js';
import { BATCH_OPTIONS, batchMode } from './analyze-batch-options.js';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const ARCHES: readonly Arch[] = ['x64', 'x86', 'arm64'];

/** Options shared by the commands that run an analysis (analyze, writeup, diff). */
export const ANALYSIS_OPTIONS: readonly OptionSpec[] = [
  { name: 'rules', type: 'string', multiple: true, placeholder: 'dir', description: 'also load the signatures in this folder (<slug>.json files, or a rules/ folder with signatures/)' },
  { name: 'rules-only', type: 'boolean', description: 'use only the --rules packs, not the bundled signatures' },
  { name: 'status', type: 'string', values: ['stable', 'test', 'experimental'], description: 'lowest signature maturity to run', defaultText: 'test' },
  { name: 'pooltag', type: 'string', placeholder: 'pooltag.txt', description: "your debugger's pooltag.txt, to name tags the bundled list does not know" },
  { name: 'arch', type: 'string', values: ARCHES, description: 'architecture to assume when the text does not show it' },
];

const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', type: 'string', values: ['text', 'json', 'markdown', 'ndjson'], description: 'output format (a batch: text or ndjson)', defaultText: 'text' },
  { name: 'with-facts', type: 'boolean', description: 'JSON only: include the facts and the derived facts of each subject' },
  { name: 'min-severity', type: 'string', values: SEVERITIES, description: 'hide findings below this severity' },
  { name: 'fail-on', type: 'string', values: [...SEVERITIES, 'none'], description: 'exit 1 when a finding has this severity or higher', defaultText: 'none' },
  ...ANALYSIS_OPTIONS,
  { name: 'no-quotes', type: 'boolean', description: 'do not re-read the inputs to quote evidence lines' },
  ...BATCH_OPTIONS,
];

export const command: CommandModule = {
  help: {
    usage: ['analyze <file|-> [more files] [options]', 'analyze < transcript.log', 'analyze --batch <files or folders> [--jobs n] [--ordered] [--format ndjson]'],
    summary: 'find WDF and pool leaks in WinDbg text',
    description: [
      'Reads WinDbg/KD text (a .logopen log, or output pasted into a file; UTF-8 or UTF-16, any line ending), turns it into facts, runs the leak signatures and prints each finding: what leaks, why it leaks under the WDF lifetime rules, the evidence lines, the debugger commands that confirm it, and the fix. Several files are analyzed together as one case (two !poolused snapshots in two logs show growth). Use - for stdin.',
      'Batch: with --batch, or when an argument is a folder, every file is a case of its own (folders are walked for *.log and *.txt, links not followed), analyzed in parallel worker threads; one line per transcript in completion order (--ordered: input order), then the bucket summary. --format ndjson gives one JSON object per line, the summary last ({"type":"summary"}). A file that cannot be analyzed is an error line; the batch goes on.',
      'Scripts: --format json prints the report (schemas/findings.schema.json) with keys in a fixed order, byte-identical for the same input; --fail-on high makes the exit code say whether a high or critical finding was made.',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak analyze site/cases/acp-workitem-leak/transcript.log', 'the ACP work-item leak: one confirmed finding with evidence and next steps'],
      ['wdfleak analyze test/fixtures/cases/acp-poolused-only.log --format json --fail-on high', 'only !poolused: a suspected work-item leak, as JSON; exit 1 because it is high'],
      ['cat kd.log | wdfleak analyze - --min-severity medium', 'from a pipe, hiding low and info findings'],
      ['wdfleak analyze kd.log --rules ./my-signatures --status experimental', 'with your own signatures, including experimental ones'],
      ['wdfleak analyze test/corpus --format ndjson --ordered', 'every transcript of a folder on its own, in parallel: NDJSON lines, then the bucket summary'],
    ],
  },
  async run(args, io) {
    if (batchMode(args)) return (await import('./analyze-batch.js')).runBatch(args, io);
    const files = inputFiles(args, io, 'analyze');
    const format = str(args, 'format') ?? 'text';
    if (flag(args, 'with-facts') && format !== 'json') throw new UsageError('--with-facts applies to --format json only');
    const { report } = await runAnalysis(files, args, io, { withFacts: flag(args, 'with-facts') || format === 'markdown' });
    if (format === 'json') {
      const { writeJson } = await import('../report/json-stream.js');
      await writeJson(report, io.write);
    } else if (format === 'markdown') {
      const { formatMarkdown } = await import('../report/markdown.js');
      const md = formatMarkdown(report, { date: today() });
      io.out(md);
    } else {
      const { formatText } = await import('../report/text.js');
      io.out(formatText(report, { style: io.style, verbose: io.verbose, width: textWidth() }));
    }
    return exitFor(report, str(args, 'fail-on'));
  },
};

/** Positional inputs; with none and a pipe on stdin, stdin. */
export function inputFiles(args: ParsedArgs, io: Io, name: string): string[] {
  if (args.positionals.includes('-') && io.stdinIsTTY && !io.quiet) {
    io.err('wdfleak: reading the log from the terminal: paste it, then press Ctrl-D (Ctrl-Z Enter on Windows)\n');
  }
  if (args.positionals.length) return args.positionals;
  if (!io.stdinIsTTY) return ['-'];
  throw new UsageError(`${name} needs a file to read (or - for stdin)`);
}

export interface RunAnalysisExtra {
  withFacts?: boolean;
}

/** Read the inputs with a progress bar, load the rule pack, analyze, quote the evidence. */
export async function runAnalysis(files: readonly string[], args: ParsedArgs, io: Io, extra: RunAnalysisExtra = {}): Promise<AnalysisOfFiles> {
  const { analyzeFilesDetailed } = await import('../node/analyze-files.js');
  const progress = createProgress(process.stderr, io.progress);
  try {
    const arch = str(args, 'arch') as Arch | undefined;
    const status = str(args, 'status') as Exclude<SignatureStatus, 'deprecated'> | undefined;
    const minSeverity = str(args, 'min-severity') as Severity | undefined;
    const pooltag = str(args, 'pooltag');
    const result = await analyzeFilesDetailed(files, {
      rules: list(args, 'rules'),
      rulesOnly: flag(args, 'rules-only'),
      onReplace: (id, _bundled, replacement) => {
        if (io.verbose) io.err(`wdfleak: note: ${id} from ${replacement} replaces the bundled signature\n`);
      },
      ...(arch ? { arch } : {}),
      ...(status ? { status } : {}),
      ...(minSeverity ? { minSeverity } : {}),
      ...(pooltag ? { pooltag } : {}),
      withFacts: extra.withFacts === true,
      quotes: !flag(args, 'no-quotes'),
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    requireDebuggerOutput(result, io);
    return result;
  } finally {
    progress.done();
  }
}

/**
 * Input without a single command block wdfleak parsed is an input error (wrong file, binary, empty). The
 * decision reads the counts in `stats`: the block listing stops at BLOCKS_LISTED, so a source past it is
 * not named empty.
 */
export function requireDebuggerOutput(result: Pick<AnalysisOfFiles, 'facts' | 'inputs'>, io: Io): void {
  const { stats } = result.facts;
  const parsed = new Set(result.facts.blocks.filter((b) => b.parsed).map((b) => b.source));
  const empty = result.facts.blocks.length === stats.blocks ? result.inputs.filter((i) => !parsed.has(i.name)) : [];
  if (stats.blocks === stats.unparsedBlocks) {
    const first = result.inputs[0]!;
    const blocks = result.facts.blocks.filter((b) => b.source === first.name).length;
    throw new InputError(
      `no WinDbg output that wdfleak reads (${plural(first.lines, 'line')}, ${plural(blocks, 'command block')}, none parsed); expected a log with commands such as '0: kd> !poolused 2' and their output`,
      first.name,
    );
  }
  if (!io.quiet) {
    for (const e of empty) io.err(`wdfleak: warning: ${e.name}: no WinDbg output that wdfleak reads (${plural(e.lines, 'line')})\n`);
  }
}

/** `1 line`, `2 lines`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function exitFor(report: Report, failOn: string | undefined): number {
  if (!failOn || failOn === 'none') return EXIT.ok;
  const limit = SEVERITIES.indexOf(failOn as Severity);
  return report.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit) ? EXIT.findings : EXIT.ok;
}

export function today(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function textWidth(): number {
  const cols = process.stdout.columns;
  return cols && cols > 40 ? Math.min(cols, 110) : 96;
}
