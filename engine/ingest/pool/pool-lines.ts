// Line shapes shared by `!pool` and `!poolfind`: the block-header row both print
// (`826fa130 size:   c0 previous size:   40  (Allocated) SeSd`), large-page rows, special-pool rows,
// and the words that name a pool. Hand-written charCode scanners: these run once per line of
// scans that can be millions of lines long.
import type { PoolKind } from '../../types/facts.js';

/** One `<addr> size: <hex> previous size: <hex>  (State) <tag>` row. */
export interface HeaderRow {
  /** Lower-case hex without backtick. */
  address: string;
  /** Digits of the address as printed (8 → 32-bit, 16 → 64-bit). */
  addressDigits: number;
  size: number;
  previousSize: number;
  state: 'allocated' | 'free';
  /** Tag as printed, trailing blanks removed; empty when the quota owner overlays the tag (old x86). */
  tag: string;
  /** `*` before the address: the block holding the queried address (`!pool`). */
  marked: boolean;
  protected: boolean;
  quotaProcess?: string;
}

/** `*<addr> :large page allocation, Tag is XXXX, size is 0x.. bytes` (and its free variant). */
export interface LargeRow {
  address: string;
  addressDigits: number;
  tag: string;
  size: number;
  state: 'allocated' | 'free';
}

/** `*<addr> size: <hex> pagable|non-paged special pool, Tag is XXXX`. */
export interface SpecialRow {
  address: string;
  addressDigits: number;
  size: number;
  pageable: boolean;
  tag: string;
}

export function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** End of a hex run (a backtick may split 64-bit addresses) starting at `p`. */
export function hexEnd(text: string, p: number): number {
  const len = text.length;
  while (p < len) {
    const c = text.charCodeAt(p);
    if (!isHexCode(c) && c !== 96) break;
    p++;
  }
  return p;
}

/** Value of the hex digits in [start, end) (backticks skipped); -1 when empty or not hex. */
export function hexValue(text: string, start: number, end: number): number {
  if (end <= start) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) v = v * 16 + (c - 48);
    else if (c >= 97 && c <= 102) v = v * 16 + (c - 87);
    else if (c >= 65 && c <= 70) v = v * 16 + (c - 55);
    else if (c !== 96) return -1;
  }
  return v;
}

/** Address text → lower-case hex without backtick or 0x (fast when already clean). */
export function cleanAddress(raw: string): string {
  let s = raw;
  if (s.charCodeAt(0) === 48 && (s.charCodeAt(1) | 32) === 120) s = s.slice(2);
  if (s.indexOf('`') >= 0) s = s.replace(/`/g, '');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return s.toLowerCase();
  }
  return s;
}

/** Hex digits of an address, without backtick. */
export function addressDigits(text: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 96) n--;
  return n;
}

/** Pool kind from the words a debugger prints (`Nonpaged pool`, `Paged pool`, `NonPaged`, `session`…). */
export function poolKindOf(words: string): PoolKind {
  const w = words.trim().toLowerCase();
  if (w.startsWith('nonpaged') || w.startsWith('non-paged')) return 'nonpaged';
  if (w.startsWith('paged') || w.startsWith('pagable') || w.startsWith('pageable')) return 'paged';
  if (w.startsWith('session')) return 'session';
  if (w.startsWith('special')) return 'special';
  return 'unknown';
}

/** Pool kind named by a `!poolfind` pool argument: `0`/`-nonpaged`, `1`/`-paged`, `2`, `4`/`-session`. */
export function poolKindOfArg(arg: string | undefined): PoolKind | undefined {
  if (arg === undefined) return undefined;
  const a = arg.toLowerCase();
  if (a === '-nonpaged') return 'nonpaged';
  if (a === '-paged') return 'paged';
  if (a === '-session') return 'session';
  if (a === '-special') return 'special';
  const n = /^(?:0x)?([0-9a-f]+)$/.exec(a);
  if (!n) return undefined;
  const v = parseInt(n[1]!, 16);
  if (v & 4) return 'session';
  switch (v & 3) {
    case 0:
      return 'nonpaged';
    case 1:
      return 'paged';
    case 2:
      return 'special';
    default:
      return undefined;
  }
}

const SIZE = ' size:';
const PREVIOUS = ' previous size:';

/**
 * Parse a block-header row; undefined when the line has another shape. The tag sits at a fixed
 * place after the state (`) ` / `)      ` / `) `, then the `*` or blank marker); pastes that
 * collapsed the blanks fall back to the first non-blank character.
 */
export function parseHeaderRow(text: string): HeaderRow | undefined {
  const len = text.length;
  let p = 0;
  let marked = false;
  let c = text.charCodeAt(0);
  if (c === 42 /* * */) {
    marked = true;
    p = 1;
  } else if (c === 32) {
    p = 1;
  }
  const a0 = p;
  p = hexEnd(text, p);
  const a1 = p;
  const digits = addressDigits(text, a0, a1);
  if (digits < 8) return undefined;
  if (!text.startsWith(SIZE, p)) return undefined;
  p += SIZE.length;
  while (text.charCodeAt(p) === 32) p++;
  let s0 = p;
  p = hexEnd(text, p);
  const size = hexValue(text, s0, p);
  if (size < 0 || !text.startsWith(PREVIOUS, p)) return undefined;
  p += PREVIOUS.length;
  while (text.charCodeAt(p) === 32) p++;
  s0 = p;
  p = hexEnd(text, p);
  const previousSize = hexValue(text, s0, p);
  if (previousSize < 0) return undefined;
  while (text.charCodeAt(p) === 32) p++;
  if (text.charCodeAt(p) !== 40 /* ( */) return undefined;
  let state: HeaderRow['state'];
  let fixed: number; // blanks between `)` and the marker/tag in the debugger's own layout
  if (text.startsWith('(Allocated)', p)) {
    state = 'allocated';
    p += 11;
    fixed = 1;
  } else if (text.startsWith('(Free)', p)) {
    state = 'free';
    p += 6;
    fixed = 6;
  } else if (text.startsWith('(Free )', p)) {
    state = 'free';
    p += 7;
    fixed = 1;
  } else {
    return undefined;
  }
  // Marker column (`*` or blank) then 4 tag characters; tags may contain blanks (`Dh 0`, `Mm  `).
  let q = p;
  let blanks = 0;
  while (q < len && text.charCodeAt(q) === 32) {
    q++;
    blanks++;
  }
  let tagStart: number;
  if (text.charCodeAt(q) === 42 /* * */) {
    tagStart = q + 1;
  } else if (blanks === fixed + 1 || blanks === fixed) {
    tagStart = q; // `!pool` (blank marker column) or `!poolfind` (no marker column)
  } else if (blanks > fixed + 1) {
    tagStart = p + fixed + 1; // the tag itself starts with blanks
  } else {
    tagStart = q; // blanks collapsed by a paste
  }
  const row: HeaderRow = {
    address: cleanAddress(text.slice(a0, a1)),
    addressDigits: digits,
    size,
    previousSize,
    state,
    tag: '',
    marked,
    protected: false,
  };
  const rest = text.slice(tagStart);
  if (rest.startsWith('Process:')) {
    row.quotaProcess = cleanAddress(rest.slice(8).trim());
    return row;
  }
  row.tag = rest.slice(0, 4).trimEnd();
  let tail = rest.slice(4);
  if (tail.startsWith(' (Protected)')) {
    row.protected = true;
    tail = tail.slice(12);
  }
  const proc = /^\s*Process:\s*([0-9a-fA-F`]+)/.exec(tail);
  if (proc) row.quotaProcess = cleanAddress(proc[1]!);
  return row;
}

const LARGE = /^\*?\s*([0-9a-fA-F`]{8,17})\s*:\s*(free\s+)?large page allocation,\s*Tag\s+(?:is|was)\s(.{1,4}?),\s*size\s+(?:is|was)\s+(?:0x)?([0-9a-fA-F]+)\s+bytes/i;
const SPECIAL = /^\*?\s*([0-9a-fA-F`]{8,17})\s+size:\s*([0-9a-fA-F]+)\s+(pagable|pageable|non-paged|nonpaged)\s+special pool,\s*Tag\s+is\s(.{1,4})/i;

export function parseLargeRow(text: string): LargeRow | undefined {
  const m = LARGE.exec(text);
  if (!m) return undefined;
  return {
    address: cleanAddress(m[1]!),
    addressDigits: m[1]!.replace(/`/g, '').length,
    tag: m[3]!.trimEnd(),
    size: parseInt(m[4]!, 16),
    state: m[2] ? 'free' : 'allocated',
  };
}

export function parseSpecialRow(text: string): SpecialRow | undefined {
  const m = SPECIAL.exec(text);
  if (!m) return undefined;
  return {
    address: cleanAddress(m[1]!),
    addressDigits: m[1]!.replace(/`/g, '').length,
    size: parseInt(m[2]!, 16),
    pageable: m[3]!.toLowerCase().startsWith('pag'),
    tag: m[4]!.trimEnd(),
  };
}

/** Architecture proven by the digits of a printed pointer. */
export function archOfDigits(digits: number): 'x64' | 'x86' | undefined {
  if (digits === 16) return 'x64';
  if (digits === 8) return 'x86';
  return undefined;
}

/** Caps the malformed-line diagnostics of one block, so a log of junk stays small. */
export interface DiagBudget {
  take(): boolean;
  /** Lines over the cap. */
  dropped(): number;
}

export function diagBudget(limit = 50): DiagBudget {
  let used = 0;
  let over = 0;
  return {
    take() {
      if (used < limit) {
        used++;
        return true;
      }
      over++;
      return false;
    },
    dropped: () => over,
  };
}
