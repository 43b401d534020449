// wdfleak command line: dispatch to one module per command, loaded lazily so that startup stays
// fast (`wdfleak analyze` on a small log in well under 300 ms). Exit codes: 0 ok, 1 findings at or
// above --fail-on (or a failed check), 2 usage or input error, 3 internal error.
import { GLOBAL_OPTIONS, parseArgs, UsageError, distance, type ParsedArgs } from './args.js';
import { EXIT, renderHelp, type CommandModule, type Io } from './command.js';
import { styleFor } from './color.js';
import { InputError } from '../node/errors.js';
import { packageVersion } from '../node/package-root.js';

interface Entry {
  summary: string;
  load(): Promise<CommandModule>;
}

const COMMANDS: Record<string, Entry> = {
  analyze: { summary: 'find WDF/pool leaks in WinDbg text: what leaks, why, how to fix, what to run next', load: async () => (await import('./analyze.js')).command },
  facts: { summary: 'print the normalized debugger facts of WinDbg text as JSON', load: async () => (await import('./facts.js')).command },
  diff: { summary: 'pool growth per tag between two snapshots, with rates and the findings it supports', load: async () => (await import('./diff.js')).command },
  rules: { summary: 'list, show, validate, test and diff the leak signatures; list the facts they can read', load: async () => (await import('./rules.js')).command },
  explain: { summary: 'decode an FX type, a pool tag, a WDF handle or raw pool bytes; say why a signature matches or not', load: async () => (await import('./explain.js')).command },
  hunt: { summary: 'WinDbg breakpoints that catch the allocations of a pool tag, ready to paste', load: async () => (await import('./hunt.js')).command },
  writeup: { summary: 'a Markdown case write-up draft from an analysis, for the site', load: async () => (await import('./writeup.js')).command },
  'new-signature': { summary: 'scaffold a new signature with its doc page and fixtures', load: async () => (await import('./new-signature.js')).command },
};

export async function main(argv: readonly string[], proc: NodeJS.Process = process): Promise<number> {
  proc.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // `wdfleak facts big.log | head` (EPIPE) or a full disk (ENOSPC): the output is incomplete, so
    // exit 2 (never 1, which means a finding) with one line on stderr and no stack.
    const why = err.code === 'EPIPE' ? 'the reader of the output went away' : err.code === 'ENOSPC' ? 'no space left on the device' : err.message;
    try {
      proc.stderr.write(`wdfleak: output stopped: ${why} (${err.code ?? 'write error'})\n`);
    } catch {
      // stderr is gone too: nothing more to say
    }
    proc.exit(2);
  });
  const noColor = argv.includes('--no-color');
  const baseIo = makeIo(proc, noColor, argv.includes('--quiet') || argv.includes('-q'), argv.includes('--verbose') || argv.includes('-v'));
  let name = 'wdfleak';
  try {
    // Common options may come before the command: `wdfleak --no-color analyze x.log`.
    let i = 0;
    while (i < argv.length && GLOBAL_OPTIONS.some((o) => argv[i] === `--${o.name}` || (o.short && argv[i] === `-${o.short}`))) {
      if (argv[i] === '--help' || argv[i] === '-h') return topHelp(baseIo);
      i++;
    }
    const first = argv[i];
    if (first === undefined) {
      baseIo.err(topHelpText(baseIo.errStyle));
      return EXIT.usage;
    }
    if (first === '--version' || first === '-V' || first === 'version') {
      baseIo.out(`wdfleak ${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (first === 'help') {
      const topic = argv[i + 1];
      if (!topic) return topHelp(baseIo);
      const mod = await resolve(topic).load();
      baseIo.out(renderHelp(topic, mod.help, baseIo.style));
      return EXIT.ok;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (expected a command first: ${Object.keys(COMMANDS).join(', ')})`);
    const entry = resolve(first);
    name = first;
    const mod = await entry.load();
    const rest = [...argv.slice(0, i), ...argv.slice(i + 1)];
    const args: ParsedArgs = parseArgs(rest, mod.help.options, first);
    if (args.options.help === true) {
      baseIo.out(renderHelp(first, mod.help, baseIo.style));
      return EXIT.ok;
    }
    return await mod.run(args, baseIo);
  } catch (err) {
    return reportError(err, name, baseIo);
  }
}

function resolve(name: string): Entry {
  const entry = COMMANDS[name];
  if (entry) return entry;
  const near = Object.keys(COMMANDS)
    .map((c) => ({ c, d: distance(name, c) }))
    .sort((a, b) => a.d - b.d)[0];
  const hint = near && near.d <= 2 ? ` (did you mean '${near.c}'?)` : '';
  throw new UsageError(`unknown command '${name}'${hint}; commands: ${Object.keys(COMMANDS).join(', ')}`);
}

function makeIo(proc: NodeJS.Process, noColor: boolean, quiet: boolean, verbose: boolean): Io {
  return {
    out: (t) => void proc.stdout.write(t),
    write: (t) => new Promise<void>((done) => (proc.stdout.write(t) ? done() : proc.stdout.once('drain', done))),
    err: (t) => void proc.stderr.write(t),
    style: styleFor(proc.stdout.isTTY, proc.env, noColor),
    errStyle: styleFor(proc.stderr.isTTY, proc.env, noColor),
    quiet,
    verbose,
    progress: proc.stderr.isTTY === true && !quiet,
    stdinIsTTY: proc.stdin.isTTY === true,
    cwd: proc.cwd(),
    env: proc.env,
  };
}

function topHelp(io: Io): number {
  io.out(topHelpText(io.style));
  return EXIT.ok;
}

function topHelpText(style: Io['style']): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return [
    `${style.bold('wdfleak')} — KMDF/WDF leak signatures for WinDbg text`,
    '',
    style.bold('Usage'),
    '  wdfleak <command> [options]',
    '  wdfleak <command> --help',
    '  wdfleak --version',
    '',
    style.bold('Commands'),
    ...Object.entries(COMMANDS).map(([c, e]) => `  ${c.padEnd(width)}${e.summary}`),
    '',
    style.bold('Example'),
    '  wdfleak analyze site/cases/acp-workitem-leak/transcript.log',
    '',
    style.bold('Exit codes'),
    '  0  ran; no finding at or above --fail-on',
    '  1  a finding at or above --fail-on (rules validate/test: a check failed)',
    '  2  usage or input error',
    '  3  internal error in wdfleak (please report it with the --verbose output)',
    '',
  ].join('\n');
}

function reportError(err: unknown, command: string, io: Io): number {
  const prefix = command === 'wdfleak' ? 'wdfleak' : `wdfleak ${command}`;
  if (err instanceof UsageError) {
    const hint = err.hint ?? (command === 'wdfleak' ? 'wdfleak --help' : `wdfleak ${command} --help`);
    io.err(`${prefix}: ${err.message}; see '${hint}'\n`);
    return EXIT.usage;
  }
  if (err instanceof InputError) {
    io.err(`${prefix}: ${err.toString()}\n`);
    if (io.verbose && err.detail) io.err(err.detail.replace(/\n?$/, '\n'));
    return EXIT.usage;
  }
  const e = err as Error;
  io.err(`${prefix}: internal error: ${e?.message ?? String(err)}${io.verbose ? '' : ' (run with --verbose for the stack)'}\n`);
  if (io.verbose && e?.stack) io.err(e.stack + '\n');
  return EXIT.internal;
}
