// Breakpoints: the `bp`/`bu`/`bm`/`ba` commands with their conditions, `bl` listings, and what the
// target prints when it runs again (`g`, `p`, `t` …): `Breakpoint 0 hit` lines, the register dump and
// location that follow, and the stacks a breakpoint command like `"k; gc"` prints at each hit.
// `Breakpoint N hit` is also recognised without a prompt, so a hit inside an unparsed block (a `g`
// typed through a front end we do not know) still opens a breakpoint block.
import type { BreakpointFact, StackFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { isBlank } from './common.js';
import { createRegisterReader } from './registers.js';
import { createStackReader } from './stack.js';

const SET_VERB = /^b[pum]\d*$|^ba$/;
const RUN_VERBS = new Set(['g', 'gc', 'gu', 'gh', 'gn', 'p', 'pa', 'pc', 'pt', 't', 'ta', 'tc', 'tt']);
const HIT = /^Breakpoint (\d+) hit$/;
// `bl`: ` 0 e Disable Clear  fffff804`73b4e010     0001 (0001) nt!ExAllocatePool2 ".if …"`.
// The head only; the rest (`[n:****] [target] ["command"]`) is split by blRow, since a pattern for it
// would run blank against blank and retry a long gap for every position.
const BL_HEAD = /^\s*(\d+) ([edu])\s+(?:(?:Enable|Disable) Clear\s+)?(\S+)\s+[0-9a-f]{4} \([0-9a-f]{4}\)(\s.*)$/i;
const BL_THREAD = /^\d+:\*{4}/;
// `bm` output: `  1: fffff804`0591d7b0 @!"nt!ExAllocatePool2"`.
const BM_ROW = /^\s*(\d+): ([0-9a-f`]+)\s+@!"(.+)"\s*$/i;
const REGISTER = /^(?:[re]?[a-d]x|[re]?[sd]il?|[re]?[sb]pl?|[re]?ip|r\d{1,2}[dwb]?|[a-d][lh]|[xw]\d{1,2}|e?flags?|efl|fp|lr|sp|pc)$/i;

export const breakpoints: CommandFamily = {
  id: 'breakpoints',
  accepts: (c) => SET_VERB.test(c.name) || c.name === 'bl' || RUN_VERBS.has(c.name),
  recognise: (line) => line.charCodeAt(0) === 66 /* B */ && HIT.test(line),
  leads: 'B',
  // `g` output is whatever the target prints next, a bug check banner or a stack included.
  yields: true,
  create: (ctx) => {
    const name = ctx.command?.name ?? '';
    if (SET_VERB.test(name)) return createSetParser(ctx);
    if (name === 'bl') return createListParser(ctx);
    return createRunParser(ctx);
  },
};

/** Split a command line into words, keeping a `"…"` string (with `\"` escapes) as one word. */
function words(text: string): string[] {
  const out: string[] = [];
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  let i = 0;
  while (i < text.length) {
    while (isSpace(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    if (text[i] === '"') {
      // A string up to the next unescaped quote; unterminated, the quote starts a plain word.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' && j + 1 < text.length ? 2 : 1;
      if (j < text.length) {
        out.push(text.slice(start, j + 1));
        i = j + 1;
        continue;
      }
    }
    while (i < text.length && !isSpace(text[i])) i++;
    out.push(text.slice(start, i));
  }
  return out;
}

/** A `bl` row: number, state, address, target and the breakpoint's command, or undefined. */
function blRow(text: string): { id: number; address: string; target?: string; command?: string } | undefined {
  const m = BL_HEAD.exec(text);
  if (!m) return undefined;
  let rest = m[4]!.trim();
  const thread = BL_THREAD.exec(rest);
  if (thread) rest = rest.slice(thread[0].length).trimStart();
  let end = 0;
  while (end < rest.length && rest[end] !== '"' && !/\s/.test(rest[end]!)) end++;
  const target = end > 0 ? rest.slice(0, end) : undefined;
  rest = rest.slice(end).trimStart();
  if (rest && !(rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"'))) return undefined;
  return { id: Number(m[1]), address: m[3]!, ...(target ? { target } : {}), ...(rest ? { command: rest.slice(1, -1) } : {}) };
}

/** What a `bp`-style command sets: its target, condition and the register compares inside it. */
export interface BreakpointCommand {
  target?: string;
  /** The breakpoint's command string, without quotes. */
  action?: string;
  condition?: string;
  compares: Array<{ register: string; value: string }>;
  id?: number;
}

export function parseBreakpointCommand(raw: string): BreakpointCommand {
  // A command line is short; junk this long is not worth the condition patterns.
  const w = words(raw.trim().slice(0, 4096));
  const verb = w.shift() ?? '';
  const out: BreakpointCommand = { compares: [] };
  const idInVerb = /^b[pu](\d+)$/i.exec(verb);
  if (idInVerb) out.id = Number(idInVerb[1]);
  let condition: string | undefined;
  for (let i = 0; i < w.length; i++) {
    const t = w[i]!;
    if (t.startsWith('/')) {
      // `/w "expr"` is a condition; /p /t /c /C take an argument; /1, /a, /d do not.
      if (t === '/w' && w[i + 1]) condition = unquote(w[++i]!);
      else if (/^\/[ptcC]$/.test(t)) i++;
      continue;
    }
    if (/^(?:[rwei][1248]?|[1248])$/.test(t) && verb === 'ba' && out.target === undefined) continue;
    if (t.startsWith('"')) {
      out.action ??= unquote(t);
      continue;
    }
    if (out.target === undefined) out.target = t;
  }
  condition ??= out.action ? conditionOf(out.action) : undefined;
  if (condition) {
    out.condition = condition;
    out.compares = comparesOf(condition);
  }
  return out;
}

const unquote = (t: string): string => (t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\"/g, '"') : t);

/** The test inside `.if (…) {…}` or `j (…) '…';'…'` (or `j expr '…'`). */
export function conditionOf(action: string): string | undefined {
  const m = /(?:^|[;\s])(\.if|j)\s*(\()?/i.exec(action);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  if (m[2]) {
    // Balanced parentheses after `.if` / `j`.
    let depth = 1;
    const start = i;
    for (; i < action.length && depth > 0; i++) {
      if (action[i] === '(') depth++;
      else if (action[i] === ')') depth--;
    }
    return depth === 0 ? action.slice(start, i - 1).trim() : undefined;
  }
  const rest = action.slice(i);
  const q = rest.search(/['{]/);
  const cond = (q >= 0 ? rest.slice(0, q) : rest).trim();
  return cond || undefined;
}

/**
 * `@r8 == 0x61646d61`, `@rdx==0x…`, `r8 = 0x…` (MASM `=`), `poi(@rsp+28) != 0n…`, either side.
 * Registers are named without `@`; a memory operand keeps its expression (`poi(rsp+28)`).
 * Read around each `==`, `!=` or `=` by scanning: patterns for "operand, operator, number" started at
 * every letter would rescan a long word for each of its characters.
 */
export function comparesOf(condition: string): Array<{ register: string; value: string }> {
  const out: Array<{ register: string; value: string }> = [];
  const add = (lhs: string, value: string): void => {
    const deref = DEREF.test(lhs);
    const name = lhs.replace(/@/g, '').toLowerCase();
    if (!deref && !REGISTER.test(name)) return;
    const v = numberHex(value);
    if (v !== undefined && !out.some((c) => c.register === name && c.value === v)) out.push({ register: name, value: v });
  };
  const ops = operators(condition);
  for (const [s, e] of ops) {
    const lhs = operandBefore(condition, s);
    const value = lhs !== undefined ? numberAfter(condition, e) : undefined;
    if (lhs !== undefined && value !== undefined) add(lhs, value);
  }
  for (const [s, e] of ops) {
    const value = numberBefore(condition, s);
    const rhs = value !== undefined ? operandAfter(condition, e) : undefined;
    if (value !== undefined && rhs !== undefined) add(rhs, value);
  }
  return out;
}

const DEREF = /^(?:poi|dwo|qwo|wo|by)\(/i;
/** Longest `poi(…)` operand looked for: the walk to its other parenthesis must not cross the whole condition per operator. */
const MAX_OPERAND = 256;
const NUMBER = /^(?:0x[0-9a-f`]+|0n\d+|[0-9a-f`]+)$/i;
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWord = (c: number): boolean => isAlnum(c) || c === 95;

/** Start and end of each comparison operator (`==`, `!=`, a lone `=`). */
function operators(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 61 /* = */) continue;
    if (text.charCodeAt(i + 1) === 61) {
      out.push([i, i + 2]);
      i++;
    } else out.push(text.charCodeAt(i - 1) === 33 /* ! */ ? [i - 1, i + 1] : [i, i + 1]);
  }
  return out;
}

/** A register word (`@r8`, `rdx`) or a `poi(…)` operand (one level of inner parentheses) ending before `end` and its blanks. */
function operandBefore(text: string, end: number): string | undefined {
  let e = end;
  while (e > 0 && isBlank(text.charCodeAt(e - 1))) e--;
  if (text.charCodeAt(e - 1) === 41 /* ) */) {
    let depth = 0;
    for (let i = e - 1; i >= Math.max(0, e - MAX_OPERAND); i--) {
      const c = text.charCodeAt(i);
      if (c === 41) depth++;
      else if (c === 40 /* ( */ && --depth === 0) {
        const m = /(?:poi|dwo|qwo|wo|by)$/i.exec(text.slice(Math.max(0, i - 3), i));
        return m ? text.slice(i - m[0].length, e) : undefined;
      }
      if (depth > 2) return undefined;
    }
    return undefined;
  }
  let s = e;
  while (s > 0 && isAlnum(text.charCodeAt(s - 1))) s--;
  while (s < e && !/[a-z]/i.test(text[s]!)) s++;
  if (s === e) return undefined;
  return text.charCodeAt(s - 1) === 64 /* @ */ ? text.slice(s - 1, e) : text.slice(s, e);
}

/** The same kind of operand starting after `start` and its blanks. */
function operandAfter(text: string, start: number): string | undefined {
  let s = start;
  while (s < text.length && isBlank(text.charCodeAt(s))) s++;
  const deref = DEREF.exec(text.slice(s, s + 4));
  if (deref) {
    let depth = 0;
    for (let i = s + deref[0].length - 1; i < Math.min(text.length, s + MAX_OPERAND); i++) {
      const c = text.charCodeAt(i);
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) return text.slice(s, i + 1);
      if (depth > 2) return undefined;
    }
    return undefined;
  }
  let e = s;
  if (text.charCodeAt(e) === 64) e++;
  if (!/[a-z]/i.test(text[e] ?? '')) return undefined;
  while (e < text.length && isAlnum(text.charCodeAt(e))) e++;
  return text.slice(s, e);
}

/** A number (`0x…`, `0n…`, hex with backticks) standing alone after `start` and its blanks. */
function numberAfter(text: string, start: number): string | undefined {
  let s = start;
  while (s < text.length && isBlank(text.charCodeAt(s))) s++;
  let e = s;
  while (e < text.length && (isWord(text.charCodeAt(e)) || text.charCodeAt(e) === 96)) e++;
  return numberIn(text, s, e);
}

/** The same, ending before `end` and its blanks. */
function numberBefore(text: string, end: number): string | undefined {
  let e = end;
  while (e > 0 && isBlank(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && (isWord(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 96)) s--;
  return numberIn(text, s, e);
}

/** text[s, e) when it is one number (not ending in a backtick) not glued to a `@` or `$` before it. */
function numberIn(text: string, s: number, e: number): string | undefined {
  const before = text.charCodeAt(s - 1);
  if (s === e || before === 64 || before === 36) return undefined;
  const t = text.slice(s, e);
  return NUMBER.test(t) && !t.endsWith('`') ? t : undefined;
}

function numberHex(text: string): string | undefined {
  const t = text.replace(/`/g, '').toLowerCase();
  let n: bigint;
  if (t.startsWith('0n')) n = BigInt(t.slice(2));
  else if (/^(?:0x)?[0-9a-f]+$/.test(t)) n = BigInt('0x' + t.replace(/^0x/, ''));
  else return undefined;
  return n.toString(16);
}

function setFact(ctx: BlockContext, cmd: BreakpointCommand, first: number, last: number): BreakpointFact {
  const fact: BreakpointFact = { event: 'set', provenance: ctx.provenance(first, last) };
  if (cmd.id !== undefined) fact.id = cmd.id;
  if (cmd.target) fact.target = cmd.target;
  if (cmd.condition) fact.condition = cmd.condition;
  if (cmd.compares.length) fact.compares = cmd.compares;
  return fact;
}

function createSetParser(ctx: BlockContext): BlockParser {
  const cmd = parseBreakpointCommand(ctx.command?.raw ?? '');
  let emitted = false;
  let failed = false;
  let firstOutput: number | undefined;
  return {
    line(text, no) {
      firstOutput ??= no;
      if (text.length > 4096) return;
      const bm = BM_ROW.exec(text);
      if (bm) {
        emitted = true;
        ctx.sink.add('breakpoints', setFact(ctx, { ...cmd, target: bm[3]!, id: Number(bm[1]) }, no, no));
        return;
      }
      // `… could not be resolved, adding deferred bp` still sets one; the others do not.
      if (/could not be resolved|Couldn't resolve|Syntax error|Range error|No matching|Invalid/i.test(text) && !/adding deferred/i.test(text)) {
        failed = true;
        ctx.diag(no, 'debugger-error', `the debugger did not set the breakpoint as typed: ${text.trim().slice(0, 120)}`);
      }
      // Other output (`breakpoint 0 redefined`, deferred-breakpoint notes) adds nothing.
    },
    end(last) {
      // `bm` listed what it set; otherwise the command line is the evidence (`bp` prints nothing)
      // unless the debugger refused it.
      if (emitted || failed) return;
      const prompt = firstOutput !== undefined ? Math.max(1, firstOutput - 1) : last;
      ctx.sink.add('breakpoints', setFact(ctx, cmd, prompt, Math.max(prompt, last)));
    },
  };
}

function createListParser(ctx: BlockContext): BlockParser {
  return {
    line(text, no) {
      if (!text.trim()) return;
      const row = text.length <= 4096 ? blRow(text) : undefined;
      if (!row) {
        ctx.diag(no, 'malformed-line', `not a bl row: "${text.trim().slice(0, 80)}"`,
          '` N e <address> 0001 (0001) module!symbol ["command"]`');
        return;
      }
      const cmd = parseBreakpointCommand(`bp ${row.target ?? row.address}${row.command !== undefined ? ` "${row.command}"` : ''}`);
      cmd.id = row.id;
      ctx.sink.add('breakpoints', setFact(ctx, cmd, no, no));
    },
    end() {},
  };
}

/** Output of a running target: hits, register dumps, and stacks printed by breakpoint commands. */
function createRunParser(ctx: BlockContext): BlockParser {
  const regs = createRegisterReader(ctx);
  const stacks = createStackReader({ headerless: false });
  let hit: BreakpointFact | undefined;
  let hitLine = 0;
  const emitStacks = (): void => {
    for (const s of stacks.take()) {
      const fact: StackFact = { kind: 'k', frames: s.frames, provenance: ctx.provenance(s.first, s.last) };
      if (s.layout?.arch) fact.arch = s.layout.arch;
      ctx.sink.add('stacks', fact);
    }
  };
  const emitHit = (): void => {
    if (!hit) return;
    const target = regs.location();
    if (target && !hit.target) hit.target = target;
    ctx.sink.add('breakpoints', hit);
    hit = undefined;
  };
  return {
    line(text, no) {
      if (text.length > 4096) return;
      const m = text.charCodeAt(0) === 66 ? HIT.exec(text) : null;
      if (m) {
        emitHit();
        emitStacks();
        regs.flush();
        hitLine = no;
        hit = { event: 'hit', id: Number(m[1]), provenance: ctx.provenance(no, no) };
        return;
      }
      // A stack in progress keeps its lines; otherwise a header starts one.
      if (stacks.line(text, no)) return;
      if (stacks.active()) emitStacks();
      if (regs.line(text, no)) {
        // The location right after a hit is the breakpoint's target.
        if (hit && !hit.target && regs.location() && no <= hitLine + 3) hit.target = regs.location()!;
        return;
      }
      // Anything else a running target prints (module loads, exceptions, DbgPrint) is not ours to judge.
    },
    end() {
      emitHit();
      emitStacks();
      regs.flush();
    },
  };
}
