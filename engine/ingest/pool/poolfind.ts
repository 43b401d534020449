// `!poolfind Tag|0xValue [PoolType|-nonpaged|-paged|-session]`: every block carrying one tag, first
// from the big-page (large pool) table, then by walking pool pages. A scan can print millions of
// rows, so rows fold on the fly into groups per tag × pool × size × section × state, each keeping
// its count and its first three addresses; nothing is kept per line.
//
// Modern rows:  `ffffda001accb5f0 : tag amda, size    0x140, Nonpaged pool`
// Legacy rows:  `826fa130 size:   c0 previous size:   40  (Allocated) SeSd`, `(Free)`, `(Free )`,
//               `*82f4c000 :large page allocation, Tag  is SeSd, size  is 0x2000 bytes`,
//               `*<addr> size:  ff0 pagable special pool, Tag is SeSd`.
import type { PoolBlockGroup, PoolKind, PoolScanFact } from '../../types/facts.js';
import type { BlockContext, CommandFamily } from '../../types/ingest.js';
import type { ByteLane, LaneParser } from '../../transcript/segment.js';
import {
  archOfDigits,
  cleanAddress,
  diagBudget,
  hexEnd,
  isHexCode,
  parseHeaderRow,
  parseLargeRow,
  parseSpecialRow,
  poolKindOf,
  poolKindOfArg,
  type HeaderRow,
} from './pool-lines.js';

export const poolfind: CommandFamily = {
  id: 'poolfind',
  accepts: (c) => c.name === '!poolfind',
  recognise: recognisePoolfind,
  create: (ctx) => createPoolfindParser(ctx),
};

const POOLS: readonly PoolKind[] = ['nonpaged', 'paged', 'session', 'special', 'unknown'];
const POOL_INDEX: Record<PoolKind, number> = { nonpaged: 0, paged: 1, session: 2, special: 3, unknown: 4 };
const SECTIONS: readonly PoolBlockGroup['section'][] = ['large', 'small', 'unknown'];
const LARGE = 0;
const SMALL = 1;
const NO_SECTION = 2;
const SAMPLES = 3;
/** Furthest a byte-lane row check reads past the start of its line (see laneRow's caps). */
const LANE_REACH = 256;

const SCANNING = 'Scanning large pool allocation table for ';
const SCAN_MODERN = /for tag (0x[0-9a-f]+) \((.{1,4})\)\s*(?:\(\s*([0-9a-f`]+)\s*:\s*([0-9a-f`]+)\s*\))?/i;
const SCAN_LEGACY = /for Tag:?\s*'?(.{1,4}?)'?\s*(?:\(\s*([0-9a-f`]+)\s*:\s*([0-9a-f`]+)\s*\))?\s*$/;
const SEARCHING = /^Searching\s+(\S+)\s+pool\s*\(\s*([0-9a-f`]+)\s*:\s*([0-9a-f`]+)\s*\)\s*for\s+(?:tag\s+(0x[0-9a-f]+)\s*\((.{1,4})\)|Tag:?\s*(.{1,4}))/i;
const TERMINATING = /^\.\.\.terminating - searched pool to\s+(?:0x)?([0-9a-f`]+)/i;
const CACHE_NOISE = /^(?:\*\*\* CacheSize too low|Max cache size is|Total memory in cache|Number of regions cached|\d+ full reads broken|counts:|bytes\s*:|\*\* (?:Transition|Prototype) PTEs|Using a machine size)/i;
const DEBUGGER_ERROR = /unable to get|cannot get|no pool header for page|out of memory|could not be found in special pool|probably wrong symbols|pool tagging is disabled/i;
const MODERN_TAIL = /^,\s*(\S+)\s+pool\s*(.*)$/i;

/** Hex digit value per byte, -1 for other bytes (the byte lane's digit test). */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[97 + i] = 10 + i;
  HEX[65 + i] = 10 + i;
}

/** A group while the scan runs; `key` packs size, pool, section and state. */
interface Group {
  tag: string;
  key: number;
  size: number;
  pool: number;
  section: number;
  state: number;
  count: number;
  first: number;
  last: number;
  samples: Array<{ address: string; line: number }>;
}

interface ScanArgs {
  tag?: string;
  tagValue?: number;
  poolArg?: string;
  pool?: PoolKind;
}

/** Reads the arguments of `!poolfind`: legacy `Tag [PoolType]`, modern `[-tag "AB C"] Tag [-paged …]`. */
export function parsePoolfindArgs(args: string): ScanArgs {
  const out: ScanArgs = {};
  const tokens = args.match(/"[^"]*"|\S+/g) ?? [];
  const flags: string[] = [];
  let bare = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '-tag' && tokens[i + 1] !== undefined) {
      out.tag = unquote(tokens[++i]!);
    } else if (t === '-x' && tokens[i + 1] !== undefined) {
      i++; // a command to run per match; not a pool argument
    } else if (t.startsWith('-')) {
      flags.push(t);
    } else if (bare++ === 0 && out.tag === undefined) {
      out.tag = unquote(t);
    } else {
      flags.push(t);
    }
  }
  if (out.tag !== undefined && /^0x[0-9a-f]{1,8}$/.test(out.tag)) {
    // `0x` starts a tag value (the doc: `0X` would be a tag string).
    out.tagValue = parseInt(out.tag.slice(2), 16);
    out.tag = tagOfValue(out.tagValue);
  } else if (out.tag !== undefined) {
    const v = valueOfTag(out.tag);
    if (v !== undefined) out.tagValue = v;
  }
  if (flags.length) {
    out.poolArg = flags.join(' ');
    for (const f of flags) {
      const k = poolKindOfArg(f);
      if (k) out.pool = k;
    }
  }
  return out;
}

const unquote = (s: string): string => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

/** `amda` → 0x61646d61: the tag's four bytes read as a little-endian number; none for patterns. */
export function valueOfTag(tag: string): number | undefined {
  if (tag.length === 0 || tag.length > 4 || /[*?]/.test(tag)) return undefined;
  const t = tag.padEnd(4, ' ');
  let v = 0;
  for (let i = 3; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if (c > 255) return undefined;
    v = v * 256 + c;
  }
  return v;
}

/** 0x61646d61 → `amda` (non-printable bytes shown as `.`, as the debugger does). */
export function tagOfValue(value: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    const b = Math.floor(value / 256 ** i) & 0xff;
    s += b >= 32 && b < 127 ? String.fromCharCode(b) : '.';
  }
  return s.trimEnd();
}

function recognisePoolfind(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 83 /* S */) {
    return (
      (line.startsWith(SCANNING) && (SCAN_MODERN.test(line) || SCAN_LEGACY.test(line))) ||
      (line.startsWith('Searching ') && SEARCHING.test(line))
    );
  }
  if (!isHexCode(c)) return false;
  const p = hexEnd(line, 0);
  if (p < 8) return false;
  if (line.startsWith(' : tag ', p)) return line.indexOf(', size', p) > 0;
  // Legacy rows start at column 0; `!pool` rows start with a blank or `*`.
  return line.startsWith(' size:', p) && parseHeaderRow(line) !== undefined;
}

// Results of the row scanners.
const NOT_ROW = 0;
const ROW = 1;
const PARTIAL = 2;

function createPoolfindParser(ctx: BlockContext): LaneParser {
  const scan = ctx.sink.next('poolfind');
  const args = parsePoolfindArgs(ctx.command?.args ?? '');
  const commandPool: PoolKind = args.pool ?? (ctx.command ? 'nonpaged' : 'unknown');
  const budget = diagBudget();
  const ranges: PoolScanFact['ranges'] = [];
  const order: Group[] = [];
  const byTag = new Map<string, Map<number, Group>>();

  let first: number | undefined;
  let section = NO_SECTION;
  let sectionPool: PoolKind | undefined;
  let headerTag: string | undefined;
  let headerValue: number | undefined;
  let terminatedAt: string | undefined;
  let modern = false;
  let legacy = false;
  let blocks = 0;
  let archDone = false;
  let pending: { text: string; no: number } | undefined;

  // One-entry caches for the hot path: the last raw tag seen and the last group hit.
  let lastRaw = '';
  let lastRawTag = '';
  let lastTag = '';
  let lastMap: Map<number, Group> | undefined;
  let cur: Group | undefined;

  const groupFor = (tag: string, size: number, pool: number, sec: number, state: number, no: number): Group => {
    const key = ((size * 8 + pool) * 4 + sec) * 2 + state;
    const g0 = cur;
    if (g0 !== undefined && g0.key === key && g0.tag === tag) return g0;
    let map = tag === lastTag ? lastMap : byTag.get(tag);
    if (map === undefined) {
      map = new Map();
      byTag.set(tag, map);
    }
    lastTag = tag;
    lastMap = map;
    let g = map.get(key);
    if (g === undefined) {
      g = { tag, key, size, pool, section: sec, state, count: 0, first: no, last: no, samples: [] };
      map.set(key, g);
      order.push(g);
    }
    cur = g;
    return g;
  };

  const count = (g: Group, address: string, no: number): void => {
    g.count++;
    g.last = no;
    blocks++;
    if (g.samples.length < SAMPLES) g.samples.push({ address, line: no });
  };

  const noteArch = (digits: number, sample: string): void => {
    archDone = true;
    const arch = archOfDigits(digits);
    if (arch) ctx.sink.arch(arch, `${digits * 4}-bit pool addresses in !poolfind output (${sample})`);
  };

  /** The hot path: `<addr> : tag XXXX, size <hex>, <Pool> pool`, scanned with charCodeAt only. */
  const modernRow = (text: string, no: number): number => {
    const len = text.length;
    const p = hexEnd(text, 0);
    if (
      p < 8 ||
      text.charCodeAt(p) !== 32 ||
      text.charCodeAt(p + 1) !== 58 ||
      text.charCodeAt(p + 2) !== 32 ||
      text.charCodeAt(p + 3) !== 116 ||
      text.charCodeAt(p + 4) !== 97 ||
      text.charCodeAt(p + 5) !== 103 ||
      text.charCodeAt(p + 6) !== 32
    ) {
      return NOT_ROW;
    }
    const t = p + 7;
    if (len < t + 6 || text.charCodeAt(t + 4) !== 44 /* , */) return PARTIAL;
    // `, size` with the value right-aligned; zero prints as a bare `0`.
    let q = t + 5;
    if (
      text.charCodeAt(q) !== 32 ||
      text.charCodeAt(q + 1) !== 115 ||
      text.charCodeAt(q + 2) !== 105 ||
      text.charCodeAt(q + 3) !== 122 ||
      text.charCodeAt(q + 4) !== 101
    ) {
      return PARTIAL;
    }
    q += 5;
    while (text.charCodeAt(q) === 32) q++;
    if (text.charCodeAt(q) === 48 && (text.charCodeAt(q + 1) | 32) === 120) q += 2;
    let size = 0;
    const d0 = q;
    for (;;) {
      const c = text.charCodeAt(q);
      if (c >= 48 && c <= 57) size = size * 16 + (c - 48);
      else if (c >= 97 && c <= 102) size = size * 16 + (c - 87);
      else if (c >= 65 && c <= 70) size = size * 16 + (c - 55);
      else break;
      q++;
    }
    if (q === d0 || text.charCodeAt(q) !== 44 || text.charCodeAt(q + 1) !== 32) return PARTIAL;
    // Pool words; anything beyond `<Word> pool` goes to the slow path.
    const r = q + 2;
    const w = text.charCodeAt(r) | 32;
    let pool = -1;
    let wordLen = 0;
    if (w === 110 /* n */) {
      pool = 0;
      wordLen = 8;
    } else if (w === 112 /* p */) {
      pool = 1;
      wordLen = 5;
    } else if (w === 115 /* s */) {
      pool = (text.charCodeAt(r + 1) | 32) === 101 ? 2 : 3;
      wordLen = 7;
    }
    let state = 0;
    if (pool < 0 || len !== r + wordLen + 5 || text.charCodeAt(len - 1) !== 108 /* l */) {
      const m = MODERN_TAIL.exec(text.slice(q));
      if (!m) return PARTIAL;
      pool = POOL_INDEX[poolKindOf(m[1]!)];
      if (/\bfree\b/i.test(m[2]!)) state = 1;
    }
    if (pool === 4) pool = POOL_INDEX[sectionPool ?? commandPool];
    // Tag: reuse the previous string when the four characters match.
    let tag = lastRawTag;
    if (
      lastRaw.length !== 4 ||
      text.charCodeAt(t) !== lastRaw.charCodeAt(0) ||
      text.charCodeAt(t + 1) !== lastRaw.charCodeAt(1) ||
      text.charCodeAt(t + 2) !== lastRaw.charCodeAt(2) ||
      text.charCodeAt(t + 3) !== lastRaw.charCodeAt(3)
    ) {
      lastRaw = text.slice(t, t + 4);
      tag = lastRawTag = lastRaw.trimEnd();
    }
    modern = true;
    const g = groupFor(tag, size, pool, section, state, no);
    if (g.samples.length < SAMPLES || !archDone) {
      const address = cleanAddress(text.slice(0, p));
      if (!archDone) noteArch(address.length, address);
      count(g, address, no);
    } else {
      g.count++;
      g.last = no;
      blocks++;
    }
    return ROW;
  };

  const legacyRow = (row: HeaderRow, no: number): void => {
    legacy = true;
    if (!archDone) noteArch(row.addressDigits, row.address);
    // Old x86 kernels overlay the quota owner on the tag: the row then names no tag.
    const tag = row.tag || headerTag || args.tag || '';
    const pool = POOL_INDEX[sectionPool ?? (section === LARGE ? 'unknown' : commandPool)];
    count(groupFor(tag, row.size, pool, section, row.state === 'free' ? 1 : 0, no), row.address, no);
  };

  /** Rows other than the modern one: legacy small, large-page and special-pool rows. */
  const otherRow = (text: string, no: number): number => {
    const c = text.charCodeAt(0);
    if (c === 42 /* * */) {
      const large = parseLargeRow(text);
      if (large) {
        legacy = true;
        if (!archDone) noteArch(large.addressDigits, large.address);
        // The big-page table holds blocks of every pool; its rows do not say which.
        const pool = POOL_INDEX[section === LARGE ? 'unknown' : sectionPool ?? commandPool];
        const g = groupFor(large.tag, large.size, pool, section, large.state === 'free' ? 1 : 0, no);
        count(g, large.address, no);
        return ROW;
      }
      const special = parseSpecialRow(text);
      if (special) {
        legacy = true;
        if (!archDone) noteArch(special.addressDigits, special.address);
        count(groupFor(special.tag, special.size, POOL_INDEX.special, section, 0, no), special.address, no);
        return ROW;
      }
      return /^\*[0-9a-f`]{8,17}\s/i.test(text) ? PARTIAL : NOT_ROW;
    }
    if (!isHexCode(c)) return NOT_ROW;
    const row = parseHeaderRow(text);
    if (row) {
      legacyRow(row, no);
      return ROW;
    }
    const p = hexEnd(text, 0);
    return p >= 8 && text.startsWith(' size:', p) ? PARTIAL : NOT_ROW;
  };

  const anyRow = (text: string, no: number): number => {
    const r = modernRow(text, no);
    return r === NOT_ROW ? otherRow(text, no) : r;
  };

  const malformed = (text: string, no: number, expected: string): void => {
    if (budget.take()) {
      ctx.diag(no, 'malformed-line', `not a !poolfind line: "${text.trim().slice(0, 100)}"`, expected);
    }
  };

  const ROW_EXPECTED = 'a row `<address> : tag XXXX, size 0x.., <pool> pool` or `<address> size: .. previous size: .. (Allocated) XXXX`';

  /** Headers, the terminating note, debugger noise and errors. */
  const other = (text: string, no: number): void => {
    const s = text.trim();
    if (s.length === 0 || /^\.+$/.test(s) || CACHE_NOISE.test(s)) return;
    if (s.startsWith(SCANNING)) {
      section = LARGE;
      sectionPool = undefined;
      const m = SCAN_MODERN.exec(s);
      if (m) {
        modern = true;
        headerValue = parseInt(m[1]!.slice(2), 16);
        headerTag = m[2]!.trimEnd();
        if (m[3] && m[4]) ranges.push({ section: 'large', pool: 'unknown', start: cleanAddress(m[3]), end: cleanAddress(m[4]) });
        return;
      }
      const l = SCAN_LEGACY.exec(s);
      if (l) {
        legacy = true;
        headerTag = l[1]!.trimEnd();
        if (l[2] && l[3]) ranges.push({ section: 'large', pool: 'unknown', start: cleanAddress(l[2]), end: cleanAddress(l[3]) });
        return;
      }
      malformed(text, no, 'a header `Scanning large pool allocation table for tag 0x.. (XXXX) (start : end)`');
      return;
    }
    if (s.startsWith('Searching ')) {
      const m = SEARCHING.exec(s);
      if (m) {
        section = SMALL;
        sectionPool = poolKindOf(m[1]!);
        if (sectionPool === 'unknown') sectionPool = undefined;
        ranges.push({ section: 'small', pool: sectionPool ?? commandPool, start: cleanAddress(m[2]!), end: cleanAddress(m[3]!) });
        if (m[4]) {
          modern = true;
          headerValue = parseInt(m[4].slice(2), 16);
          headerTag = m[5]!.trimEnd();
        } else if (m[6]) {
          legacy = true;
          headerTag = m[6].trimEnd();
        }
        return;
      }
      malformed(text, no, 'a header `Searching <pool> pool (start : end) for tag ...`');
      return;
    }
    const term = TERMINATING.exec(s);
    if (term) {
      terminatedAt = cleanAddress(term[1]!);
      return;
    }
    if (DEBUGGER_ERROR.test(s)) {
      const info = /could not be found/i.test(s);
      if (budget.take()) {
        ctx.diag(no, info ? 'tag-not-found' : 'debugger-error', `the debugger said: ${s.slice(0, 160)}`);
      }
      return;
    }
    malformed(text, no, ROW_EXPECTED);
  };

  /**
   * The modern row (or a blank line) read from bytes; returns the offset after its LF, or -1 when the
   * line is anything else, which then goes through line(). Every byte of a taken line is checked,
   * so a stray CR or non-ASCII byte cannot hide in one. Each run is capped, so no read lies more
   * than LANE_REACH bytes past `p` (the caller keeps that much room before the end of the buffer).
   */
  const laneRow = (b: Uint8Array, p: number, no: number): number => {
    let c = b[p]!;
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      let k = 0;
      while ((c === 32 || c === 9) && k++ < 64) c = b[++p]!;
      if (c === 13) c = b[++p]!;
      return c === 10 ? p + 1 : -1;
    }
    const a0 = p;
    while (HEX[b[p]!]! >= 0 && p - a0 < 17) p++;
    const digits = p - a0;
    if (
      digits < 8 ||
      b[p] !== 32 ||
      b[p + 1] !== 58 ||
      b[p + 2] !== 32 ||
      b[p + 3] !== 116 ||
      b[p + 4] !== 97 ||
      b[p + 5] !== 103 ||
      b[p + 6] !== 32
    ) {
      return -1;
    }
    const t = p + 7;
    const c0 = b[t]!;
    const c1 = b[t + 1]!;
    const c2 = b[t + 2]!;
    const c3 = b[t + 3]!;
    if (c0 < 32 || c0 > 126 || c1 < 32 || c1 > 126 || c2 < 32 || c2 > 126 || c3 < 32 || c3 > 126) return -1;
    let q = t + 4;
    if (b[q] !== 44 || b[q + 1] !== 32 || b[q + 2] !== 115 || b[q + 3] !== 105 || b[q + 4] !== 122 || b[q + 5] !== 101) {
      return -1;
    }
    q += 6;
    const s0 = q;
    while (b[q] === 32 && q - s0 < 24) q++;
    if (b[q] === 48 && (b[q + 1] === 120 || b[q + 1] === 88)) q += 2;
    const d0 = q;
    let size = 0;
    let v: number;
    while ((v = HEX[b[q]!]!) >= 0 && q - d0 < 13) {
      size = size * 16 + v;
      q++;
    }
    if (q === d0 || b[q] !== 44 || b[q + 1] !== 32) return -1;
    q += 2;
    let pool: number;
    const w = b[q];
    if (w === 78 && b[q + 1] === 111 && b[q + 2] === 110 && b[q + 3] === 112 && b[q + 4] === 97 && b[q + 5] === 103 && b[q + 6] === 101 && b[q + 7] === 100) {
      pool = 0; // Nonpaged
      q += 8;
    } else if (w === 80 && b[q + 1] === 97 && b[q + 2] === 103 && b[q + 3] === 101 && b[q + 4] === 100) {
      pool = 1; // Paged
      q += 5;
    } else if (w === 83 && b[q + 1] === 101 && b[q + 2] === 115 && b[q + 3] === 115 && b[q + 4] === 105 && b[q + 5] === 111 && b[q + 6] === 110) {
      pool = 2; // Session
      q += 7;
    } else if (w === 83 && b[q + 1] === 112 && b[q + 2] === 101 && b[q + 3] === 99 && b[q + 4] === 105 && b[q + 5] === 97 && b[q + 6] === 108) {
      pool = 3; // Special
      q += 7;
    } else {
      return -1;
    }
    if (b[q] !== 32 || b[q + 1] !== 112 || b[q + 2] !== 111 || b[q + 3] !== 111 || b[q + 4] !== 108) return -1;
    q += 5;
    c = b[q]!;
    const e0 = q;
    while ((c === 32 || c === 9) && q - e0 < 64) c = b[++q]!;
    if (c === 13) c = b[++q]!;
    if (c !== 10) return -1;
    // Taken: the same bookkeeping as modernRow.
    let tag = lastRawTag;
    if (lastRaw.length !== 4 || c0 !== lastRaw.charCodeAt(0) || c1 !== lastRaw.charCodeAt(1) || c2 !== lastRaw.charCodeAt(2) || c3 !== lastRaw.charCodeAt(3)) {
      lastRaw = String.fromCharCode(c0, c1, c2, c3);
      tag = lastRawTag = lastRaw.trimEnd();
    }
    modern = true;
    const g = groupFor(tag, size, pool, section, 0, no);
    if (g.samples.length < SAMPLES || !archDone) {
      let address = '';
      for (let i = a0; i < a0 + digits; i++) address += String.fromCharCode(b[i]!);
      address = cleanAddress(address);
      if (!archDone) noteArch(digits, address);
      count(g, address, no);
    } else {
      g.count++;
      g.last = no;
      blocks++;
    }
    return q + 1;
  };

  const lane: ByteLane = {
    next: 0,
    take(buf, start, end, firstLine) {
      let p = start;
      let taken = 0;
      if (pending === undefined) {
        if (first === undefined) first = ctx.command ? firstLine - 1 : firstLine;
        // Reads never go past the buffer (an out-of-range read would slow every later read):
        // lines within LANE_REACH of the end are left to the usual path.
        const stop = Math.min(end, buf.length) - LANE_REACH;
        while (p < stop) {
          const q = laneRow(buf, p, firstLine + taken);
          if (q < 0) break;
          p = q;
          taken++;
        }
      }
      lane.next = p;
      return taken;
    },
  };

  return {
    lane,
    line(text, no) {
      if (first === undefined) first = ctx.command ? no - 1 : no;
      if (pending !== undefined) {
        // A row a terminal wrapped: join it with this line (with and without a blank between).
        const prev = pending;
        pending = undefined;
        const c = text.charCodeAt(0);
        const rowStart = (isHexCode(c) || c === 42) && hexEnd(text, c === 42 ? 1 : 0) >= 8;
        if (!rowStart && text.trim().length > 0) {
          if (anyRow(prev.text + text, prev.no) === ROW) return;
          if (anyRow(`${prev.text} ${text.trimStart()}`, prev.no) === ROW) return;
        }
        malformed(prev.text, prev.no, ROW_EXPECTED);
      }
      const c = text.charCodeAt(0);
      if (isHexCode(c) || c === 42) {
        const r = anyRow(text, no);
        if (r === ROW) return;
        if (r === PARTIAL) {
          pending = { text, no };
          return;
        }
      }
      other(text, no);
    },
    end(last) {
      if (pending !== undefined) malformed(pending.text, pending.no, ROW_EXPECTED);
      for (const g of order) {
        const group: PoolBlockGroup = {
          tag: g.tag,
          pool: POOLS[g.pool]!,
          size: g.size,
          count: g.count,
          section: SECTIONS[g.section]!,
          state: g.state === 1 ? 'free' : 'allocated',
          samples: g.samples,
          scan,
          provenance: ctx.provenance(g.first, g.last),
        };
        ctx.sink.add('poolBlockGroups', group);
      }
      const tag = headerTag ?? args.tag ?? order[0]?.tag ?? '';
      const fact: PoolScanFact = {
        scan,
        tag,
        ranges,
        blocks,
        generation: legacy && !modern ? 'legacy' : 'modern',
        provenance: ctx.provenance(Math.min(first ?? last, last), last),
      };
      const value = headerValue ?? (args.tag !== undefined && tag === args.tag ? args.tagValue : valueOfTag(tag));
      if (value !== undefined) fact.tagValue = value;
      if (args.poolArg !== undefined) fact.poolArg = args.poolArg;
      if (terminatedAt !== undefined) fact.terminatedAt = terminatedAt;
      ctx.sink.add('poolScans', fact);
      const dropped = budget.dropped();
      if (dropped > 0) {
        ctx.diag(last, 'malformed-lines-dropped', `${dropped} more lines of this !poolfind block were not read (not reported one by one)`);
      }
    },
  };
}
