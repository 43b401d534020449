// What every command module exports, the help renderer, and the shared exit codes.
import { GLOBAL_OPTIONS, type OptionSpec, type ParsedArgs } from './args.js';
import type { Style } from '../report/style.js';

export const EXIT = {
  /** Ran; no finding at or above --fail-on (or a check passed). */
  ok: 0,
  /** Findings at or above --fail-on (or a check found problems). */
  findings: 1,
  /** Usage or input error. */
  usage: 2,
  /** A bug in wdfleak. */
  internal: 3,
} as const;

export interface Io {
  out(text: string): void;
  /** Like out, for long output written in pieces: resolves once stdout can take more. */
  write(text: string): Promise<void>;
  err(text: string): void;
  /** Colour for stdout text. */
  style: Style;
  /** Colour for stderr text. */
  errStyle: Style;
  quiet: boolean;
  verbose: boolean;
  /** stderr is a terminal and not --quiet: progress may be drawn. */
  progress: boolean;
  stdinIsTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CommandHelp {
  /** `analyze <file|-> [more files]`. */
  usage: string | string[];
  summary: string;
  /** Paragraphs after the usage. */
  description?: string[];
  options: readonly OptionSpec[];
  /** `[command, what it does]`; commands use files shipped in the repository. */
  examples: Array<[string, string]>;
  /** Extra exit-code lines when the command gives 1 a meaning of its own. */
  exitCodes?: Array<[number, string]>;
  /** A sample of the output. */
  output?: string;
}

export interface CommandModule {
  help: CommandHelp;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export const DEFAULT_EXIT_CODES: Array<[number, string]> = [
  [0, 'ran; no finding at or above --fail-on'],
  [1, 'a finding at or above --fail-on'],
  [2, 'usage or input error (bad option, missing or unreadable file, input with no debugger output)'],
  [3, 'internal error in wdfleak (please report it with the --verbose output)'],
];

export function renderHelp(name: string, help: CommandHelp, style: Style): string {
  const lines: string[] = [];
  const usages = Array.isArray(help.usage) ? help.usage : [help.usage];
  lines.push(`${style.bold('wdfleak ' + name)} — ${help.summary}`, '');
  lines.push(style.bold('Usage'));
  for (const u of usages) lines.push(`  wdfleak ${u}`);
  for (const p of help.description ?? []) lines.push('', ...wrap(p, 78, '  '));
  lines.push('', style.bold('Options'));
  lines.push(...optionLines(help.options));
  lines.push('', style.bold('Common options'));
  lines.push(...optionLines(GLOBAL_OPTIONS));
  lines.push('', style.bold('Examples'));
  for (const [cmd, what] of help.examples) lines.push(`  ${style.dim('# ' + what)}`, `  ${cmd}`);
  if (help.output) {
    lines.push('', style.bold('Output (abridged)'));
    for (const l of help.output.split('\n')) lines.push(`  ${l}`);
  }
  lines.push('', style.bold('Exit codes'));
  for (const [code, what] of help.exitCodes ?? DEFAULT_EXIT_CODES) lines.push(`  ${code}  ${what}`);
  return lines.join('\n') + '\n';
}

function optionLines(specs: readonly OptionSpec[]): string[] {
  if (specs.length === 0) return ['  (none)'];
  const heads = specs.map((s) => {
    const short = s.short ? `-${s.short}, ` : '    ';
    const value = s.type === 'string' ? ` <${s.placeholder ?? (s.values ? s.values.join('|') : 'value')}>` : '';
    return `  ${short}--${s.name}${value}`;
  });
  const width = Math.min(34, Math.max(...heads.map((h) => h.length)) + 2);
  const out: string[] = [];
  specs.forEach((s, i) => {
    const head = heads[i]!;
    const text = s.description + (s.defaultText ? ` (default: ${s.defaultText})` : '') + (s.multiple ? ' (repeatable)' : '');
    const body = wrap(text, 78 - width, '');
    if (head.length + 2 > width) {
      out.push(head);
      for (const b of body) out.push(' '.repeat(width) + b);
    } else {
      out.push(head.padEnd(width) + (body[0] ?? ''));
      for (const b of body.slice(1)) out.push(' '.repeat(width) + b);
    }
  });
  return out;
}

export function wrap(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > width) {
      out.push(indent + line);
      line = word;
    } else {
      line = line ? line + ' ' + word : word;
    }
  }
  if (line) out.push(indent + line);
  return out;
}
