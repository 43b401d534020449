// Line shapes shared by the `!wdfkd` outputs: context and callback lines, child-tree rows, driver
// names, and a capped diagnostic for lines no rule knew. Each helper rejects cheaply before any regex.
import type { BlockContext } from '../../types/ingest.js';
import type { WdfHandleFact } from '../../types/facts.js';
import { normalizeHex } from '../common.js';

/** A hex value as WinDbg prints addresses: `0x` optional, backtick optional. */
export const HEX = String.raw`(?:0x)?[0-9a-fA-F]+(?:\x60[0-9a-fA-F]+)?`;

/** Leading blanks (TAB counts as 4, as the console shows it). */
export function indentOf(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) n++;
    else if (c === 9) n += 4;
    else break;
  }
  return n;
}

/** `AcxHdAudio.sys` → `AcxHdAudio`; `wdfrawbusenumtest` unchanged. UMDF `.dll` names are kept whole. */
export function driverName(image: string): string {
  const s = image.trim();
  return /\.sys$/i.test(s) ? s.slice(0, -4) : s;
}

/** The first argument of a `!wdfkd` command that names a driver (not a flag, not an address). */
export function driverArg(args: string | undefined): string | undefined {
  for (const tok of (args ?? '').split(/\s+/)) {
    if (!tok || tok.startsWith('-') || /^(?:0x)?[0-9a-f`]+$/i.test(tok) || tok.startsWith('@')) continue;
    return driverName(tok);
  }
  return undefined;
}

const CONTEXT = new RegExp(String.raw`^\s*context:\s+dt\s+(${HEX})\s+(\S+)(?:\s+\(size is (${HEX}) bytes\))?`, 'i');

export type ContextInfo = NonNullable<WdfHandleFact['contexts']>[number];

/**
 * `    context:  dt 0x83584ff8 ROOT_CONTEXT (size is 0x1 bytes)`. A module-qualified type
 * (`AcxHdAudio!CODEC_DEVICE_CONTEXT`) is kept as printed and split into `module` and `typeName`.
 */
export function parseContext(text: string): ContextInfo | undefined {
  if (text.indexOf('context:') < 0) return undefined;
  const m = CONTEXT.exec(text);
  if (!m) return undefined;
  const out: ContextInfo = { address: normalizeHex(m[1]!) };
  if (m[2]) {
    out.type = m[2];
    const bang = m[2].indexOf('!');
    if (bang > 0 && bang < m[2].length - 1) {
      out.module = m[2].slice(0, bang);
      out.typeName = m[2].slice(bang + 1);
    }
  }
  if (m[3]) out.size = parseInt(normalizeHex(m[3]), 16);
  return out;
}

const CALLBACK = new RegExp(String.raw`^\s*(Evt\w+)\s+(${HEX})(?:\s+(\S.*))?$`);

/** `    EvtCleanupCallback fffff8038a453070 Acx01000!Acx::...::EvtObjectContextCleanupThunk`. */
export function parseCallback(text: string): { kind: string; address: string; symbol?: string } | undefined {
  if (text.indexOf('Evt') < 0) return undefined;
  const m = CALLBACK.exec(text);
  if (!m) return undefined;
  const out: { kind: string; address: string; symbol?: string } = { kind: m[1]!, address: normalizeHex(m[2]!) };
  if (m[3]) out.symbol = m[3].trim();
  return out;
}

/** `<no associated attribute callbacks>`: a known line with nothing to keep. */
export function isNoCallbacks(text: string): boolean {
  return text.indexOf('<no associated attribute callbacks>') >= 0;
}

/** One row of a `Child WDFHANDLEs of ...` tree or of the `!wdfdriverinfo` hierarchy. */
export interface TreeRow {
  indent: number;
  /** Empty for `WDF INTERNAL` rows. */
  handle: string;
  /** From the verb (`!wdfdevice` → WDFDEVICE) or the legacy type word (`WDFCMRESLIST 0x...`). */
  handleType?: string;
  internal: boolean;
  customTypes?: string[];
  fxClass?: string;
  object?: string;
  contexts: Array<{ address: string }>;
  callbacks: Array<{ kind: string; address: string }>;
  /** `ff (FDO)` after a `!wdfdevice` row of `!wdfdriverinfo`. */
  role?: string;
}

const TREE_VERB = new RegExp(String.raw`^(\s*)!(wdf\w+)\s+(${HEX})(?:\s+\[([^\]]*)\])?(.*)$`, 'i');
// Legacy rows always print the handle with `0x` (`WDFCMRESLIST 0x7ccfb058`); a bare number is a count.
const TREE_LEGACY = /^(\s*)(WDF[A-Z0-9_]+)\s+(0x[0-9a-fA-F]+(?:`[0-9a-fA-F]+)?)(?:\s+\[([^\]]*)\])?(.*)$/;
const TREE_INTERNAL = /^(\s*)WDF INTERNAL\b(.*)$/;
const DT = new RegExp(String.raw`^\s*dt\s+(\w+)\s+(${HEX})(.*)$`);

/** Verbs that only link to more output (`!wdfdevicequeues 0x...`) are not tree rows. */
const LINK_VERBS = new Set(['wdfdevicequeues', 'wdflogdump', 'wdftagtracker', 'wdfobject', 'wdfdriverinfo']);

export function parseTreeRow(text: string): TreeRow | undefined {
  const first = text.trimStart();
  const c = first.charCodeAt(0);
  if (c !== 33 /* ! */ && c !== 87 /* W */) return undefined;
  let m = TREE_INTERNAL.exec(text);
  if (m) {
    const row: TreeRow = { indent: indentOf(text), handle: '', internal: true, contexts: [], callbacks: [] };
    return withDt(row, m[2]!) ?? undefined;
  }
  m = TREE_VERB.exec(text);
  let legacy = false;
  if (!m) {
    m = TREE_LEGACY.exec(text);
    legacy = true;
  }
  if (!m) return undefined;
  const verb = m[2]!;
  if (!legacy && LINK_VERBS.has(verb.toLowerCase())) return undefined;
  const row: TreeRow = { indent: indentOf(text), handle: normalizeHex(m[3]!), internal: false, contexts: [], callbacks: [] };
  const type = legacy ? verb : handleTypeOfVerb(verb);
  if (type) row.handleType = type;
  if (m[4]) row.customTypes = m[4].split(',').map((s) => s.trim()).filter(Boolean);
  const rest = m[5] ?? '';
  if (rest.trim().length === 0) return row;
  const role = roleOf(rest);
  if (role) {
    row.role = role;
    return row;
  }
  return withDt(row, rest);
}

/** `ff (FDO)`, `ff (Control device)`: the flags then the role in parentheses, after a `!wdfdevice` row. */
function roleOf(rest: string): string | undefined {
  let t = rest.trim();
  const space = t.indexOf(' ');
  if (space > 0 && /^[0-9a-f]+$/i.test(t.slice(0, space))) t = t.slice(space + 1).trimStart();
  if (t.length < 3 || !t.startsWith('(') || !t.endsWith(')')) return undefined;
  const role = t.slice(1, -1).trim();
  return /^[A-Za-z][\w ]*$/.test(role) && role.length <= 40 ? role : undefined;
}

/** Reads `dt FxClass 0xPTR Context X Cleanup Y Destroy Z, Context W` into the row. */
function withDt(row: TreeRow, rest: string): TreeRow | undefined {
  const dt = DT.exec(rest);
  if (!dt) return rest.trim().length === 0 && !row.internal ? row : undefined;
  row.fxClass = dt[1]!;
  row.object = normalizeHex(dt[2]!);
  const tail = dt[3] ?? '';
  const re = /\b(Context|Cleanup|Destroy)\s+([0-9a-fA-F`]+)/g;
  let t: RegExpExecArray | null;
  while ((t = re.exec(tail))) {
    const address = normalizeHex(t[2]!);
    if (t[1] === 'Context') row.contexts.push({ address });
    else row.callbacks.push({ kind: t[1] === 'Cleanup' ? 'EvtCleanupCallback' : 'EvtDestroyCallback', address });
  }
  return row;
}

/** `!wdfdevice` → `WDFDEVICE`; `!wdfhandle` names no type. */
export function handleTypeOfVerb(verb: string): string | undefined {
  const v = verb.replace(/^!/, '').toLowerCase();
  if (v === 'wdfhandle' || v === 'wdfobject') return undefined;
  return v.startsWith('wdf') ? v.toUpperCase() : undefined;
}

/**
 * Builds the parent/child links of tree rows from their indentation. Rows come in order; a row is the
 * child of the last row with a smaller indent. Returns the facts in input order.
 */
export class TreeBuilder {
  private stack: Array<{ indent: number; fact: WdfHandleFact }> = [];
  private base: number | undefined;

  /** `link: false` only sets depths (the driverinfo device list nests PDOs under their bus FDO). */
  constructor(private readonly options: { step?: number; link?: boolean } = {}) {}

  add(row: TreeRow, fact: WdfHandleFact): void {
    this.base ??= row.indent;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.indent >= row.indent) this.stack.pop();
    fact.depth = Math.max(0, Math.round((row.indent - this.base) / (this.options.step ?? 4)));
    const parent = this.stack[this.stack.length - 1]?.fact;
    if (parent && this.options.link !== false) {
      // The parent handle is the nearest ancestor that has one; the direct parent object is kept too.
      const handleAncestor = [...this.stack].reverse().find((s) => s.fact.handle)?.fact;
      if (handleAncestor) {
        fact.parent = handleAncestor.handle;
        if (handleAncestor.handleType) fact.parentType = handleAncestor.handleType;
      }
      if (parent.object) fact.parentObject = parent.object;
      (parent.children ??= []).push(fact.handle || fact.object || '');
    }
    this.stack.push({ indent: row.indent, fact });
  }
}

/** Diagnostics for unknown lines, capped per block so a strange build of wdfkd cannot flood the output. */
export function unknownLineReporter(ctx: BlockContext, what: string, cap = 20): { report(line: number, text: string): void; end(): void } {
  let n = 0;
  let first = 0;
  return {
    report(line, text) {
      n++;
      if (n <= cap) {
        ctx.diag(line, 'unrecognised-line', `line not understood in ${what} output: "${text.trim().slice(0, 100)}"`);
      } else if (n === cap + 1) {
        first = line;
      }
    },
    end() {
      if (n > cap) ctx.diag(first, 'unrecognised-line', `${n - cap} more lines of ${what} output were not understood`);
    },
  };
}

/** A line of one repeated character (`-----`, `=====`), at least `min` long once trimmed; a plain scan. */
export function isRule(text: string, ch: string, min = 3): boolean {
  const t = text.trim();
  if (t.length < min) return false;
  const c = ch.charCodeAt(0);
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) !== c) return false;
  return true;
}

/** True when the trimmed line starts with one of the prefixes (case-sensitive, as wdfkd prints them). */
export function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  const t = text.trimStart();
  for (const p of prefixes) if (t.startsWith(p)) return true;
  return false;
}

/** True when the trimmed line is one of the phrases, blanks between words compared loosely. */
export function isPhrase(text: string, phrases: readonly string[]): boolean {
  const t = text.trim().split(/\s+/).join(' ');
  return phrases.includes(t);
}

const DEBUG_EXTENSION = /^\s*Object debug extension\s+((?:0x)?[0-9a-f`]+)\s*$/i;
const VERIFIER_LOCK = /^\s*Verifier lock\s+((?:0x)?[0-9a-f`]+)\s*$/i;

/**
 * The verifier's lines of `!wdfobject` (`Object debug extension 83584e20`, `Verifier lock 0x831cefa8`),
 * kept on the fact; true when the line was one of them.
 */
export function applyVerifierLine(f: WdfHandleFact, text: string): boolean {
  const t = text.trimStart();
  const c = t.charCodeAt(0);
  if (c !== 79 /* O */ && c !== 86 /* V */) return false;
  let m = DEBUG_EXTENSION.exec(text);
  if (m) return (f.debugExtension = normalizeHex(m[1]!)), true;
  m = VERIFIER_LOCK.exec(text);
  if (m) return (f.verifierLock = normalizeHex(m[1]!)), true;
  return false;
}

/** `[...]` or `...`: lines a paste left out. */
export function isElision(text: string): boolean {
  const t = text.trim();
  return t === '[...]' || t === '...' || t === '[…]' || t === '…';
}

/** `##  KMDF Drivers`, `## Number of queues: 3`: Markdown heading marks a page put before output lines; a plain scan, no regex. */
export function withoutHeadingMarks(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 35 /* # */) i++;
  if (i === 0 || (i < text.length && text.charCodeAt(i) !== 32)) return text;
  return text.slice(i);
}
