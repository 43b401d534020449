// Symbols: `x` rows (`address module!name (signature)` or `= type`), `x /v` rows
// (`prv func   00000001`00003340  249 notepad!WinMain (…)`), `x /2` rows, and `ln` output:
// `(address)   module!name+0xoff   |  (address)   module!next`, `Exact matches:` with signatures.
import type { SymbolFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { splitSymbol } from './stack.js';

const ADDRESS = '[0-9a-f]{8}(?:`?[0-9a-f]{8})?';
const X_ROW = new RegExp(`^(${ADDRESS})\\s+(\\S.*)$`, 'i');
const X_VERBOSE = new RegExp(`^(?:(prv|pub)\\s+)?(func|global|local|param|unknown|data|label|thunk|constant|block)\\s+(${ADDRESS})\\s+[0-9a-f]+\\s+(\\S.*)$`, 'i');
/** One `(address)   module!symbol` entry of an `ln` line, read from one `|`-separated piece of it. */
const LN_ENTRY = /\((?:0x)?([0-9a-f`]+)\)\s+(\S(?:.*\S)?)\s*$/i;
// `d:\coding\...\handleioctl.c(50)+0x15`: the source line of the queried address.
const LN_SOURCE = /^\s*(\S.*)\((\d+)\)(?:\+0x[0-9a-f]+)?\s*$/i;
/** Longer lines are junk; the `ln` pattern would backtrack on them. */
const MAX_LINE_CHARS = 4096;
const LN_NOISE = /^\s*(?:Browse module|Set bu breakpoint|Exact matches:|No exact matches?)\s*$/i;

export const symbols: CommandFamily = {
  id: 'symbols',
  accepts: (c) => c.name === 'x' || c.name === 'ln',
  recognise: (line) => /^(?:prv|pub) (?:func|global|local|param) /.test(line),
  leads: 'p',
  create: (ctx) => (ctx.command?.name === 'ln' ? createLnParser(ctx) : createXParser(ctx)),
};

/** Split `module!name (signature)` / `module!name = type` at the first ` (` or ` = ` outside `<…>`. */
export function splitNameAndSignature(text: string): { name: string; signature?: string } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && depth > 0) depth--;
    else if (depth === 0 && c === ' ' && (text[i + 1] === '(' || text.startsWith(' = ', i))) {
      return { name: text.slice(0, i).trim(), signature: text.slice(i + 1).trim() };
    }
  }
  return { name: text.trim() };
}

function symbolFact(ctx: BlockContext, address: string, qualified: string, no: number, signature?: string): SymbolFact {
  const bang = qualified.indexOf('!');
  const fact: SymbolFact = {
    address: address.replace(/`/g, '').toLowerCase(),
    name: bang >= 0 ? qualified.slice(bang + 1) : qualified,
    provenance: ctx.provenance(no, no),
  };
  if (bang > 0) fact.module = qualified.slice(0, bang);
  if (signature) fact.signature = signature;
  return fact;
}

/** The trimmed line, or undefined for a blank line or one too long to be an `x` / `ln` row (diagnosed). */
function rowText(ctx: BlockContext, text: string, no: number): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (trimmed.length > MAX_LINE_CHARS) {
    ctx.diag(no, 'line-too-long', `a ${trimmed.length}-character line is not symbol output`, 'x or ln rows');
    return undefined;
  }
  return trimmed;
}

function createXParser(ctx: BlockContext): BlockParser {
  return {
    line(text, no) {
      const trimmed = rowText(ctx, text, no);
      if (!trimmed) return;
      const v = X_VERBOSE.exec(trimmed);
      const m = v ? null : X_ROW.exec(trimmed);
      const address = v ? v[3]! : m?.[1];
      const rest = v ? v[4]! : m?.[2];
      if (!address || !rest) {
        // `x /1` prints names only: nothing to tie to an address.
        if (/^[\w.$-]+!\S/.test(trimmed)) return;
        ctx.diag(no, 'malformed-line', `not an x row: "${trimmed.slice(0, 80)}"`,
          'an address and `module!name`, optionally with `(signature)` or `= type`');
        return;
      }
      const { name, signature } = splitNameAndSignature(rest);
      ctx.sink.add('symbols', symbolFact(ctx, address, name, no, signature));
    },
    end() {},
  };
}

/**
 * `ln` prints the symbols before and after an address. Modern debuggers show each symbol's own
 * address; old ones showed the queried address with a signed offset (`-0x177`) — both give the start.
 */
function createLnParser(ctx: BlockContext): BlockParser {
  const query = /^(?:0x)?([0-9a-f`]+)$/i.exec(ctx.command?.args.trim() ?? '')?.[1]?.replace(/`/g, '').toLowerCase();
  const found: SymbolFact[] = [];
  let exact = false;
  return {
    line(text, no) {
      const trimmed = rowText(ctx, text, no);
      if (!trimmed) return;
      if (LN_NOISE.test(trimmed)) {
        if (/^Exact matches:/i.test(trimmed)) exact = true;
        return;
      }
      if (trimmed.startsWith('(')) {
        let any = false;
        for (const piece of trimmed.split('|')) {
          const m = LN_ENTRY.exec(piece);
          if (!m) continue;
          const shown = m[1]!.replace(/`/g, '').toLowerCase();
          const sym = splitSymbol(m[2]!);
          let start = BigInt('0x' + shown);
          if (query && sym.offset && shown.replace(/^0+/, '') === query.replace(/^0+/, '')) start -= BigInt(sym.offset);
          const qualified = m[2]!.replace(/[+-](?:0x)?[0-9a-f]+$/i, '');
          const fact = symbolFact(ctx, start.toString(16).padStart(shown.length, '0'), qualified, no);
          // The first entry is the symbol at or before the address asked about.
          if (query && !any) {
            fact.query = query;
            fact.site = m[2]!.trim();
          }
          found.push(fact);
          any = true;
        }
        if (any) return;
      }
      if (exact) {
        // `    nt!NtQueryDirectoryFile (<no parameter info>)` / `nt!X = <no type information>`.
        const { name, signature } = splitNameAndSignature(trimmed);
        const target = found.find((f) => (f.module ? `${f.module}!${f.name}` : f.name) === name);
        if (target && signature) target.signature = signature;
        return;
      }
      if (LN_SOURCE.test(trimmed)) return;
      ctx.diag(no, 'malformed-line', `not ln output: "${trimmed.slice(0, 80)}"`,
        '`(address)   module!name+0xoff  |  (address)   module!next` or `Exact matches:`');
    },
    end() {
      for (const f of found) ctx.sink.add('symbols', f);
    },
  };
}
