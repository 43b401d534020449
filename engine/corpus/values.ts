// "Was this literal kept?": the values a transcript prints (an address, a count, a tag, a module name)
// looked up among the leaves of the facts. Numbers are compared as numbers whatever their notation
// (`0000000000000062`, `0x62`, `98`, `fffff801`12345678`, `5,768,754`), names case-insensitively
// and with or without `.sys`, so the check is about what the parse kept, not how it spelled it.
import type { FactsDocument } from '../types/facts.js';
import { toMemoryOrder } from '../ingest/memory.js';

/**
 * Parts of a facts document that are not facts read from the transcript: diagnostics quote the lines
 * they could not read, so a value found only there was not parsed.
 */
const FREE_TEXT = new Set(['diagnostics', 'blocks', 'sources', 'provenance', 'expected']);
const TOKEN_SPLIT = /[\s,;()[\]{}<>"'=|\\/]+/;
const HEX = /^(?:0x)?[0-9a-f`]+$/i;
const DECIMAL = /^\d{1,3}(?:,\d{3})+$|^\d+$/;

/** The lookup keys a literal or a fact leaf stands for. */
export function valueKeys(text: string): string[] {
  const keys: string[] = [];
  let s = text.trim().toLowerCase();
  if (!s) return keys;
  // Units and labels glued to a number as the debugger prints it: `8332K`, `P:27220K`, `85%`.
  const unit = /^(?:[a-z]{1,3}:)?(\d+)(?:k|kb|%)$/.exec(s);
  if (unit) s = unit[1]!;
  keys.push(`s:${s}`);
  // `Loaded and Unloaded` as printed, `loaded-and-unloaded` as kept.
  if (/[\s_-]/.test(s)) keys.push(`s:${s.replace(/[\s_-]+/g, '-')}`);
  // A word at the end of a sentence: `EtwUnregister.`
  if (/[.,:;]$/.test(s) && s.length > 1) keys.push(`s:${s.replace(/[.,:;]+$/, '')}`);
  if (s.endsWith('.sys')) keys.push(`s:${s.slice(0, -4)}`);
  if (DECIMAL.test(s)) keys.push(`n:${BigInt(s.replaceAll(',', '')).toString(16)}`);
  const digits = s.replaceAll('`', '').replace(/^0x/, '');
  // Pure digits are also read as hex, since WinDbg prints most numbers in hex without 0x.
  if (HEX.test(s) && digits.length > 0 && (/[a-fx`]/.test(s) || /^\d+$/.test(s))) keys.push(`n:${BigInt(`0x${digits}`).toString(16)}`);
  return keys;
}

/** Every key of every structured leaf of a facts document (strings split into tokens, numbers). */
export function factKeys(doc: FactsDocument): Set<string> {
  const keys = new Set<string>();
  const addString = (s: string): void => {
    for (const k of valueKeys(s)) keys.add(k);
    if (s.length > 1000) return;
    for (const token of s.split(TOKEN_SPLIT)) {
      if (!token || token === s) continue;
      for (const k of valueKeys(token)) keys.add(k);
      // `module!function+0x13c`: the symbol without its offset is kept too.
      const plus = token.indexOf('+');
      if (plus > 0) for (const k of valueKeys(token.slice(0, plus))) keys.add(k);
    }
  };
  // Memory dumps keep bytes in memory order; the values the debugger printed are their unit-wide reads.
  for (const m of doc.memory) {
    const w = m.unit * 2;
    for (let i = 0; i + w <= m.bytes.length && i < 1 << 16; i += w) keys.add(`n:${BigInt(`0x${toMemoryOrder(m.bytes.slice(i, i + w))}`).toString(16)}`);
  }
  // What the engineer typed is a fact of the transcript too (`!verifier 3 fail_driver_pool_leak.sys`).
  for (const b of doc.blocks) if (b.command) addString(b.command);
  const walk = (v: unknown, depth: number): void => {
    if (depth > 40) return;
    if (typeof v === 'string') addString(v);
    else if (typeof v === 'number' && Number.isFinite(v)) {
      if (Number.isInteger(v) && v >= 0) keys.add(`n:${v.toString(16)}`);
      keys.add(`s:${String(v)}`);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (FREE_TEXT.has(k)) continue;
        addString(k);
        walk(x, depth + 1);
      }
    }
  };
  walk(doc, 0);
  return keys;
}

/** A word of a phrase that carries a value (a number, an address, a file or symbol name), not a label. */
const SIGNIFICANT = /[\d!\\.`_]/;

/**
 * True when the literal is among the keys (in any of its notations). A phrase such as
 * `NonPagedBytes 136` or `wdfpool.cpp @ 545` is kept when each of its value words is; a phrase of
 * words only (`Excessive NonPaged Pool Usage`) must be kept whole.
 */
export function isKept(literal: string, keys: ReadonlySet<string>): boolean {
  if (valueKeys(literal).some((k) => keys.has(k))) return true;
  // Words inside quotes or brackets are names (`Tag 'Heyo'`, `WDFOBJECT [ACXMANAGER]`, `v1.9(6902)`).
  const quoted = [...literal.matchAll(/'([^']+)'|\[([^\]]+)\]|\(([^)]+)\)/g)].map((m) => (m[1] ?? m[2] ?? m[3])!.trim());
  const words = literal.replace(/'[^']*'|\[[^\]]*\]|\([^)]*\)/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length + quoted.length < 2) return false;
  const values = [...words.map((w) => w.replace(/^[(\[.]+|[)\],:;.]+$/g, '')).filter((w) => SIGNIFICANT.test(w)), ...quoted];
  return values.length > 0 && values.every((w) => valueKeys(w).some((k) => keys.has(k)));
}
