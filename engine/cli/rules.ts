// `wdfleak rules list|show|validate|test`: the signature library — what it holds, one signature in
// words, the schema and structure check, and every signature run against its own fixtures.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../node/errors.js';
import { flag, str, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { EXIT, type CommandModule, type Io } from './command.js';
import { findSignature, loadPack } from './signature-pack.js';
import type { SignatureStatus, SubjectKind } from '../types/signature.js';
import { SUBJECT_SOURCES } from '../signatures/subject-sources.js';

// One list of subject kinds: the table that says what produces each (typed as a Record over every kind).
const SUBJECT_KINDS = Object.keys(SUBJECT_SOURCES) as SubjectKind[];

const OPTIONS: readonly OptionSpec[] = [
  { name: 'rules', type: 'string', multiple: true, placeholder: 'dir', description: 'also load the signatures in this folder' },
  { name: 'rules-only', type: 'boolean', description: 'use only the --rules packs, not the bundled signatures' },
  { name: 'status', type: 'string', values: ['stable', 'test', 'experimental', 'deprecated'], description: 'list: only signatures with this status' },
  { name: 'format', short: 'f', type: 'string', values: ['text', 'json'], description: 'list, show, test, diff and facts: output format', defaultText: 'text' },
  { name: 'explain', type: 'boolean', description: 'test: print the condition tree of every fixture, with the value each leaf read (a failing fixture prints it anyway)' },
  { name: 'subject', type: 'string', values: SUBJECT_KINDS, description: 'facts: only the facts of this subject kind' },
  { name: 'root', type: 'string', placeholder: 'dir', description: 'validate: the folder holding rules/ and schemas/', defaultText: 'the wdfleak package' },
  { name: 'against', type: 'string', placeholder: 'dir', description: 'diff: the base signatures are this folder (instead of a git ref)' },
  { name: 'corpus', type: 'string', placeholder: 'dir', description: 'diff: the real-transcript corpus', defaultText: 'test/corpus' },
];

const SUBCOMMANDS = ['list', 'show', 'validate', 'test', 'diff', 'facts'] as const;

export const command: CommandModule = {
  help: {
    usage: ['rules list [--status s]', 'rules show <id|slug>', 'rules validate [files or folders]', 'rules test [id|slug ...] [--explain]', 'rules diff <base-ref> | --against <rules dir>', 'rules facts [--subject kind]'],
    summary: 'list, show, validate, test and diff the leak signatures; list the facts they can read',
    description: [
      'list: every signature with its id, status, severity and subject. show: one signature in words: what it recognises, its conditions, the evidence that raises the confidence, next steps, fix, references and fixtures. validate: every rule file against its JSON schema and the checks a schema cannot make (unique ids and slugs, doc page and fixtures present, FX types and APIs that exist, facts, paths, placeholders and subject kinds that the fact catalogue lists); one line per problem with the file, the JSON pointer and the nearest valid name. test: runs each signature on its fixtures: every positive transcript must give a finding of it, every negative one no finding above info. A failing fixture is followed by the condition tree of the signature on each subject of the fixture, with the value each leaf read (as explain --signature prints it); --explain prints it for every fixture. diff: analyzes the real-transcript corpus with the signatures of a git ref (or of a folder) and with the working ones, and prints per transcript the findings that appear (+), disappear (-) or change (~: severity, confidence, bucket, subject), then a one-line summary; the base signatures run on the working engine and reference data. facts: the fact catalogue, every fact and path a signature can read per subject kind, with its type, a real example value, its meaning and the debugger command that produces it (rules/reference/fact-catalogue.json).',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak rules list', 'the bundled signatures'],
      ['wdfleak rules show workitem-created-in-dpc', 'the ACP work-item signature in words'],
      ['wdfleak rules validate', 'check rules/ and schemas/ (CI runs this)'],
      ['wdfleak rules validate rules/signatures/workitem-created-in-dpc.json', 'only the problems of one signature (cross-file checks still see the whole tree)'],
      ['wdfleak rules test --rules ./my-signatures', 'run the fixtures of your own signatures too'],
      ['wdfleak rules test iowi-tracks-driver-tag --explain', "one signature's fixtures, each with the value every condition read"],
      ['wdfleak rules diff origin/main', 'what your rules change does to the findings on the real-transcript corpus (paste it into the PR)'],
      ['wdfleak rules facts --subject tag', 'what a signature on a pool tag can read'],
    ],
    exitCodes: [
      [0, 'done; validate: no problem; test: every fixture passed'],
      [1, 'test: a fixture failed'],
      [2, 'usage or input error (unknown signature, unreadable rule file); validate: problems found in the rule files'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (!sub) throw new UsageError(`rules needs a subcommand: ${SUBCOMMANDS.join(', ')}`);
    switch (sub) {
      case 'list':
        if (rest.length) throw new UsageError(`rules list takes no arguments (got '${rest[0]}')`);
        return listRules(args, io);
      case 'show':
        if (rest.length !== 1) throw new UsageError('rules show needs one signature id or slug, e.g. rules show WDFLEAK-0001');
        return showRule(rest[0]!, args, io);
      case 'validate':
        return validateRules(rest, str(args, 'root'), io);
      case 'test':
        return testRules(rest, args, io);
      case 'diff':
        return (await import('./rules-diff.js')).runRulesDiff(rest, args, io);
      case 'facts':
        if (rest.length) throw new UsageError(`rules facts takes no arguments (got '${rest[0]}'); use --subject <kind>`);
        return listFacts(args, io);
      default:
        throw new UsageError(`unknown rules subcommand '${sub}'; use ${SUBCOMMANDS.join(', ')}`);
    }
  },
};

function shownPath(io: Io, file: string): string {
  const rel = relative(io.cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

async function listRules(args: ParsedArgs, io: Io): Promise<number> {
  const pack = await loadPack(args, io);
  const status = str(args, 'status') as SignatureStatus | undefined;
  const sigs = pack.signatures.filter((s) => !status || s.status === status);
  if (str(args, 'format') === 'json') {
    const { formatJson } = await import('../report/json.js');
    io.out(
      formatJson(
        sigs.map((s) => ({ id: s.id, slug: s.slug, title: s.title, status: s.status, severity: s.severity, subject: s.subject, file: shownPath(io, pack.files.get(s.id)!) })),
      ),
    );
    return EXIT.ok;
  }
  const st = io.style;
  const rows = sigs.map((s) => [s.id, s.status, s.severity, s.subject, s.slug, s.title]);
  const head = ['ID', 'STATUS', 'SEVERITY', 'SUBJECT', 'SLUG', 'TITLE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [st.dim(line(head)), ...rows.map(line)];
  out.push(st.dim(`${sigs.length} signature${sigs.length === 1 ? '' : 's'}${status ? ` with status ${status}` : ''}`));
  io.out(out.join('\n') + '\n');
  return EXIT.ok;
}

async function showRule(key: string, args: ParsedArgs, io: Io): Promise<number> {
  const pack = await loadPack(args, io);
  const sig = findSignature(pack, key);
  const file = pack.files.get(sig.id)!;
  const { fixturesOf } = await import('../node/run-fixtures.js');
  const fx = await fixturesOf(file, sig.slug);
  const fixtures = { positive: fx.positive.map((f) => shownPath(io, f)), negative: fx.negative.map((f) => shownPath(io, f)) };
  if (str(args, 'format') === 'json') {
    const { formatJson } = await import('../report/json.js');
    io.out(formatJson({ file: shownPath(io, file), fixtures, signature: sig }));
    return EXIT.ok;
  }
  const { formatSignature } = await import('../report/signature.js');
  io.out(formatSignature({ signature: sig, file: shownPath(io, file), fixtures }, io.style));
  return EXIT.ok;
}

async function validateRules(paths: string[], rootArg: string | undefined, io: Io): Promise<number> {
  const [{ validateRulesDir }, { packageRoot }] = await Promise.all([import('../node/validate-rules-dir.js'), import('../node/package-root.js')]);
  const root = rootArg ? resolve(io.cwd, rootArg) : packageRoot();
  if (rootArg && !existsSync(join(root, 'rules'))) throw new InputError('no rules/ folder here (expected the folder that holds rules/ and schemas/)', rootArg);
  const errors = await validateRulesDir(root, paths.length ? paths : undefined, { cwd: io.cwd });
  const st = io.style;
  for (const e of errors) {
    io.out(`${st.red('✗')} ${e.file}${e.pointer ? ` ${st.dim(e.pointer)}` : ''}: ${e.message}\n`);
  }
  if (errors.length) {
    io.out(st.red(`${errors.length} problem${errors.length === 1 ? '' : 's'}\n`));
    // A rule pack that cannot be used is an input error, the code `analyze --rules <bad pack>` gives.
    return EXIT.usage;
  }
  io.out(st.green(`✓ rules valid${paths.length ? ` (${paths.join(', ')})` : ''}\n`));
  return EXIT.ok;
}

async function testRules(only: string[], args: ParsedArgs, io: Io): Promise<number> {
  const pack = await loadPack(args, io);
  for (const key of only) findSignature(pack, key);
  const [{ runFixtures }, { explanationLines }] = await Promise.all([import('../node/run-fixtures.js'), import('../report/why-not.js')]);
  const json = str(args, 'format') === 'json';
  const st = io.style;
  const results = await runFixtures(pack, {
    only: only.map((k) => findSignature(pack, k).id),
    base: io.cwd,
    explain: flag(args, 'explain'),
    onResult: (r) => {
      if (json) return;
      const mark = r.ok ? st.green('ok  ') : st.red('FAIL');
      io.out(`${mark} ${r.signature} ${r.slug} ${r.kind}  ${st.dim(r.file)}${r.ok ? st.dim(`  ${r.message}`) : `\n       ${r.message}`}\n`);
      if (r.explanation) io.out(['', ...explanationLines(r.explanation, st, '       '), ''].join('\n') + '\n');
    },
  });
  const failed = results.filter((r) => !r.ok).length;
  if (json) {
    const { formatJson } = await import('../report/json.js');
    io.out(formatJson({ passed: results.length - failed, failed, results }));
  } else {
    const sigs = new Set(results.map((r) => r.signature)).size;
    io.out((failed ? st.red : st.green)(`${results.length - failed} passed, ${failed} failed (${sigs} signature${sigs === 1 ? '' : 's'})`) + '\n');
  }
  return failed ? EXIT.findings : EXIT.ok;
}

async function listFacts(args: ParsedArgs, io: Io): Promise<number> {
  const { catalogueEntries } = await import('../reference/fact-catalogue.js');
  const subject = str(args, 'subject') as SubjectKind | undefined;
  const entries = catalogueEntries().filter((e) => !subject || e.subject === subject);
  if (str(args, 'format') === 'json') {
    const { formatJson } = await import('../report/json.js');
    io.out(formatJson(entries));
    return EXIT.ok;
  }
  const { formatFactCatalogue } = await import('../report/fact-catalogue.js');
  io.out(formatFactCatalogue(entries, io.style));
  return EXIT.ok;
}
