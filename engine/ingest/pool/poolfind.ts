// `!poolfind Tag|0xValue [PoolType|-nonpaged|-paged|-session]`: every block carrying one tag, first
// from the big-page (large pool) table, then by walking pool pages. A scan can print millions of
// rows, so rows fold on the fly into groups per tag × pool × size × section × state, each keeping
// its count and its first three addresses; nothing is kept per line.
//
// Modern rows:  `ffffda001accb5f0 : tag amda, size    0x140, Nonpaged pool`
// Legacy rows:  `826fa130 size:   c0 previous size:   40  (Allocated) SeSd`, `(Free)`, `(Free )`,
//               `*82f4c000 :large page allocation, Tag  is SeSd, size  is 0x2000 bytes`,
//               `*<addr> size:  ff0 pagable special pool, Tag is SeSd`.
import { displayTag, printedTagValue } from '../../format/pool-tag.js';
import type { PoolBlockGroup, PoolKind, PoolScanFact } from '../../types/facts.js';
import type { BlockContext, CommandFamily } from '../../types/ingest.js';
import type { ByteLane, LaneParser } from '../../transcript/segment.js';
import { HEX_DIGITS } from '../common.js';
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
  longOutput: true,
  recognise: recognisePoolfind,
  leads: `S${HEX_DIGITS}`,
  create: (ctx) => createPoolfindParser(ctx),
};

const POOLS: readonly PoolKind[] = ['nonpaged', 'paged', 'session', 'special', 'unknown'];
const POOL_INDEX: Record<PoolKind, number> = { nonpaged: 0, paged: 1, session: 2, special: 3, unknown: 4 };
const SECTIONS: readonly PoolBlockGroup['section'][] = ['large', 'small', 'unknown'];
const LARGE = 0;
const SMALL = 1;
const NO_SECTION = 2;
/**
 * Addresses kept per tag × size group, and per scan. A real listing shows tens of rows and the one a reader
 * goes on to `dt` may be any of them (the object is tied to its tag through it); millions of rows keep
 * counts only.
 */
const SAMPLES_PER_GROUP = 100;
const SAMPLES_PER_SCAN = 10_000;
/** Groups kept per scan (a real one has a few dozen tag × size groups); blocks of further groups are only counted. */
export const GROUPS_PER_SCAN = 10_000;
/** Furthest a byte-lane row check reads past the start of its line (see the caps in Scan.take). */
const LANE_REACH = 256;

const SCANNING = 'Scanning large pool allocation table for ';
const SCAN_MODERN = /for tag (0x[0-9a-f]+) \((.{1,4})\)\s*(?:\(\s*([0-9a-f`]+)\s*:\s*([0-9a-f`]+)\s*\))?/i;
// Read from a trimmed line, so the range (or the tag) ends it.
const SCAN_LEGACY = /for Tag:?\s*'?(.{1,4}?)'?(?:\s*\(\s*([0-9a-f`]+)\s*:\s*([0-9a-f`]+)\s*\))?$/;
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
  /** The tag's four bytes as printed (7 bits each, so the value stays a small integer); -1 until a byte-lane row sets it. */
  raw: number;
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
  if (out.tag !== undefined && /^0x[0-9a-fA-F]{1,8}$/.test(out.tag)) {
    // `0x` starts a tag value (the doc: `0X` would be a tag string).
    out.tagValue = parseInt(out.tag.slice(2), 16);
    out.tag = tagOfValue(out.tagValue);
  } else if (out.tag !== undefined) {
    const v = printedTagValue(out.tag);
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


/** 0x61646d61 → `amda` (non-printable bytes shown as `.`, as the debugger does; padding blanks dropped). */
export function tagOfValue(value: number): string {
  return displayTag(value).trimEnd();
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

const ROW_EXPECTED = 'a row `<address> : tag XXXX, size 0x.., <pool> pool` or `<address> size: .. previous size: .. (Allocated) XXXX`';

/** Bytes of a fixed piece of text, for the byte lane's comparisons. */
const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Pool words of modern rows by pool index, each followed by ` pool`. */
const B_POOLS = [bytesOf('Nonpaged pool'), bytesOf('Paged pool'), bytesOf('Session pool'), bytesOf('Special pool')];

/** Little-endian 32-bit (or 16-bit) values of fixed text, compared in one read by the byte lane. */
const le = (s: string): number => {
  let v = 0;
  for (let i = s.length - 1; i >= 0; i--) v = v * 256 + s.charCodeAt(i);
  return v;
};
const U_TAG0 = le(' : t');
const U_TAG1 = le('ag');
const U_SIZE0 = le(', si');
const U_SIZE1 = le('ze');
const U_NONPAGED0 = le('Nonp');
const U_NONPAGED1 = le('aged');
const U_POOL = le(' poo');
const U_PAGED0 = le('Page');
const U_PAGED1 = le('d po');
const U_PAGED2 = le('ol');
const U_LSIZE0 = le(' siz');
const U_LSIZE1 = le('e:');
const B_PREVIOUS = bytesOf(' previous size:');
const B_ALLOCATED = bytesOf('(Allocated)');
const B_FREE = bytesOf('(Free)');
const B_FREE_LOOKASIDE = bytesOf('(Free )');

/** True when `b` holds `pat` at `p`; stops at the first difference (so never reads past a line's LF). */
function bytesAt(b: Uint8Array, p: number, pat: Uint8Array): boolean {
  for (let i = 0; i < pat.length; i++) if (b[p + i] !== pat[i]) return false;
  return true;
}

function createPoolfindParser(ctx: BlockContext): LaneParser {
  return new Scan(ctx);
}

/**
 * One `!poolfind` block: the parser and its own byte lane. A class rather than closures: its
 * methods are compiled once and shared by every block of every log, where closures would be
 * optimized afresh for each command.
 */
class Scan implements LaneParser, ByteLane {
  readonly lane: ByteLane = this;
  /** ByteLane: offset after the last line taken. */
  next = 0;
  private readonly ctx: BlockContext;
  private readonly scan: number;
  private readonly args: ScanArgs;
  private readonly commandPool: PoolKind;
  private readonly budget = diagBudget();
  private readonly ranges: PoolScanFact['ranges'] = [];
  private readonly order: Group[] = [];
  private readonly byTag = new Map<string, Map<number, Group>>();
  /** Where rows of groups beyond GROUPS_PER_SCAN are counted: in the scan's blocks, never emitted. */
  private readonly spill: Group = { tag: '', raw: -1, key: -1, size: 0, pool: 0, section: 0, state: 0, count: 0, first: 0, last: 0, samples: [] };

  private first: number | undefined;
  private section = NO_SECTION;
  private sectionPool: PoolKind | undefined;
  private headerTag: string | undefined;
  private headerValue: number | undefined;
  private terminatedAt: string | undefined;
  private modern = false;
  private legacy = false;
  private blocks = 0;
  /** Addresses kept over all groups of the scan (SAMPLES_PER_SCAN). */
  private sampled = 0;
  private archDone = false;
  private pending: { text: string; no: number } | undefined;

  // One-entry caches for the hot path: the last raw tag (4 character codes) and the last group hit.
  private raw0 = -1;
  private raw1 = -1;
  private raw2 = -1;
  private raw3 = -1;
  private rawTag = '';
  private lastTag = '';
  private lastMap: Map<number, Group> | undefined;
  private cur: Group | undefined;

  constructor(ctx: BlockContext) {
    this.ctx = ctx;
    this.scan = ctx.sink.next('poolfind');
    this.args = parsePoolfindArgs(ctx.command?.args ?? '');
    this.commandPool = this.args.pool ?? (ctx.command ? 'nonpaged' : 'unknown');
  }

  private groupFor(tag: string, size: number, pool: number, sec: number, state: number, no: number, raw = -1): Group {
    const key = size * 64 + pool * 8 + sec * 2 + state;
    const g0 = this.cur;
    if (g0 !== undefined && g0.key === key && g0.tag === tag) return g0;
    let map = tag === this.lastTag ? this.lastMap : this.byTag.get(tag);
    if (map === undefined) {
      if (this.order.length >= GROUPS_PER_SCAN) return this.spill;
      map = new Map();
      this.byTag.set(tag, map);
    }
    this.lastTag = tag;
    this.lastMap = map;
    let g = map.get(key);
    if (g === undefined) {
      if (this.order.length >= GROUPS_PER_SCAN) return this.spill;
      g = { tag, raw, key, size, pool, section: sec, state, count: 0, first: no, last: no, samples: [] };
      map.set(key, g);
      this.order.push(g);
    } else if (g.raw === -1) {
      g.raw = raw;
    }
    this.cur = g;
    return g;
  }

  private count(g: Group, address: string, no: number): void {
    g.count++;
    g.last = no;
    this.blocks++;
    if (this.wantsSample(g)) {
      g.samples.push({ address, line: no });
      this.sampled++;
    }
  }

  private noteArch(digits: number, sample: string): void {
    this.archDone = true;
    const arch = archOfDigits(digits);
    if (arch) this.ctx.sink.arch(arch, `${digits * 4}-bit pool addresses in !poolfind output (${sample})`);
  }

  /** The tag of 4 character codes; the previous string when they repeat (they almost always do). */
  private tagOf(c0: number, c1: number, c2: number, c3: number): string {
    if (c0 !== this.raw0 || c1 !== this.raw1 || c2 !== this.raw2 || c3 !== this.raw3) {
      this.raw0 = c0;
      this.raw1 = c1;
      this.raw2 = c2;
      this.raw3 = c3;
      this.rawTag = String.fromCharCode(c0, c1, c2, c3).trimEnd();
    }
    return this.rawTag;
  }

  /**
   * Count a modern row once its fields are known. Returns the group when the caller must still
   * add the row with its address (a sample, or the first row, which proves the pointer width).
   */
  private modernHit(tag: string, size: number, pool: number, state: number, no: number, raw = -1): Group | undefined {
    this.modern = true;
    const g = this.groupFor(tag, size, pool, this.section, state, no, raw);
    if (this.wantsSample(g) || !this.archDone) return g;
    g.count++;
    g.last = no;
    this.blocks++;
    return undefined;
  }

  private wantsSample(g: Group): boolean {
    return g.samples.length < SAMPLES_PER_GROUP && this.sampled < SAMPLES_PER_SCAN;
  }

  private sample(g: Group, address: string, no: number): void {
    if (!this.archDone) this.noteArch(address.length, address);
    this.count(g, address, no);
  }

  /** The text path's modern row: `<addr> : tag XXXX, size <hex>, <Pool> pool`, by charCodeAt only. */
  private modernRow(text: string, no: number): number {
    const len = text.length;
    const p = hexEnd(text, 0);
    if (p < 8 || !text.startsWith(' : tag ', p)) return NOT_ROW;
    const t = p + 7;
    if (len < t + 6 || text.charCodeAt(t + 4) !== 44 /* , */ || !text.startsWith(' size', t + 5)) return PARTIAL;
    // The value is right-aligned after `size`; zero prints as a bare `0`.
    let q = t + 10;
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
    const r = q + 2;
    let pool: number;
    let state = 0;
    if (len - r === 13 && text.startsWith('Nonpaged pool', r)) pool = 0;
    else if (len - r === 10 && text.startsWith('Paged pool', r)) pool = 1;
    else {
      // Other pool words, or more after them: the slow path.
      const m = MODERN_TAIL.exec(text.slice(q));
      if (!m) return PARTIAL;
      pool = POOL_INDEX[poolKindOf(m[1]!)];
      if (/\bfree\b/i.test(m[2]!)) state = 1;
    }
    if (pool === 4) pool = POOL_INDEX[this.sectionPool ?? this.commandPool];
    const tag = this.tagOf(text.charCodeAt(t), text.charCodeAt(t + 1), text.charCodeAt(t + 2), text.charCodeAt(t + 3));
    const g = this.modernHit(tag, size, pool, state, no);
    if (g) this.sample(g, cleanAddress(text.slice(0, p)), no);
    return ROW;
  }

  private legacyRow(row: HeaderRow, no: number): void {
    this.legacy = true;
    if (!this.archDone) this.noteArch(row.addressDigits, row.address);
    // Old x86 kernels overlay the quota owner on the tag: the row then names no tag.
    const tag = row.tag || this.headerTag || this.args.tag || '';
    const pool = POOL_INDEX[this.sectionPool ?? (this.section === LARGE ? 'unknown' : this.commandPool)];
    this.count(this.groupFor(tag, row.size, pool, this.section, row.state === 'free' ? 1 : 0, no), row.address, no);
  }

  /** Rows other than the modern one: legacy small, large-page and special-pool rows. */
  private otherRow(text: string, no: number): number {
    const c = text.charCodeAt(0);
    if (c === 42 /* * */) {
      const large = parseLargeRow(text);
      if (large) {
        this.legacy = true;
        if (!this.archDone) this.noteArch(large.addressDigits, large.address);
        // The big-page table holds blocks of every pool; its rows do not say which.
        const pool = POOL_INDEX[this.section === LARGE ? 'unknown' : this.sectionPool ?? this.commandPool];
        const g = this.groupFor(large.tag, large.size, pool, this.section, large.state === 'free' ? 1 : 0, no);
        this.count(g, large.address, no);
        return ROW;
      }
      const special = parseSpecialRow(text);
      if (special) {
        this.legacy = true;
        if (!this.archDone) this.noteArch(special.addressDigits, special.address);
        this.count(this.groupFor(special.tag, special.size, POOL_INDEX.special, this.section, 0, no), special.address, no);
        return ROW;
      }
      return /^\*[0-9a-f`]{8,17}\s/i.test(text) ? PARTIAL : NOT_ROW;
    }
    if (!isHexCode(c)) return NOT_ROW;
    const row = parseHeaderRow(text);
    if (row) {
      this.legacyRow(row, no);
      return ROW;
    }
    const p = hexEnd(text, 0);
    return p >= 8 && text.startsWith(' size:', p) ? PARTIAL : NOT_ROW;
  }

  private anyRow(text: string, no: number): number {
    const r = this.modernRow(text, no);
    return r === NOT_ROW ? this.otherRow(text, no) : r;
  }

  private malformed(text: string, no: number, expected: string): void {
    if (this.budget.take()) {
      this.ctx.diag(no, 'malformed-line', `not a !poolfind line: "${text.trim().slice(0, 100)}"`, expected);
    }
  }

  /** Headers, the terminating note, debugger noise and errors. */
  private other(text: string, no: number): void {
    const s = text.trim();
    if (s.length === 0 || /^\.+$/.test(s) || CACHE_NOISE.test(s)) return;
    if (s.startsWith(SCANNING)) {
      this.section = LARGE;
      this.sectionPool = undefined;
      const m = SCAN_MODERN.exec(s);
      if (m) {
        this.modern = true;
        this.headerValue = parseInt(m[1]!.slice(2), 16);
        this.headerTag = m[2]!.trimEnd();
        if (m[3] && m[4]) this.ranges.push({ section: 'large', pool: 'unknown', start: cleanAddress(m[3]), end: cleanAddress(m[4]) });
        return;
      }
      const l = SCAN_LEGACY.exec(s);
      if (l) {
        this.legacy = true;
        this.headerTag = l[1]!.trimEnd();
        if (l[2] && l[3]) this.ranges.push({ section: 'large', pool: 'unknown', start: cleanAddress(l[2]), end: cleanAddress(l[3]) });
        return;
      }
      this.malformed(text, no, 'a header `Scanning large pool allocation table for tag 0x.. (XXXX) (start : end)`');
      return;
    }
    if (s.startsWith('Searching ')) {
      const m = SEARCHING.exec(s);
      if (m) {
        this.section = SMALL;
        const pool = poolKindOf(m[1]!);
        this.sectionPool = pool === 'unknown' ? undefined : pool;
        this.ranges.push({ section: 'small', pool: this.sectionPool ?? this.commandPool, start: cleanAddress(m[2]!), end: cleanAddress(m[3]!) });
        if (m[4]) {
          this.modern = true;
          this.headerValue = parseInt(m[4].slice(2), 16);
          this.headerTag = m[5]!.trimEnd();
        } else if (m[6]) {
          this.legacy = true;
          this.headerTag = m[6].trimEnd();
        }
        return;
      }
      this.malformed(text, no, 'a header `Searching <pool> pool (start : end) for tag ...`');
      return;
    }
    const term = TERMINATING.exec(s);
    if (term) {
      this.terminatedAt = cleanAddress(term[1]!);
      return;
    }
    if (DEBUGGER_ERROR.test(s)) {
      if (!this.budget.take()) return;
      const message = `the debugger said: ${s.slice(0, 160)}`;
      if (/could not be found/i.test(s)) {
        // A search that found nothing is a result, not a failure.
        this.ctx.sink.add('diagnostics', { level: 'info', code: 'tag-not-found', source: this.ctx.source, line: no, message });
      } else {
        this.ctx.diag(no, 'debugger-error', message);
      }
      return;
    }
    this.malformed(text, no, ROW_EXPECTED);
  }

  line(text: string, no: number): void {
    if (this.first === undefined) this.first = this.ctx.command ? no - 1 : no;
    if (this.pending !== undefined) {
      // A row a terminal wrapped: join it with this line (with and without a blank between).
      const prev = this.pending;
      this.pending = undefined;
      const c = text.charCodeAt(0);
      const rowStart = (isHexCode(c) || c === 42) && hexEnd(text, c === 42 ? 1 : 0) >= 8;
      if (!rowStart && text.trim().length > 0) {
        if (this.anyRow(prev.text + text, prev.no) === ROW) return;
        if (this.anyRow(`${prev.text} ${text.trimStart()}`, prev.no) === ROW) return;
      }
      this.malformed(prev.text, prev.no, ROW_EXPECTED);
    }
    const c = text.charCodeAt(0);
    if (isHexCode(c) || c === 42) {
      const r = this.anyRow(text, no);
      if (r === ROW) return;
      if (r === PARTIAL) {
        this.pending = { text, no };
        return;
      }
    }
    this.other(text, no);
  }

  /**
   * Byte lane: take modern rows and blank lines straight from bytes while they come; stop at any
   * other line (or within LANE_REACH of the end, so no read leaves the buffer: an out-of-range
   * read would slow every later read). Each byte of a taken line is checked, so a stray CR or
   * non-ASCII byte cannot hide in one, and every run is capped to stay within LANE_REACH.
   */
  take(b: Uint8Array, start: number, end: number, firstLine: number): number {
    let p = start;
    let no = firstLine;
    if (this.pending === undefined) {
      if (this.first === undefined) this.first = this.ctx.command ? firstLine - 1 : firstLine;
      const stop = Math.min(end, b.length) - LANE_REACH;
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const sec = this.section * 2;
      const legacyPool = POOL_INDEX[this.sectionPool ?? (this.section === LARGE ? 'unknown' : this.commandPool)];
      // The group of the previous row.
      let g0 = this.cur;
      // Only loop-body code may touch properties: code after the loop gets no type feedback
      // before the loop is optimized, and an access without feedback would throw the optimized
      // loop away on every call. Hence `next` and `blocks` are kept up to date row by row.
      this.next = p;
      while (p < stop) {
        let c = b[p]!;
        let q = p;
        if (c === 32 || c === 9 || c === 13 || c === 10) {
          // A blank line: line() would pass over it.
          let k = 0;
          while ((c === 32 || c === 9) && k++ < 64) c = b[++q]!;
          if (c === 13) c = b[++q]!;
          if (c !== 10) break;
          p = q + 1;
          no++;
          this.next = p;
          continue;
        }
        if (
          b[p + 16] === 32 &&
          (HEX[b[p]!]! | HEX[b[p + 1]!]! | HEX[b[p + 2]!]! | HEX[b[p + 3]!]! | HEX[b[p + 4]!]! | HEX[b[p + 5]!]! | HEX[b[p + 6]!]! | HEX[b[p + 7]!]! |
            HEX[b[p + 8]!]! | HEX[b[p + 9]!]! | HEX[b[p + 10]!]! | HEX[b[p + 11]!]! | HEX[b[p + 12]!]! | HEX[b[p + 13]!]! | HEX[b[p + 14]!]! | HEX[b[p + 15]!]!) >= 0
        ) {
          q = p + 16; // the usual 64-bit address, checked in one expression
        } else {
          while (HEX[b[q]!]! >= 0 && q - p < 17) q++;
        }
        const digits = q - p;
        if (digits < 8) break;
        if (dv.getUint32(q, true) !== U_TAG0 || dv.getUint16(q + 4, true) !== U_TAG1 || b[q + 6] !== 32) {
          // Not modern: perhaps a legacy row in its canonical layout.
          const e = this.legacyLane(b, dv, p, q, no, legacyPool);
          if (e < 0) break;
          g0 = this.cur;
          p = e;
          no++;
          this.next = p;
          continue;
        }
        const t = q + 7;
        const c0 = b[t]!;
        const c1 = b[t + 1]!;
        const c2 = b[t + 2]!;
        const c3 = b[t + 3]!;
        if (c0 < 32 || c0 > 126 || c1 < 32 || c1 > 126 || c2 < 32 || c2 > 126 || c3 < 32 || c3 > 126) break;
        q = t + 4;
        if (dv.getUint32(q, true) !== U_SIZE0 || dv.getUint16(q + 4, true) !== U_SIZE1) break;
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
        if (q === d0 || b[q] !== 44 || b[q + 1] !== 32) break;
        q += 2;
        let pool: number;
        if (dv.getUint32(q, true) === U_NONPAGED0 && dv.getUint32(q + 4, true) === U_NONPAGED1 && dv.getUint32(q + 8, true) === U_POOL && b[q + 12] === 108) {
          pool = 0;
          q += 13;
        } else if (dv.getUint32(q, true) === U_PAGED0 && dv.getUint32(q + 4, true) === U_PAGED1 && dv.getUint16(q + 8, true) === U_PAGED2) {
          pool = 1;
          q += 10;
        } else if (bytesAt(b, q, B_POOLS[2]!)) {
          pool = 2;
          q += 12;
        } else if (bytesAt(b, q, B_POOLS[3]!)) {
          pool = 3;
          q += 12;
        } else {
          break;
        }
        c = b[q]!;
        const e0 = q;
        while ((c === 32 || c === 9) && q - e0 < 64) c = b[++q]!;
        if (c === 13) c = b[++q]!;
        if (c !== 10) break;
        // Counted: on the previous row's group when nothing differs, else through the full path.
        const raw = c0 | (c1 << 7) | (c2 << 14) | (c3 << 21);
        const key = size * 64 + pool * 8 + sec;
        if (g0 !== undefined && g0.key === key && g0.raw === raw && !this.wantsSample(g0)) {
          g0.count++;
          g0.last = no;
          this.blocks++;
        } else {
          g0 = this.laneEnter(b, p, digits, c0, c1, c2, c3, size, pool, no, raw);
        }
        p = q + 1;
        no++;
        this.next = p;
      }
      // (A hit on g0 implies `modern` is set already: the group was entered through modernHit.)
      return no - firstLine;
    }
    this.next = p;
    return 0;
  }

  /**
   * A legacy row in the byte lane, `<addr> size: <hex> previous size: <hex>  (State)<blanks>XXXX`, in
   * the layout the debugger prints (the blanks after the state exactly as printed, four printable
   * tag characters, nothing after them): returns the offset after its LF, or -1 to leave the line
   * to line(). `q` is the end of the address. Same bookkeeping as legacyRow.
   */
  private legacyLane(b: Uint8Array, dv: DataView, p: number, q: number, no: number, pool: number): number {
    if (dv.getUint32(q, true) !== U_LSIZE0 || dv.getUint16(q + 4, true) !== U_LSIZE1) return -1;
    q += 6;
    let k = q;
    while (b[q] === 32 && q - k < 24) q++;
    k = q;
    let size = 0;
    let v: number;
    while ((v = HEX[b[q]!]!) >= 0 && q - k < 13) {
      size = size * 16 + v;
      q++;
    }
    if (q === k || !bytesAt(b, q, B_PREVIOUS)) return -1;
    q += B_PREVIOUS.length;
    k = q;
    while (b[q] === 32 && q - k < 24) q++;
    k = q;
    while (HEX[b[q]!]! >= 0 && q - k < 13) q++;
    if (q === k) return -1;
    k = q;
    while (b[q] === 32 && q - k < 24) q++;
    let state: number;
    let blanks: number;
    if (bytesAt(b, q, B_ALLOCATED)) {
      state = 0;
      blanks = 1;
      q += B_ALLOCATED.length;
    } else if (bytesAt(b, q, B_FREE)) {
      state = 1;
      blanks = 6;
      q += B_FREE.length;
    } else if (bytesAt(b, q, B_FREE_LOOKASIDE)) {
      state = 1;
      blanks = 1;
      q += B_FREE_LOOKASIDE.length;
    } else {
      return -1;
    }
    for (let i = 0; i < blanks; i++) if (b[q + i] !== 32) return -1;
    q += blanks;
    const c0 = b[q]!;
    const c1 = b[q + 1]!;
    const c2 = b[q + 2]!;
    const c3 = b[q + 3]!;
    if (c0 <= 32 || c0 === 42 || c0 > 126 || c1 < 32 || c1 > 126 || c2 < 32 || c2 > 126 || c3 < 32 || c3 > 126) return -1;
    q += 4;
    let c = b[q]!;
    k = q;
    while ((c === 32 || c === 9) && q - k < 64) c = b[++q]!;
    if (c === 13) c = b[++q]!;
    if (c !== 10) return -1;
    this.legacy = true;
    const raw = c0 | (c1 << 7) | (c2 << 14) | (c3 << 21);
    const key = size * 64 + pool * 8 + this.section * 2 + state;
    const g0 = this.cur;
    if (g0 !== undefined && g0.key === key && g0.raw === raw && !this.wantsSample(g0)) {
      g0.count++;
      g0.last = no;
      this.blocks++;
    } else {
      const g = this.groupFor(this.tagOf(c0, c1, c2, c3), size, pool, this.section, state, no, raw);
      if (this.wantsSample(g) || !this.archDone) {
        let a = '';
        for (let i = p; b[i] !== 32; i++) a += String.fromCharCode(b[i]!);
        this.sample(g, cleanAddress(a), no);
      } else {
        g.count++;
        g.last = no;
        this.blocks++;
      }
    }
    return q + 1;
  }

  /** The byte lane's row on another group than the previous row's: the full path, kept out of the loop. */
  private laneEnter(b: Uint8Array, p: number, digits: number, c0: number, c1: number, c2: number, c3: number, size: number, pool: number, no: number, raw: number): Group {
    const g = this.modernHit(this.tagOf(c0, c1, c2, c3), size, pool, 0, no, raw);
    if (g) {
      let a = '';
      for (let i = p; i < p + digits; i++) a += String.fromCharCode(b[i]!);
      this.sample(g, cleanAddress(a), no);
    }
    return this.cur!;
  }

  end(last: number): void {
    const ctx = this.ctx;
    if (this.pending !== undefined) this.malformed(this.pending.text, this.pending.no, ROW_EXPECTED);
    for (const g of this.order) {
      const group: PoolBlockGroup = {
        tag: g.tag,
        pool: POOLS[g.pool]!,
        size: g.size,
        count: g.count,
        section: SECTIONS[g.section]!,
        state: g.state === 1 ? 'free' : 'allocated',
        samples: g.samples,
        scan: this.scan,
        provenance: ctx.provenance(g.first, g.last),
      };
      ctx.sink.add('poolBlockGroups', group);
    }
    const args = this.args;
    const tag = this.headerTag ?? args.tag ?? this.order[0]?.tag ?? '';
    const fact: PoolScanFact = {
      scan: this.scan,
      tag,
      ranges: this.ranges,
      blocks: this.blocks,
      generation: this.legacy && !this.modern ? 'legacy' : 'modern',
      provenance: ctx.provenance(Math.min(this.first ?? last, last), last),
    };
    const value = this.headerValue ?? (args.tag !== undefined && tag === args.tag ? args.tagValue : printedTagValue(tag));
    if (value !== undefined) fact.tagValue = value;
    if (args.poolArg !== undefined) fact.poolArg = args.poolArg;
    if (this.terminatedAt !== undefined) fact.terminatedAt = this.terminatedAt;
    ctx.sink.add('poolScans', fact);
    if (this.spill.count > 0) {
      ctx.diag(this.first ?? last, 'groups-dropped', `${this.spill.count} blocks fell in more than ${GROUPS_PER_SCAN} tag × size groups; they are counted in the scan's blocks but not grouped (memory bound)`);
    }
    const dropped = this.budget.dropped();
    if (dropped > 0) {
      ctx.diag(last, 'malformed-lines-dropped', `${dropped} more lines of this !poolfind block were not read (not reported one by one)`);
    }
  }
}
