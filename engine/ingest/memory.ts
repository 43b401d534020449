// Memory dumps: `db` (16 bytes, `-` after the 8th, ASCII column), `dw`/`dd`/`dq`/`dp` (values in the
// debugger's byte order: converted back to memory order so layouts decode from `bytes`), `dc`/`dW`
// (values plus ASCII), `dps`/`dqs`/`dds` (one pointer per line with its symbol), and the physical
// `!db`/`!dd`/`!dq` forms (`#` before the address). Contiguous lines of one command make one fact;
// the first line's address is the real start even when the command typed `rsp+20`.
import type { MemoryFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily, ParsedCommand } from '../types/ingest.js';
import { HEX_DIGITS } from './common.js';

interface DumpKind {
  /** Bytes per value; 0 = pointer-sized, read from the value width. */
  unit: 0 | 1 | 2 | 4 | 8;
  /** Values per full line (the width of the data area before an ASCII column). */
  perLine: number;
  ascii: boolean;
  symbols: boolean;
}

const KINDS: Record<string, DumpKind> = {
  db: { unit: 1, perLine: 16, ascii: true, symbols: false },
  dw: { unit: 2, perLine: 8, ascii: false, symbols: false },
  dW: { unit: 2, perLine: 8, ascii: true, symbols: false },
  dd: { unit: 4, perLine: 4, ascii: false, symbols: false },
  dc: { unit: 4, perLine: 4, ascii: true, symbols: false },
  dq: { unit: 8, perLine: 2, ascii: false, symbols: false },
  dp: { unit: 0, perLine: 4, ascii: false, symbols: false },
  dps: { unit: 0, perLine: 1, ascii: false, symbols: true },
  dqs: { unit: 8, perLine: 1, ascii: false, symbols: true },
  dds: { unit: 4, perLine: 1, ascii: false, symbols: true },
};

const LINE = /^\s*(?:#\s*)?([0-9a-f]{1,8}(?:`?[0-9a-f]{8})?)  ?(\S.*)$/i;
const DB_LINE = /^[0-9a-f]{8}(?:`[0-9a-f]{8})?  (?:[0-9a-f?]{2} ){7}[0-9a-f?]{2}-/i;
const VALUE = /^(?:[0-9a-f?]{2}|[0-9a-f?]{4}|[0-9a-f?]{8}|[0-9a-f?]{16}|[0-9a-f?]{8}`[0-9a-f?]{8})$/i;

/** The dump kind of a command, from the verb as typed (`dW` and `dw` differ only by case). */
export function dumpKind(command: ParsedCommand | undefined): { verb: string; kind: DumpKind } | undefined {
  if (!command) return undefined;
  const typed = (command.raw.split(/\s+/)[0] ?? '').replace(/^!/, '');
  const verb = typed === 'dW' ? 'dW' : typed.toLowerCase();
  const kind = KINDS[verb];
  return kind ? { verb, kind } : undefined;
}

/** String dumps: `du`/`da` read characters at an address, `dS`/`dA`/`dU` read a UNICODE_STRING/ANSI_STRING. */
const STRING_VERBS = new Set(['du', 'da', 'ds', 'dus', 'das']);
const STRING_LINE = /^\s*([0-9a-f]{1,8}(?:`?[0-9a-f]{8})?)  ?"(.*)"\s*$/i;

export const memory: CommandFamily = {
  id: 'memory',
  accepts: (c) => dumpKind(c) !== undefined || STRING_VERBS.has(c.name),
  recognise: (line) => DB_LINE.test(line),
  leads: HEX_DIGITS,
  create: (ctx) => createMemoryParser(ctx),
};

/** `61646d61` as a 4-byte value → `616d6461` in memory order (little-endian). */
export function toMemoryOrder(value: string): string {
  let out = '';
  for (let i = value.length - 2; i >= 0; i -= 2) out += value.slice(i, i + 2);
  return out;
}

interface Run {
  start: string;
  next: bigint;
  unit: 1 | 2 | 4 | 8;
  bytes: string[];
  symbols: NonNullable<MemoryFact['symbols']>;
  first: number;
  last: number;
}

function createMemoryParser(ctx: BlockContext): BlockParser {
  if (ctx.command && STRING_VERBS.has(ctx.command.name)) return createStringParser(ctx, ctx.command.raw);
  // Output without a command line is a `db` paste (the only shape `recognise` accepts).
  const found = dumpKind(ctx.command) ?? { verb: 'db', kind: KINDS['db']! };
  const { kind } = found;
  const command = ctx.command?.raw ?? found.verb;
  let run: Run | undefined;

  const flush = (): void => {
    if (!run || !run.bytes.length) {
      run = undefined;
      return;
    }
    const fact: MemoryFact = {
      address: run.start,
      unit: run.unit,
      bytes: run.bytes.join(''),
      command,
      provenance: ctx.provenance(run.first, run.last),
    };
    if (run.symbols.length) fact.symbols = run.symbols;
    ctx.sink.add('memory', fact);
    run = undefined;
  };

  const unreadable = (no: number, address: string): void => {
    flush();
    ctx.sink.add('diagnostics', {
      level: 'info',
      code: 'unreadable-memory',
      source: ctx.source,
      line: no,
      message: `the debugger could not read memory at ${address}; the dump is split there`,
    });
  };

  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      if (text.length > 4096) {
        ctx.diag(no, 'line-too-long', `a ${text.length}-character line is not a memory dump line`, 'an address and up to 16 values');
        return;
      }
      const m = LINE.exec(text);
      if (!m) {
        if (/Memory access error|Cannot read|Unable to/i.test(text)) {
          flush();
          ctx.diag(no, 'debugger-error', `the debugger could not read memory: ${text.trim().slice(0, 120)}`);
          return;
        }
        ctx.diag(no, 'malformed-line', `not a memory dump line: "${text.trim().slice(0, 80)}"`,
          'an address followed by values (and an ASCII column for db/dc)');
        return;
      }
      const address = m[1]!.replace(/`/g, '').toLowerCase();
      // A kernel address of eight digits without a backtick is a 32-bit target (x64 prints sixteen).
      if (m[1]!.length === 8 && /^[89a-f]/i.test(m[1]!)) ctx.sink.arch('x86', `32-bit kernel address ${m[1]} in ${command}`);
      const dataStart = text.length - m[2]!.length;
      const values = readValues(text, dataStart, kind);
      if (!values) {
        ctx.diag(no, 'malformed-line', `not a ${found.verb} line: "${text.trim().slice(0, 80)}"`,
          `${kind.perLine} values of ${kind.unit || 'pointer'} bytes after the address`);
        return;
      }
      if (values.some((v) => v.includes('?'))) {
        unreadable(no, address);
        return;
      }
      const unit = (kind.unit || (values[0]!.replace(/`/g, '').length >= 16 ? 8 : 4)) as 1 | 2 | 4 | 8;
      const addr = BigInt('0x' + address);
      if (!run || run.next !== addr || run.unit !== unit) {
        flush();
        run = { start: address, next: addr, unit, bytes: [], symbols: [], first: no, last: no };
      }
      for (const v of values) {
        const h = v.replace(/`/g, '').toLowerCase();
        if (h.length !== unit * 2) {
          ctx.diag(no, 'malformed-line', `value ${v} is not ${unit} bytes wide`, `${unit}-byte values`);
          return;
        }
        run.bytes.push(unit === 1 ? h : toMemoryOrder(h));
      }
      if (kind.symbols) {
        const symbol = text.slice(dataStart).trim().split(/\s+/).slice(1).join(' ');
        if (symbol) run.symbols.push({ address, value: values[0]!.replace(/`/g, '').toLowerCase(), symbol });
      }
      run.next = addr + BigInt(values.length * unit);
      run.last = no;
    },
    end() {
      flush();
    },
  };
}

/**
 * The values of one line. `db`/`dc`/`dW` have an ASCII column after a fixed-width data area, so only
 * that area is read (ASCII text like `ab` must not pass for a byte).
 */
function readValues(text: string, start: number, kind: DumpKind): string[] | undefined {
  let area: string;
  if (kind.ascii) {
    const width = kind.unit === 1 ? 16 * 3 - 1 : kind.perLine * (kind.unit * 2 + 1) - 1;
    area = text.slice(start, start + width);
  } else {
    area = text.slice(start);
  }
  const tokens = area.split(kind.unit === 1 ? /[\s-]+/ : /\s+/).filter(Boolean);
  const values: string[] = [];
  for (const t of tokens) {
    if (values.length >= kind.perLine || !VALUE.test(t)) break;
    values.push(t);
  }
  // A dps/dqs line is `address value [symbol]`; other dumps are values only.
  if (!values.length) return undefined;
  if (!kind.symbols && !kind.ascii && tokens.length > values.length && values.length < kind.perLine) return undefined;
  return values;
}

/** `du addr` / `dS addr`: `ffffd407`b3ac53a0  "echosrv.sys"`, one fact per string (long ones continue on the next line). */
function createStringParser(ctx: BlockContext, command: string): BlockParser {
  let found = 0;
  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      const m = STRING_LINE.exec(text);
      if (!m) {
        ctx.diag(no, 'malformed-line', `not a string dump line: "${text.trim().slice(0, 80)}"`, 'an address and a quoted string');
        return;
      }
      found++;
      ctx.sink.add('memory', { address: m[1]!.replace(/`/g, '').toLowerCase(), unit: 2, bytes: '', text: m[2]!, command, provenance: ctx.provenance(no, no) });
    },
    end(last) {
      if (found === 0) ctx.diag(last, 'empty-output', `\`${command}\` printed no string`, 'an address and a quoted string');
    },
  };
}
