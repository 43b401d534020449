// Stacks: `k` and its variants (`kb`, `kv`, `kp`, `kP`, `kc`, `kn`, `kf`, `kL`, with or without a frame
// count), `~*k` per thread, `!thread`, and the STACK_TEXT rows of `!analyze` (see `parseStackText`).
// The column header, when there is one, says which address columns precede the call site; without
// one the columns are read from their shapes (`: args :` separators, 8/16-digit addresses).
import type { Arch, StackFact, StackFrame } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily, ParsedCommand } from '../types/ingest.js';
import { isBlank } from './common.js';

/** What the column header of a stack says about each frame line. */
export interface StackLayout {
  /** ` # ` column: frames carry a hex frame number. */
  numbered: boolean;
  /** `kf`: a distance column after the frame number (blank on frame 0). */
  memory: boolean;
  childSp: boolean;
  retAddr: boolean;
  /** x86 `Args to Child` without ` : ` separators: the three words after RetAddr. */
  args: boolean;
  arch?: Arch;
}

// `k` verbs: k, kb, kv, kp, kP, kc, kn, kf, kL, kM in any combination (not `kd`, a raw stack dump).
const K_VERB = /^k[bpvcnflm]*$/i;
const THREAD_K_VERB = /^~[^\s]*?k[bpvcnflm]*$/i;
// Matched against the header with its blanks collapsed (runs of blanks next to optional words
// would make a regex backtrack on junk).
const HEADER = /^(# )?(Memory )?(Child-SP|ChildEBP)? ?(RetAddr)? ?(: ?)?(Args to Child)? ?(: ?)?(Call Site)?$/;
// `.  0  Id: 1a2c.1a30 Suspend: 1 Teb: …` (user-mode `~*k`) and `THREAD ffffcb08…  Cid …` (`!thread`).
const THREAD_HEADER = /^\s*(?:[.#]\s*)?\d+\s+Id: [0-9a-f]+\.[0-9a-f]+\b|^\s*THREAD [0-9a-f`]+\s+Cid\b/i;
const SOURCE = /\[([^[\]]*?) @ (\d+)\]\s*$/;
// Trailing `kv` notes: `(FPO: [2,0,0])`, `(CONV: cdecl)`, `(Inline Function @ 009c12cb)`, `(TrapFrame @ …)`.
const NOTE = /\((?:FPO:|CONV:|Inline Function @|TrapFrame @|KTRAP_FRAME @|Trap @)[^()]*\)\s*$/;
const OFFSET = /([+-])(0x[0-9a-f]+|[0-9a-f]+)$/i;
// Lines the debugger prints inside a stack that carry no frame.
const NOISE = /^\s*(?:WARNING: (?:Stack unwind|Frame IP not in any known module)|\*\*\* |Unable to (?:load image|verify checksum)|\*\*\*\*\*|\.\.\.\s*$)/;
// `Breakpoint 0 hit` can land inside a pasted stack; it is recorded, not reported as a bad frame.
const BREAKPOINT_HIT = /^Breakpoint (\d+) hit$/;
/** A kP parameter list spans lines; stop joining after this many (a missing `)` must not eat a log). */
const MAX_CONTINUATION = 64;
/** Longer lines are not debugger stack output (the longest real ones are a few hundred characters). */
export const MAX_STACK_LINE = 4096;
/** Frames kept per stack (deep user-mode recursion runs to thousands); the rest are counted, for bounded memory. */
export const MAX_FRAMES = 10_000;

export const stack: CommandFamily = {
  id: 'stack',
  // `~*kb` and `~1 k` (the thread prefix typed with or without a space) list per-thread stacks.
  accepts: (c) => K_VERB.test(c.name) || THREAD_K_VERB.test(c.name) || c.name === '!thread'
    || (c.name.startsWith('~') && K_VERB.test(c.args.split(/\s+/)[0] ?? '')),
  recognise: (line) => parseStackHeader(line) !== undefined && /Child-SP|ChildEBP|RetAddr|# Call Site/.test(line),
  // The header's first column: `#`, `Memory`, `Child-SP`/`ChildEBP`, `RetAddr`, `:`, `Args to Child`, `Call Site`.
  leads: '#:ACMR',
  create: (ctx) => createStackParser(ctx),
};

/** Read a stack column header; undefined when the line is not one. */
export function parseStackHeader(text: string): StackLayout | undefined {
  if (text.length > 300) return undefined;
  if (text.indexOf('RetAddr') < 0 && text.indexOf('Call Site') < 0 && text.indexOf('ChildEBP') < 0) return undefined;
  const m = HEADER.exec(text.trim().replace(/\s+/g, ' '));
  if (!m || (!m[3] && !m[4] && !m[8])) return undefined;
  const layout: StackLayout = {
    numbered: !!m[1],
    memory: !!m[2],
    childSp: !!m[3],
    retAddr: !!m[4],
    args: !!m[6] && !m[5],
  };
  if (m[3] === 'ChildEBP') layout.arch = 'x86';
  return layout;
}

/** The pieces of one frame line before its call site is read. */
interface FrameHead {
  frame: StackFrame;
  /** Call site text with its annotations (source, FPO notes), not yet split. */
  rest: string;
}

/**
 * Parse one frame line. With a layout (from the header) the address columns are taken as the header
 * names them; without one they are read from their shapes. Undefined when the line is not a frame.
 */
export function parseStackLine(text: string, lineNo: number, layout?: StackLayout): StackFrame | undefined {
  const head = readFrameHead(text, lineNo, layout);
  if (!head) return undefined;
  finishSite(head.frame, head.rest);
  return head.frame;
}

/** Arguments a `: args :` frame row (x64 `kb`, STACK_TEXT) prints. */
const ROW_ARGS = 4;

/**
 * The start of a frame row cut inside its `: args :` columns, as a hard-wrapped paste leaves it: address
 * columns, the first colon, fewer than four argument words and no second colon.
 */
export function isCutFrameRow(text: string): boolean {
  if (text.length > MAX_STACK_LINE) return false;
  const words = text.trim().split(/\s+/);
  const colon = words.indexOf(':');
  if (colon < 1 || colon > 3 || words.length - colon - 1 >= ROW_ARGS) return false;
  return words.every((w, i) => i === colon || isHexWord(w.replaceAll('`', '')));
}

/**
 * A cut frame row joined with the line that carries its end: over the wrap's blank, or straight on when
 * the cut fell inside a word (then only that join gives the row its four arguments).
 */
export function joinCutFrameRow(cut: string, next: string): string {
  const rest = next.trimStart();
  const glued = cut + rest;
  return parseStackLine(glued, 0)?.args?.length === ROW_ARGS ? glued : `${cut} ${rest}`;
}

function readFrameHead(text: string, lineNo: number, layout?: StackLayout): FrameHead | undefined {
  if (text.length > MAX_STACK_LINE) return undefined;
  // Walk the words by index: only the columns before the call site become strings.
  const len = text.length;
  let pos = 0;
  let start = 0;
  const skip = (): void => {
    while (pos < len && isBlank(text.charCodeAt(pos))) pos++;
  };
  /** Next word as [start, end) in `text`; start === end at the end of the line. */
  const word = (): number => {
    skip();
    start = pos;
    while (pos < len && !isBlank(text.charCodeAt(pos))) pos++;
    return pos - start;
  };
  const peek = (): string => {
    const save = pos;
    const n = word();
    const w = text.slice(start, start + n);
    pos = save;
    return w;
  };
  const frame: StackFrame = { site: '', inline: false, line: lineNo };
  // Frame number: 2–4 hex digits (printed %02x) when the header has `#`, or when the shape says so.
  let n = word();
  if (n === 0) return undefined;
  const first = text.slice(start, pos);
  const numbered = layout ? layout.numbered : n >= 2 && n <= 4 && isHexWord(first) && (skip(), pos < len);
  if (numbered) {
    if (n > 4 || !isHexWord(first)) return undefined;
    frame.index = parseInt(first, 16);
  } else {
    pos = start;
  }
  // kf distance column: short hex before the first address (absent on frame 0).
  if (layout?.memory) {
    const save = pos;
    n = word();
    if (!(n >= 1 && n <= 7 && isHexWord(text.slice(start, pos)) && (skip(), pos < len))) pos = save;
  }
  skip();
  if (text.startsWith('(Inline Function)', pos)) {
    frame.inline = true;
    pos += 17;
  } else if (text.startsWith('(Inline)', pos)) {
    frame.inline = true;
    pos += 8;
  }
  // Address columns: 8/16-digit hex or dashes (inline frames have none), up to the call site.
  const maxAddresses = layout ? (layout.childSp && !frame.inline ? 1 : 0) + (layout.retAddr ? 1 : 0) + (layout.args ? 4 : 0) : 64;
  const addresses: Array<string | undefined> = [];
  while (addresses.length < maxAddresses) {
    const save = pos;
    n = word();
    const kind = n ? columnKind(text, start, pos) : 0;
    if (kind === 0) {
      pos = save;
      break;
    }
    addresses.push(kind === 1 ? address(text, start, pos) : undefined);
  }
  let args: string[] | undefined;
  // x64 `kb`/`kv`/STACK_TEXT: ` : <args> : <site>`.
  if (peek() === ':') {
    word();
    args = [];
    for (;;) {
      n = word();
      if (n === 0) return undefined;
      if (n === 1 && text.charCodeAt(start) === 58) break;
      const kind = columnKind(text, start, pos);
      if (kind === 0) return undefined;
      if (kind === 1) args.push(address(text, start, pos));
    }
  }
  // Who is who: the layout's columns, or Child-SP, RetAddr, then (x86) the args words.
  let slot = 0;
  // Without a header one address alone is a code address (verifier logs, `# RetAddr :` rows).
  const hasChildSp = layout ? layout.childSp && !frame.inline : !frame.inline && addresses.length >= 2;
  if (hasChildSp) {
    const v = addresses[slot++];
    if (v !== undefined) frame.childSp = v;
  }
  const hasRet = layout ? layout.retAddr : addresses.length > slot;
  if (hasRet && slot < addresses.length) {
    const v = addresses[slot++];
    if (v !== undefined) frame.returnAddress = v;
  }
  if (slot < addresses.length) {
    const words = addresses.slice(slot).filter((a): a is string => a !== undefined);
    if (words.length) args = args ? [...words, ...args] : words;
  }
  if (args?.length) frame.args = args;
  skip();
  const rest = text.slice(pos).trimEnd();
  // Under a header with address columns, a frame has at least one (or is inline).
  if (layout && (layout.childSp || layout.retAddr) && addresses.length === 0 && !frame.inline && !args) return undefined;
  // A line with no number, no address and no symbol-like site is not a frame.
  if (frame.index === undefined && addresses.length === 0 && !frame.inline && !looksLikeSite(rest)) return undefined;
  return { frame, rest };
}


function isHexWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isHexCode(w.charCodeAt(i))) return false;
  return w.length > 0;
}

const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** 1 = an address column (8 or 16 hex digits, or 8`8), 2 = dashes of an inline frame, 0 = neither. */
function columnKind(text: string, s: number, e: number): 0 | 1 | 2 {
  const n = e - s;
  if (n !== 8 && n !== 16 && n !== 17) return 0;
  if (text.charCodeAt(s) === 45) {
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c !== 45 && !(n === 17 && i === s + 8 && c === 96)) return 0;
    }
    return n === 16 ? 0 : 2;
  }
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (n === 17 && i === s + 8) {
      if (c !== 96) return 0;
    } else if (!isHexCode(c)) return 0;
  }
  return 1;
}

/** The address as lower-case hex without the backtick. */
function address(text: string, s: number, e: number): string {
  const w = e - s === 17 ? text.slice(s, s + 8) + text.slice(s + 9, e) : text.slice(s, e);
  return w.toLowerCase();
}

const looksLikeSite = (s: string): boolean => s.includes('!') || /\+0x[0-9a-f]+/i.test(s) || /^0x[0-9a-f`]+$/i.test(s);

/**
 * A note the reader typed after the call site (`nt!VfPoolCheckForLeaks+0x60   <-- Driver Verifier checking
 * leaks`): `<--` or `<==` after a blank is not part of any symbol, so the site ends before it.
 */
function dropReaderNote(site: string): string {
  for (const arrow of [' <--', ' <==', '\t<--', '\t<==']) {
    const at = site.indexOf(arrow);
    if (at > 0) return site.slice(0, at).trimEnd();
  }
  return site;
}

/** Split the call-site text: source annotation, `kv` notes, then module, function and offset. */
function finishSite(frame: StackFrame, text: string): void {
  let site = dropReaderNote(text.trim());
  // Cheap end checks first: most frames carry neither a source annotation nor a note.
  if (site.endsWith(']')) site = takeSource(frame, site);
  for (let guard = 0; guard < 4 && site.endsWith(')'); guard++) {
    const note = NOTE.exec(site);
    if (!note) break;
    site = site.slice(0, note.index).trimEnd();
  }
  // A source annotation may also sit before the notes (`kv` puts it last, `kP` after the list).
  if (!frame.sourceFile && site.endsWith(']')) site = takeSource(frame, site);
  site = site.trim();
  frame.site = site;
  const sym = splitSymbol(site);
  if (sym.module) frame.module = sym.module;
  if (sym.function) frame.function = sym.function;
  if (sym.offset !== undefined && sym.offset >= 0) frame.offset = sym.offset;
}

function takeSource(frame: StackFrame, site: string): string {
  const src = SOURCE.exec(site);
  if (!src) return site;
  frame.sourceFile = src[1]!;
  frame.sourceLine = Number(src[2]);
  return site.slice(0, src.index).trimEnd();
}

/** A symbol as printed: `module!function+0xoff`, `module+0xoff`, `0xaddress`, C++ and templates included. */
export interface SymbolParts {
  module?: string;
  function?: string;
  /** Signed offset (`-0x177` in `ln` output); absent when not printed. */
  offset?: number;
}

/** Split `Wdf01000!FxObject::operator new+0x2a` into module, function (parameter list dropped) and offset. */
export function splitSymbol(text: string): SymbolParts {
  const s = text.trim();
  if (!s || /^0x[0-9a-f`]+$/i.test(s)) return {};
  const out: SymbolParts = {};
  let body = s;
  const off = OFFSET.exec(body);
  // `+0x…`/`+0`: only a real offset when it follows the name (not a `+` inside a template or list).
  if (off && (off[2]!.startsWith('0x') || off[2]!.startsWith('0X') || /^\d+$/.test(off[2]!))) {
    const value = parseInt(off[2]!.replace(/^0x/i, ''), off[2]!.toLowerCase().startsWith('0x') ? 16 : 10);
    if (Number.isSafeInteger(value)) {
      out.offset = off[1] === '-' ? -value : value;
      body = body.slice(0, off.index);
    }
  }
  const bang = body.indexOf('!');
  if (bang < 0) {
    if (/^[\w.$-]+$/.test(body)) out.module = body;
    return out;
  }
  const module = body.slice(0, bang).trim();
  if (module && /^[\w.$-]+$/.test(module)) out.module = module;
  const fn = stripParameters(body.slice(bang + 1).trim());
  if (fn) out.function = fn;
  return out;
}

/** `Foo(int a = 0n1)` → `Foo`; keeps `operator()` and `operator new`; `kp` prints the list inline. */
function stripParameters(fn: string): string {
  let depth = 0;
  for (let i = 0; i < fn.length; i++) {
    const c = fn[i];
    if (c === '<') depth++;
    else if (c === '>' && depth > 0) depth--;
    else if (c === '(' && depth === 0 && i > 0) {
      if (fn.startsWith('operator', i - 8) && fn.startsWith('()', i)) {
        i++;
        continue;
      }
      return fn.slice(0, i).trim();
    }
  }
  return fn;
}

const openParens = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) n++;
    else if (c === 41) n--;
  }
  return n;
};

/** The call site ends inside its `[file @ line]` annotation: a hard-wrapping paste cut it. */
const openSource = (s: string): boolean => s.lastIndexOf('[') > s.lastIndexOf(']');

/**
 * The rest of a call site on the next line. kP parameters and a cut next to ` @ ` join over a blank;
 * anywhere else in `[file @ line]` the cut fell inside the path or the number, which hold no blank.
 */
function continueSite(rest: string, text: string): string {
  const next = text.trim();
  if (!openSource(rest) || rest.endsWith('@') || next.startsWith('@')) return `${rest} ${next}`;
  return rest + next;
}

export interface StackReaderOptions {
  /** Parse frames before (or without) a column header: STACK_TEXT, pastes that lost the header. */
  headerless: boolean;
}

/** Collects the frames of one or more stacks from a stream of lines. */
export interface StackReader {
  /** True when the line belonged to a stack (a header, a frame, stack noise). */
  line(text: string, lineNo: number): boolean;
  /** True while a header was seen and frames are expected. */
  active(): boolean;
  /** Stacks read so far (the current one included), and reset; `dropped`: frames past MAX_FRAMES. */
  take(): ReadStack[];
}

interface ReadStack {
  frames: StackFrame[];
  layout?: StackLayout;
  first: number;
  last: number;
  dropped?: number;
}

export function createStackReader(options: StackReaderOptions): StackReader {
  const done: ReadStack[] = [];
  let layout: StackLayout | undefined;
  let frames: StackFrame[] = [];
  let dropped = 0;
  const push = (frame: StackFrame): void => {
    if (frames.length < MAX_FRAMES) frames.push(frame);
    else dropped++;
  };
  let first = 0;
  let last = 0;
  let pending: { frame: StackFrame; rest: string; lines: number } | undefined;

  const finishPending = (): void => {
    if (!pending) return;
    finishSite(pending.frame, pending.rest);
    push(pending.frame);
    pending = undefined;
  };
  const close = (): void => {
    finishPending();
    if (frames.length) {
      const read: ReadStack = layout ? { frames, layout, first, last } : { frames, first, last };
      if (dropped > 0) read.dropped = dropped;
      done.push(read);
    }
    frames = [];
    dropped = 0;
  };

  return {
    line(text, lineNo) {
      if (pending) {
        if (text.length > MAX_STACK_LINE) finishPending();
        else {
          // kP: parameters on their own lines until the list closes.
          pending.rest = continueSite(pending.rest, text);
          pending.lines++;
          last = lineNo;
          if ((openParens(pending.rest) <= 0 && !openSource(pending.rest)) || pending.lines >= MAX_CONTINUATION) finishPending();
          return true;
        }
      }
      if (text.trim().length === 0) return false;
      const header = parseStackHeader(text);
      if (header) {
        close();
        layout = header;
        first = lineNo;
        last = lineNo;
        return true;
      }
      if (!layout && !options.headerless) return false;
      if (NOISE.test(text)) {
        last = lineNo;
        return true;
      }
      const head = readFrameHead(text, lineNo, layout);
      if (!head) return false;
      if (!frames.length && !layout) first = lineNo;
      last = lineNo;
      if (openParens(head.rest) > 0 || openSource(head.rest)) {
        pending = { frame: head.frame, rest: head.rest, lines: 1 };
        return true;
      }
      finishSite(head.frame, head.rest);
      push(head.frame);
      return true;
    },
    active: () => !!layout || !!pending,
    take() {
      close();
      layout = undefined;
      return done.splice(0, done.length);
    },
  };
}

/**
 * Frames of a block of stack lines (the `!analyze` STACK_TEXT rows, a `!thread` stack). Lines that are
 * not frames are skipped; a column header, when present, is honoured.
 */
export function parseStackText(lines: readonly string[], firstLine = 1): StackFrame[] {
  const reader = createStackReader({ headerless: true });
  lines.forEach((l, i) => reader.line(l, firstLine + i));
  return reader.take().flatMap((s) => s.frames);
}

function stackKind(command: ParsedCommand | undefined): string {
  if (!command) return 'k';
  if (command.name === '!thread') return '!thread';
  // Keep the verb as typed (`kP` and `kp` differ), without a `~1 ` / `~*` thread prefix.
  const words = command.raw.split(/\s+/);
  for (const w of words) {
    const verb = w.replace(/^~[^k]*/i, '');
    if (K_VERB.test(verb)) return verb;
  }
  return command.name;
}

function createStackParser(ctx: BlockContext): BlockParser {
  const kind = stackKind(ctx.command);
  const lenient = kind === '!thread';
  const reader = createStackReader({ headerless: !lenient });
  const emit = (): void => {
    for (const s of reader.take()) {
      const fact: StackFact = { kind, frames: s.frames, provenance: ctx.provenance(s.first, s.last) };
      if (s.layout?.arch) fact.arch = s.layout.arch;
      ctx.sink.add('stacks', fact);
      if (s.dropped) ctx.diag(s.first, 'frames-dropped', `the stack has ${s.frames.length + s.dropped} frames; kept the first ${MAX_FRAMES} and left out ${s.dropped} (memory bound)`);
    }
  };
  return {
    line(text, no) {
      if (THREAD_HEADER.test(text)) {
        emit();
        return;
      }
      if (text.charCodeAt(0) === 66 /* B */) {
        const hit = BREAKPOINT_HIT.exec(text);
        if (hit) {
          emit();
          ctx.sink.add('breakpoints', { event: 'hit', id: Number(hit[1]), provenance: ctx.provenance(no, no) });
          return;
        }
      }
      if (reader.line(text, no)) return;
      if (text.trim().length === 0 || lenient) return;
      if (text.length > MAX_STACK_LINE) {
        ctx.diag(no, 'line-too-long', `a ${text.length}-character line is not stack output`, 'stack frames of a few hundred characters');
        return;
      }
      ctx.diag(no, 'malformed-line', `not a stack frame: "${text.trim().slice(0, 80)}"`,
        'a frame: [number] [Child-SP/ChildEBP] [RetAddr] [: args :] module!function+0xoffset [file @ line]');
    },
    end() {
      emit();
    },
  };
}
