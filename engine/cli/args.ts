// A small command-line option parser: `--name value`, `--name=value`, `-x value`, boolean flags,
// `--` to end options, `-` as a positional (stdin). Errors are UsageErrors with one clear line.

export interface OptionSpec {
  /** Long name without the dashes: `format`, `no-color`. */
  name: string;
  short?: string;
  type: 'boolean' | 'string';
  /** Allowed values of a string option. */
  values?: readonly string[];
  /** May be given more than once; the values are collected. */
  multiple?: boolean;
  /** Word shown after the option in the help: `--rules <dir>`. */
  placeholder?: string;
  description: string;
  /** Default shown in the help (the code applies its own default). */
  defaultText?: string;
}

export type OptionValue = string | string[] | boolean;

export interface ParsedArgs {
  options: Record<string, OptionValue | undefined>;
  positionals: string[];
}

/** A mistake in the command line: exit code 2, one line, no stack. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help and exit' },
  { name: 'quiet', short: 'q', type: 'boolean', description: 'no progress bar and no notes on stderr' },
  { name: 'verbose', short: 'v', type: 'boolean', description: 'more detail on errors and diagnostics' },
  { name: 'no-color', type: 'boolean', description: 'no colour even on a terminal (NO_COLOR is honoured too)' },
];

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const all = [...specs, ...GLOBAL_OPTIONS];
  const byLong = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const options: ParsedArgs['options'] = {};
  const positionals: string[] = [];

  const set = (spec: OptionSpec, value: string | boolean, shown: string): void => {
    if (spec.type === 'string' && spec.values && typeof value === 'string' && !spec.values.includes(value)) {
      throw new UsageError(`${shown} must be one of ${listWords(spec.values)} (got '${value}')`, `wdfleak ${command} --help`);
    }
    if (spec.multiple && typeof value === 'string') {
      const prev = options[spec.name];
      options[spec.name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else {
      options[spec.name] = value;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-') || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) inline = arg.slice(eq + 1);
      spec = byLong.get(name);
      shown = `--${name}`;
      if (!spec) throw unknownOption(shown, all, command);
    } else {
      // `-q`, `-qv` (boolean bundles), `-ojson` is not supported: keep it predictable.
      const letters = arg.slice(1);
      if (letters.length > 1 && [...letters].every((c) => byShort.get(c)?.type === 'boolean')) {
        for (const c of letters) set(byShort.get(c)!, true, `-${c}`);
        continue;
      }
      spec = byShort.get(letters);
      shown = arg;
      if (!spec) throw unknownOption(arg, all, command);
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${shown} takes no value (got '${inline}')`);
      set(spec, true, shown);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && next.length > 1 && !/^-\d/.test(next))) {
        throw new UsageError(`${shown} needs a value${spec.values ? `: ${listWords(spec.values)}` : spec.placeholder ? ` (${spec.placeholder})` : ''}`);
      }
      value = next;
      i++;
    }
    set(spec, value, shown);
  }
  return { options, positionals };
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

export function list(args: ParsedArgs, name: string): string[] {
  const v = args.options[name];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options[name] === true;
}

/** `a, b or c`. */
export function listWords(words: readonly string[], last = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

function unknownOption(shown: string, specs: readonly OptionSpec[], command: string): UsageError {
  const name = shown.replace(/^-+/, '');
  const near = specs
    .map((s) => ({ s, d: distance(name, s.name) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.s.name.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  const hint = near ? ` (did you mean --${near.s.name}?)` : '';
  return new UsageError(`unknown option ${shown} for 'wdfleak ${command}'${hint}`, `wdfleak ${command} --help`);
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
