// `wdfleak writeup <file>`: a Markdown case write-up draft (site frontmatter, symptom, evidence,
// analysis, root cause, fix) from an analysis, to edit and submit as a new case.
import { promises as fsp } from 'node:fs';
import { flag, list, str, UsageError, type OptionSpec } from './args.js';
import { EXIT, type CommandModule } from './command.js';
import { ANALYSIS_OPTIONS, inputFiles, runAnalysis, today } from './analyze.js';
import { fsError, InputError } from '../node/errors.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'title', type: 'string', placeholder: 'text', description: 'title of the case', defaultText: 'driver and title of the top finding' },
  { name: 'author', type: 'string', multiple: true, placeholder: 'name', description: 'author for the frontmatter' },
  { name: 'date', type: 'string', placeholder: 'YYYY-MM-DD', description: 'date for the frontmatter', defaultText: 'today' },
  { name: 'output', short: 'o', type: 'string', placeholder: 'file', description: 'write the draft to this file instead of stdout' },
  { name: 'force', type: 'boolean', description: 'with --output: replace an existing file' },
  ...ANALYSIS_OPTIONS,
];

export const command: CommandModule = {
  help: {
    usage: ['writeup <file|-> [more files] [--title t] [--author name] [-o case.md]'],
    summary: 'a Markdown case write-up draft from an analysis',
    description: [
      'Analyzes the transcript and writes a case draft for the site: frontmatter (title, date, drivers, poolTags, fxTypes, signatures, status: draft, authors, summary) and the sections Symptom, Evidence (the transcript lines that prove each finding), Analysis, Root cause and Fix. HTML comments mark what only you can add. Save it as site/cases/<slug>/case.md next to the transcript.',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak writeup site/cases/acp-workitem-leak/transcript.log --author "Nick Kuo"', 'the ACP case as a draft on stdout'],
      ['wdfleak writeup kd.log -o site/cases/my-leak/case.md', 'straight into a new case folder'],
    ],
    exitCodes: [
      [0, 'wrote the draft'],
      [2, 'usage or input error (bad date, existing --output without --force, unreadable input)'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    const files = inputFiles(args, io, 'writeup');
    const date = str(args, 'date') ?? today();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new UsageError(`--date must be YYYY-MM-DD (got '${date}')`);
    const output = str(args, 'output');
    if (output && !flag(args, 'force')) {
      try {
        await fsp.access(output);
        throw new InputError('exists already (give --force to replace it)', output);
      } catch (err) {
        if (err instanceof InputError) throw err;
      }
    }
    const { report } = await runAnalysis(files, args, io, { withFacts: true });
    const { formatMarkdown } = await import('../report/markdown.js');
    const title = str(args, 'title');
    const authors = list(args, 'author');
    const md = formatMarkdown(report, { date, ...(title ? { title } : {}), authors });
    if (output) {
      try {
        await fsp.writeFile(output, md);
      } catch (err) {
        throw fsError(err, output, 'cannot write');
      }
      if (!io.quiet) io.err(`wdfleak writeup: wrote ${output}\n`);
    } else {
      io.out(md);
    }
    if (!io.quiet && authors.length === 0) io.err("wdfleak writeup: note: add authors (--author) before submitting; the site requires one\n");
    return EXIT.ok;
  },
};
