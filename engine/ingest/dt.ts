// `dt [-opts] [module!]Type [Address] [Fields]`: a type layout (no address) or an instance dump.
// Field lines are `   +0x044 Tag              : value`; nesting (`-r`, `-b`) adds 3 spaces per level,
// unions repeat an offset, and pastes elide lines with `...`. Values keep their raw text and are
// decoded where the shape is known: numbers, pointers with a type or symbol, lists, bitfields.
import type { DtField, TypedObjectFact, TypeLayoutFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';

const FIELD = /^(\s*)\+0x([0-9a-f]+) (\S+?)\s*:(?: (.*))?$/i;
const ARRAY_ITEM = /^(\s*)\[(\d+)\] (.*)$/;
const TYPE_HEADER = /^\s*(?:struct|union|class|enum) (\S+), (\d+) elements?, 0x([0-9a-f]+) bytes?\s*$/i;
const MODULE_HEADER = /^\s*([\w.$-]+)!(\S+)\s*$/;
const ELISION = /^\s*\.{3,}\s*$/;
const DEBUGGER_ERROR = /not found|read error|Couldn't resolve|Cannot find|Unable to|Invalid|could not be/i;
const MAX64 = (1n << 64n) - 1n;
/** Longer lines are junk, not dt output; they are reported instead of run through the patterns. */
const MAX_LINE_CHARS = 4096;

export const dt: CommandFamily = {
  id: 'dt',
  // `dt_POOL_HEADER addr` is typed without a space; `dtx` prints another format.
  accepts: (c) => c.name === 'dt' || (c.name.startsWith('dt_') && c.name.length > 3),
  recognise: (line) => line.indexOf('+0x') >= 0 && line.indexOf(' : ') > 0 && FIELD.test(line),
  leads: '+',
  create: (ctx) => createDtParser(ctx),
};

/** What the `dt` command line asked for. */
export interface DtCommand {
  type?: string;
  addressExpression?: string;
  fields: string[];
  verbose: boolean;
}

/** Split `dt` arguments into options, type, address expression and field filters. */
export function parseDtCommand(raw: string): DtCommand {
  const text = raw.trim().replace(/^dt(?=[_\s]|$)/i, '').trim();
  const tokens = text.split(/\s+/).filter(Boolean);
  const out: DtCommand = { fields: [], verbose: false };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith('-')) {
      if (/^-[a-z]*v/i.test(t)) out.verbose = true;
      // Options that take the next word: -l List, -s Size; -y/-n name the type.
      if (t === '-l' || t === '-s') i++;
      else if ((t === '-y' || t === '-n') && tokens[i + 1]) out.type ??= tokens[++i];
      continue;
    }
    if (out.type === undefined && !isAddressLike(t)) out.type = t;
    else if (out.addressExpression === undefined && isAddressLike(t)) out.addressExpression = t;
    else if (out.addressExpression === undefined && out.type !== undefined && t.includes('!')) out.addressExpression = t;
    else out.fields.push(t);
  }
  return out;
}

/** Address expressions: hex, `0x…`, backtick, `@reg`, `$pseudo`, `poi(…)`, `base+off`. */
function isAddressLike(t: string): boolean {
  return /^(?:0x)?[0-9a-f`]+$/i.test(t) || /^0n\d+$/i.test(t) || /^[@$(]|^poi\(|^@@/i.test(t) || /[+\-*]/.test(t);
}

/**
 * Evaluate an address expression made of numbers joined by `+`/`-` (WinDbg's default radix is 16;
 * `0n` is decimal). 64-bit safe. Undefined when it names a register, a symbol or anything else.
 */
export function evaluateAddress(expression: string): string | undefined {
  const s = expression.replace(/\s+/g, '');
  if (!s || s.length > 80) return undefined;
  const parts = s.split(/(?=[+-])/);
  let total = 0n;
  for (const part of parts) {
    const sign = part.startsWith('-') ? -1n : 1n;
    const term = part.replace(/^[+-]/, '').replace(/`/g, '');
    let value: bigint;
    if (/^0n\d+$/i.test(term)) value = BigInt(term.slice(2));
    else if (/^0x[0-9a-f]+$/i.test(term)) value = BigInt(term);
    else if (/^[0-9a-f]+$/i.test(term)) value = BigInt('0x' + term);
    else return undefined;
    total += sign * value;
  }
  return (((total % (MAX64 + 1n)) + MAX64 + 1n) & MAX64).toString(16);
}

/** `0x1025` → 1025/4133, `0n-1` → -1, `0y0010 (0x2)` → 2, bare digits in hex. */
function readNumber(token: string, paren?: string): { value: string; number?: number } | undefined {
  let n: bigint;
  const t = token.replace(/`/g, '');
  if (/^0n-?\d+$/i.test(t)) n = BigInt(t.slice(2));
  else if (/^0x[0-9a-f]+$/i.test(t)) n = BigInt(t);
  else if (/^0y[01]+$/i.test(t)) {
    const p = paren ? readNumber(paren) : undefined;
    if (p) return p;
    n = BigInt('0b' + t.slice(2));
  } else if (/^[0-9a-f]+$/i.test(t)) n = BigInt('0x' + t);
  else return undefined;
  const value = (n < 0n ? '-' + (-n).toString(16) : n.toString(16));
  const out: { value: string; number?: number } = { value };
  if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) out.number = Number(n);
  return out;
}

const NUMBER_TOKEN = /^(0x[0-9a-f]+(?:`[0-9a-f]+)?|0n-?\d+|0y[01]+|\d+)(?=\s|$)/i;
const LIST = /^(\S+) \[ (\S+) - (\S+) \]$/;

/** One instance field line (`   +0x018 BaseName : _UNICODE_STRING "usbser.sys"`) read on its own, depth 0. */
export function dtInstanceField(text: string, line: number): DtField | undefined {
  const f = FIELD.exec(text);
  if (!f) return undefined;
  const field: DtField = { offset: parseInt(f[2]!, 16), name: f[3]!, raw: (f[4] ?? '').trim(), depth: 0, line };
  decodeInstanceValue(field, field.raw);
  return field;
}

/** Decode an instance value: `0x61646d61`, `0n-1`, `(null)`, `0 ''`, `0y00000010 (0x2)`, lists, pointers. */
export function decodeInstanceValue(field: DtField, raw: string): void {
  let s = raw.trim();
  if (!s) return;
  if (s === '(null)') {
    field.isNull = true;
    field.value = '0';
    field.number = 0;
    return;
  }
  const arr = /^\[\d+\] (.*)$/.exec(s);
  if (arr) s = arr[1]!;
  const num = NUMBER_TOKEN.exec(s);
  if (!num) {
    // An embedded struct or union (`MxEvent`, `_LIST_ENTRY [ a - b ]`, `<anonymous-tag>`).
    describeRest(field, s);
    return;
  }
  let rest = s.slice(num[0].length).trim();
  const paren = /^\(\s*(0x[0-9a-f]+|0n-?\d+|\d+)\s*\)/i.exec(rest);
  const n = readNumber(num[1]!, paren?.[1]);
  if (!n) return;
  field.value = n.value;
  if (n.number !== undefined) field.number = n.number;
  if (paren) rest = rest.slice(paren[0].length).trim();
  describeRest(field, rest);
}

/** What follows a value: a type, a symbol (`void  amdacpbus2!X+0`), a list, a char or enum name. */
function describeRest(field: DtField, rest: string): void {
  if (!rest || rest.startsWith("'") || rest.startsWith('(') || rest.startsWith('"')) return;
  const list = LIST.exec(rest);
  if (list) {
    field.type = list[1]!;
    field.list = [hex(list[2]!), hex(list[3]!)];
    return;
  }
  const words = rest.split(/\s+/);
  const sym = words.findLast((w) => w.includes('!'));
  if (sym) {
    field.symbol = sym;
    return;
  }
  // `_UNICODE_STRING "\Driver\x"`: the type is the first word.
  field.type = words[0]!;
}

const hex = (t: string): string => t.replace(/^0x/i, '').replace(/`/g, '').toLowerCase();

/** Decode a layout type: `Uint4B`, `Ptr64 _EPROCESS`, `Pos 0, 8 Bits`, `[6] Uint4B`, `dt -v` forms. */
export function decodeLayoutType(field: DtField, raw: string): void {
  let s = raw.trim();
  const bits = /^(?:Bitfield )?Pos (\d+), (\d+) Bits?$/i.exec(s);
  if (bits) {
    field.bitfield = { position: Number(bits[1]), bits: Number(bits[2]) };
    return;
  }
  s = s.replace(/^\[\d+\]\s*/, '').replace(/, \d+ elements?, 0x[0-9a-f]+ bytes?$/i, '');
  s = s.replace(/^(?:Ptr(?:32|64)\s+(?:to\s+)?)+/i, '').replace(/^(?:struct|union|class|enum)\s+/i, '').trim();
  if (s) field.type = s;
}

interface PendingField {
  field: DtField;
  indent: number;
}

function createDtParser(ctx: BlockContext): BlockParser {
  const cmd = parseDtCommand(ctx.command?.raw ?? '');
  const fields: PendingField[] = [];
  let type = cmd.type;
  let size: number | undefined;
  let elements: number | undefined;
  let elided = false;
  let first: number | undefined;
  let baseIndent: number | undefined;
  // Without a command line, an instance shows itself by its values.
  let sawValue = false;

  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      first ??= no;
      if (text.length > MAX_LINE_CHARS) {
        ctx.diag(no, 'line-too-long', `a ${text.length}-character line is not dt output`, 'dt field lines');
        return;
      }
      const f = FIELD.exec(text);
      if (f) {
        const indent = f[1]!.length;
        baseIndent ??= indent;
        const field: DtField = {
          offset: parseInt(f[2]!, 16),
          name: f[3]!,
          raw: (f[4] ?? '').trim(),
          depth: Math.max(0, Math.round((indent - baseIndent) / 3)),
          line: no,
        };
        fields.push({ field, indent });
        if (!sawValue && /^(?:0x|0n|0y|\(null\)|\d|\[\d+\] 0)/i.test(field.raw)) sawValue = true;
        return;
      }
      if (ELISION.test(text)) {
        elided = true;
        return;
      }
      const item = ARRAY_ITEM.exec(text);
      if (item && fields.length) {
        const parent = fields[fields.length - 1]!.field;
        const field: DtField = { offset: parent.offset, name: `[${item[2]}]`, raw: item[3]!.trim(), depth: parent.depth + 1, line: no };
        fields.push({ field, indent: item[1]!.length });
        return;
      }
      const th = TYPE_HEADER.exec(text);
      if (th) {
        type ??= th[1]!;
        elements = Number(th[2]);
        size = parseInt(th[3]!, 16);
        return;
      }
      const mh = MODULE_HEADER.exec(text);
      if (mh && !fields.length) {
        // `nt!_EPROCESS` before the fields: the module-qualified name of the type.
        if (!type || !type.includes('!')) type = `${mh[1]}!${mh[2]}`;
        return;
      }
      if (/^\s*-{8,}\s*$/.test(text)) return;
      if (DEBUGGER_ERROR.test(text)) {
        ctx.diag(no, 'debugger-error', `the debugger could not show the type: ${text.trim().slice(0, 120)}`);
        return;
      }
      ctx.diag(no, 'malformed-line', `not a dt field line: "${text.trim().slice(0, 80)}"`,
        'a field line `   +0x044 Name : value`, a `struct _T, N elements, 0xS bytes` header or `...`');
    },
    end(last) {
      // Only errors (`Symbol … not found`) or nothing: no fact, the diagnostics say why.
      if (!fields.length) return;
      const instance = cmd.addressExpression !== undefined || (!ctx.command && sawValue);
      const out = fields.map((p) => p.field);
      for (const field of out) {
        if (instance) decodeInstanceValue(field, field.raw);
        else decodeLayoutType(field, field.raw);
      }
      const name = type ?? '';
      const module = name.includes('!') ? name.slice(0, name.indexOf('!')) : undefined;
      const provenance = ctx.provenance(first ?? last, last);
      if (instance) {
        const expression = cmd.addressExpression ?? '';
        const address = expression ? evaluateAddress(expression) : undefined;
        const fact: TypedObjectFact = {
          type: name,
          address: address ?? '',
          addressExpression: expression,
          fields: out,
          elided,
          provenance,
        };
        if (module) fact.module = module;
        if (address === undefined) {
          // `@rcx`, `poi(…)`, `rsp+20`: the value lives in the debugger, not in the text.
          ctx.sink.add('diagnostics', {
            level: 'info',
            code: 'address-not-evaluated',
            source: ctx.source,
            line: first ?? last,
            message: expression
              ? `the address \`${expression}\` depends on debugger state; the ${name || 'object'} dump is kept without an address`
              : `the ${name || 'object'} dump has no command line, so its address is unknown`,
          });
        }
        ctx.sink.add('typedObjects', fact);
        return;
      }
      const fact: TypeLayoutFact = { type: name, fields: out, elided, provenance };
      if (module) fact.module = module;
      if (size !== undefined) fact.size = size;
      if (elements !== undefined) fact.elements = elements;
      ctx.sink.add('typeLayouts', fact);
    },
  };
}
