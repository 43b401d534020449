// `!poolused [Flags [Tag]]`: outstanding allocations and bytes per pool tag.
// Modern debuggers put a TAB before the description; legacy ones glue the description to the last
// number, so legacy rows are cut by the header's column ends (descriptions may start with digits).
import type { PoolCounters, PoolUsageFact, PoolUsageSnapshot } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { createTopRows, POOLUSED_ROWS_PER_POOL } from './top-rows.js';

const SORT = /^\s*Sorting by\s+(Tag|NonPaged Pool Consumed|Paged Pool Consumed)\s*$/i;
const HEADER = /^\s*Tag\s+Allocs\s+/;
const NOISE = /^\s*(?:(?:\.+|Pool Used:|NonPaged\s+Paged)\s*|(?:\*\*\*|Using a machine size|\*\* |Cached Transition|CacheSize).*)$/i;
const UNKNOWN_TAG = /^UNKNOWN pooltag '(.{1,4})', please update pooltag\.txt$/;
const BINARY = /^(|.*?\S)\s*,\s*Binary\s*:\s*(\S.*)$/;
/** Column ends (exclusive) of the legacy non-verbose layout, used when no header line was seen. */
const LEGACY_ENDS = [14, 23, 33, 42];

export const poolused: CommandFamily = {
  id: 'poolused',
  accepts: (c) => c.name === '!poolused',
  longOutput: true,
  recognise: (line) => SORT.test(line),
  leads: 'Ss',
  create: (ctx) => createPoolusedParser(ctx),
};

/**
 * `!poolused 4 Sorting by Paged Pool Consumed Pool Used: … Abc 0 0 36405 33930272 Tron 0 0 552 …`: a web
 * page that lost the line breaks of its code block puts the whole listing on the command line. The
 * words from `Sorting` on are the output; the arguments are the words before it.
 */
export function splitGluedOutput(args: string): { args: string; output?: string } {
  const at = args.search(/(?:^|\s)Sorting by\s/);
  if (at < 0) return { args };
  return { args: args.slice(0, at).trim(), output: args.slice(at).trim() };
}

/**
 * The rows of a listing whose lines were joined by blanks: after the `Tag Allocs …` heads, a word of up
 * to four characters followed by `want` whole numbers is a row; other words (descriptions) are passed.
 */
export function rowsOfJoinedListing(output: string, want: number): Array<{ tag: string; numbers: number[] }> {
  const words = output.split(/\s+/).filter(Boolean);
  let i = words.indexOf('Tag');
  if (i < 0) return [];
  i++;
  while (i < words.length && /^(?:Allocs|Used|Frees|Diff)$/.test(words[i]!)) i++;
  const rows: Array<{ tag: string; numbers: number[] }> = [];
  while (i < words.length) {
    const tag = words[i]!;
    const nums = words.slice(i + 1, i + 1 + want);
    if (tag.length <= 4 && nums.length === want && nums.every((w) => /^\d+$/.test(w))) {
      rows.push({ tag, numbers: nums.map(Number) });
      i += want + 1;
    } else {
      i++;
    }
  }
  return rows;
}

function createPoolusedParser(ctx: BlockContext): BlockParser {
  const snapshot = ctx.sink.next('poolused');
  const glued = splitGluedOutput(ctx.command?.args ?? '');
  const args = glued.args.split(/\s+/).filter(Boolean);
  const flags = args[0] !== undefined ? parseInt(args[0], /^0x/i.test(args[0]) ? 16 : 16) : undefined;
  let verbose = flags !== undefined && !Number.isNaN(flags) ? (flags & 1) === 1 : false;
  let ends: number[] | undefined;
  let sortedBy: PoolUsageSnapshot['sortedBy'];
  let modern = false;
  let first: number | undefined;
  let total: PoolUsageSnapshot['total'];
  let partial = false;
  const rows = createTopRows();
  /** The last row with a description: a hard-wrapped paste puts the description's end on the next line. */
  let described: { fact: PoolUsageFact; description: string } | undefined;

  /** `!poolused 3` on some builds prints one pool only (`NonPaged` over `Allocs Frees Diff Used`). */
  let single: 'nonpaged' | 'paged' | undefined;
  let poolsLine = '';
  const zero: PoolCounters = { allocs: 0, bytes: 0 };
  const counters = (nums: number[]): { nonpaged: PoolCounters; paged: PoolCounters } => {
    if (single) {
      const c: PoolCounters = verbose ? { allocs: nums[2]!, bytes: nums[3]!, totalAllocs: nums[0]!, frees: nums[1]! } : { allocs: nums[0]!, bytes: nums[1]! };
      return single === 'paged' ? { nonpaged: { ...zero }, paged: c } : { nonpaged: c, paged: { ...zero } };
    }
    return verbose
      ? {
          nonpaged: { allocs: nums[2]!, bytes: nums[3]!, totalAllocs: nums[0]!, frees: nums[1]! },
          paged: { allocs: nums[6]!, bytes: nums[7]!, totalAllocs: nums[4]!, frees: nums[5]! },
        }
      : { nonpaged: { allocs: nums[0]!, bytes: nums[1]! }, paged: { allocs: nums[2]!, bytes: nums[3]! } };
  };

  return {
    line(text, no) {
      first ??= no;
      const sort = SORT.exec(text);
      if (sort) {
        const s = sort[1]!.toLowerCase();
        sortedBy = s === 'tag' ? 'tag' : s.startsWith('nonpaged') ? 'nonpaged' : 'paged';
        return;
      }
      if (HEADER.test(text)) {
        const words: string[] = text.match(/\S+/g) ?? [];
        verbose = words.includes('Frees') || words.includes('Diff');
        const used = words.filter((w) => w === 'Used').length;
        single = used === 1 ? (/^\s*Paged\s*$/i.test(poolsLine) ? 'paged' : 'nonpaged') : undefined;
        ends = [];
        // A header whose columns a paste collapsed to single blanks gives no column ends: rows are read by words.
        if (!text.trim().includes('  ')) return;
        const re = /\S+/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text))) if (m[0] !== 'Tag') ends.push(m.index + m[0].length);
        return;
      }
      if (rows.offered() > 0 && /^\s*\.{3,}\s*$/.test(text)) {
        partial = true;
        return;
      }
      if (text.trim().length === 0 || NOISE.test(text)) return;
      if (/^\s*unable to get|probably wrong symbols/i.test(text)) {
        ctx.diag(no, 'debugger-error', `the debugger could not read the pool tracker: ${text.trim()}`);
        return;
      }
      if (/^\s*(?:NonPaged|Paged)(?:\s+(?:NonPaged|Paged))?\s*$/i.test(text)) {
        poolsLine = text;
        return;
      }
      const want = (verbose ? 8 : 4) / (single ? 2 : 1);
      const row = splitRow(text, want, ends ?? (verbose ? undefined : LEGACY_ENDS));
      // A row starts with a blank before its tag; a line at the margin right after a described row is
      // the rest of its description, wrapped by the paste.
      if (!row && described && text.charCodeAt(0) !== 32 && text.charCodeAt(0) !== 9) {
        const { fact } = described;
        // Glued when the cut fell inside a word: a binary name holds no blank (`Binary: nt!i` + `o`), and
        // the unknown-tag sentence is fixed (`…', ple` + `ase update pooltag.txt`).
        const glued = described.description + text.trim();
        described.description = BINARY.test(described.description) || UNKNOWN_TAG.test(glued) ? glued : `${described.description} ${text.trim()}`;
        delete fact.unknownTag;
        delete fact.description;
        delete fact.binary;
        describe(fact, described.description);
        described = undefined;
        return;
      }
      described = undefined;
      if (!row) {
        ctx.diag(no, 'malformed-line', `not a !poolused row: "${text.trim().slice(0, 80)}"`,
          `a 4-character tag followed by ${want} numbers`);
        return;
      }
      if (row.tab) modern = true;
      const c = counters(row.numbers);
      if (row.tag === 'TOTAL') {
        total = c;
        return;
      }
      const fact: PoolUsageFact = { tag: row.tag, ...c, snapshot, provenance: ctx.provenance(no, no) };
      describe(fact, row.description);
      if (row.description) described = { fact, description: row.description };
      rows.add(fact);
    },
    end(last) {
      if (glued.output !== undefined && rows.offered() === 0) {
        const sort = /^Sorting by\s+(Tag|NonPaged Pool Consumed|Paged Pool Consumed)\b/i.exec(glued.output);
        if (sort) sortedBy = sort[1]!.toLowerCase() === 'tag' ? 'tag' : sort[1]!.toLowerCase().startsWith('nonpaged') ? 'nonpaged' : 'paged';
        verbose = /\bTag\s+Allocs\s+Frees\b/.test(glued.output);
        const joined = rowsOfJoinedListing(glued.output, verbose ? 8 : 4);
        for (const row of joined) {
          const c = counters(row.numbers);
          if (row.tag === 'TOTAL') total = c;
          else rows.add({ tag: row.tag, ...c, snapshot, provenance: ctx.provenance(last, last) });
        }
        if (joined.length === 0) ctx.diag(last, 'malformed-line', 'the !poolused output on the command line has no rows', 'a 4-character tag followed by 4 numbers');
      }
      const kept = rows.rows();
      for (const r of kept) ctx.sink.add('poolUsage', r);
      const dropped = rows.offered() - kept.length;
      if (dropped > 0) {
        ctx.diag(first ?? last, 'rows-dropped', `the listing has ${rows.offered()} tags; kept the ${POOLUSED_ROWS_PER_POOL} with the most bytes in each pool and left out ${dropped} smaller ones (TOTAL still counts them)`);
      }
      const snap: PoolUsageSnapshot = {
        snapshot,
        verbose,
        generation: modern ? 'modern' : 'legacy',
        provenance: ctx.provenance(first ?? last, last),
      };
      if (flags !== undefined && !Number.isNaN(flags)) snap.flags = flags;
      if (args[1]) snap.tagFilter = args[1];
      if (sortedBy) snap.sortedBy = sortedBy;
      if (partial || dropped > 0) snap.partial = true;
      if (dropped > 0) snap.droppedRows = dropped;
      if (total) snap.total = total;
      ctx.sink.add('poolUsageSnapshots', snap);
    },
  };
}

interface Row {
  tag: string;
  numbers: number[];
  description: string;
  tab: boolean;
}

/** Split one row into tag, `want` numbers and the description; undefined when it is not a row. */
export function splitRow(text: string, want: number, ends?: number[]): Row | undefined {
  const tab = text.indexOf('\t');
  const left = tab >= 0 ? text.slice(0, tab) : text;
  const description = tab >= 0 ? text.slice(tab + 1).trim() : '';
  let tag: string;
  let rest: number;
  const total = /^\s?TOTAL\b/.exec(left);
  if (total) {
    tag = 'TOTAL';
    rest = total[0].length;
  } else {
    if (left.length < 6) return undefined;
    if (left[0] === ' ' && left[1] !== ' ') {
      tag = left.slice(1, 5).trimEnd();
      rest = 5;
      // The columns of the debugger; a paste that collapsed blanks (` Mm 5 120 …`) is read by words.
      const row = tag.length > 0 ? splitCounts(left, rest, tag, want, description, tab, ends) : undefined;
      if (row) return row;
    }
    // Tag in column 0 (a paste ate the leading blank) or blanks collapsed: the tag is the first word.
    const word = /^\s*(\S{1,4})\s/.exec(left);
    if (!word) return undefined;
    tag = word[1]!;
    rest = word[0].length - 1;
    return splitCounts(left, rest, tag, want, description, tab, undefined);
  }
  return splitCounts(left, rest, tag, want, description, tab, ends);
}

/** The `want` numbers after the tag (from column `rest`) and the description; undefined when not a row. */
function splitCounts(left: string, rest: number, tag: string, want: number, description: string, tab: number, ends?: number[]): Row | undefined {
  const tokens: Array<{ s: string; start: number; end: number }> = [];
  const re = /\S+/g;
  re.lastIndex = rest;
  let m: RegExpExecArray | null;
  while ((m = re.exec(left))) tokens.push({ s: m[0], start: m.index, end: m.index + m[0].length });
  if (tokens.length < want) return undefined;
  for (let i = 0; i < want - 1; i++) if (!/^\d+$/.test(tokens[i]!.s)) return undefined;
  const lastTok = tokens[want - 1]!;
  if (tab >= 0 || tokens.length === want && /^\d+$/.test(lastTok.s)) {
    if (!/^\d+$/.test(lastTok.s) || tokens.length !== want) return undefined;
    return { tag, numbers: tokens.slice(0, want).map((t) => Number(t.s)), description, tab: tab >= 0 };
  }
  // Legacy: the last number runs into the description. Use the column end, shifted by how far
  // the previous number drifted from its own column (wide values push everything right).
  const digits = /^\d+/.exec(lastTok.s)?.[0];
  if (!digits) return undefined;
  let take = digits.length;
  if (ends && ends.length >= want) {
    const shift = tokens[want - 2]!.end - ends[want - 2]!;
    const end = ends[want - 1]! + shift;
    take = Math.max(1, Math.min(digits.length, end - lastTok.start));
  }
  const numbers = tokens.slice(0, want - 1).map((t) => Number(t.s));
  numbers.push(Number(lastTok.s.slice(0, take)));
  return { tag, numbers, description: left.slice(lastTok.start + take).trim(), tab: false };
}

function describe(fact: PoolUsageFact, description: string): void {
  if (!description) return;
  const unknown = UNKNOWN_TAG.exec(description);
  if (unknown) {
    fact.unknownTag = true;
    return;
  }
  const bin = BINARY.exec(description);
  if (bin) {
    fact.description = bin[1]!.trim();
    fact.binary = bin[2]!.trim();
  } else {
    fact.description = description;
  }
}
