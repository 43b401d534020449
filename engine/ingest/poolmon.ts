// PoolMon screens and saved snapshots: the `Memory:` / `Commit:` header, the pool scope line
// (`System pool information`, `Session 0 pool information`), the `Tag  Type  Allocs  Frees  Diff  Bytes
// Per Alloc [Mapped_Driver]` header and rows such as
//   ` Wait Nonp    3971107 (   0)   3971077 (   0)       30    8456 (     0)    281`
// (`( n)` = change since the previous refresh; `/n` snapshot files print no such columns). Pastes hold
// several screens in a row; each `Memory:` header (or a new column header after rows) starts a new
// PoolmonSnapshotFact. A date/time line before a screen (from a logging batch file) is kept as its time.
import type { PoolKind, PoolmonRowFact, PoolmonSnapshotFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';

const MEMORY = /^\s*Memory:\s*(\d+)K\s+Avail:\s*(\d+)K/i;
const COMMIT = /^\s*Commit:\s*(\d+)K\s+Limit:\s*(\d+)K\s+Peak:\s*(\d+)K\s+Pool N:\s*(\d+)K\s+P:\s*(\d+)K/i;
const SCOPE = /^\s*(System|Session (\d+)|All sessions) pool information\s*$/i;
const HEADER = /^(\s*)Tag\s+Type\s+Allocs\s+Frees\s+Diff\s+Bytes\s+Per Alloc(\s+Mapped_Driver)?\s*$/i;
// Each optional `(delta)` holds its own leading blanks, so no two blank runs meet.
const NUMS = /^\s*(Nonp|Paged|Both)\s+(\d+)(?:\s*\(\s*(-?\d+)\s*\))?\s+(\d+)(?:\s*\(\s*(-?\d+)\s*\))?\s+(-?\d+)\s+(\d+)(?:\s*\(\s*(-?\d+)\s*\))?\s+(\d+)(?:\s+(\S(?:.*\S)?))?\s*$/i;
const DATE = /(\d{1,2})\/(\d{1,2})\/(\d{4})/;
const CLOCK = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AP]M)?/i;
const ISO = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?\b/;

export const poolmon: CommandFamily = {
  id: 'poolmon',
  accepts: (c) => c.name === 'poolmon' || c.name === 'poolmon.exe',
  recognise: (line) => MEMORY.test(line) || HEADER.test(line),
  leads: 'MTmt',
  create: (ctx) => createPoolmonParser(ctx),
};

interface Snapshot {
  fact: PoolmonSnapshotFact;
  deltas: boolean;
}

function createPoolmonParser(ctx: BlockContext): BlockParser {
  let snap: Snapshot | undefined;
  let tagColumn = 1;
  let timeText: string | undefined;
  let first = 0;
  let last = 0;
  let count = 0;

  const close = (): void => {
    if (!snap) return;
    const s = snap.fact;
    s.format = snap.deltas || s.rows.length === 0 ? 'poolmon' : 'poolsnap';
    s.provenance = ctx.provenance(first, Math.max(first, last));
    ctx.sink.add('poolmon', s);
    count++;
    snap = undefined;
  };
  const open = (no: number): Snapshot => {
    close();
    const fact: PoolmonSnapshotFact = { snapshot: ctx.sink.next('poolmon'), rows: [], format: 'poolmon', provenance: ctx.provenance(no, no) };
    if (timeText) {
      const iso = toIso(timeText);
      if (iso) fact.time = iso;
      fact.timeText = timeText;
      timeText = undefined;
    }
    first = no;
    last = no;
    snap = { fact, deltas: false };
    return snap;
  };

  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      // Rows are the bulk of a paste: try them first (one slice and one regex).
      const row = snap ? parseRow(text, tagColumn) : undefined;
      if (row) {
        snap!.fact.rows.push(row.row);
        if (row.deltas) snap!.deltas = true;
        last = no;
        return;
      }
      let m = MEMORY.exec(text);
      if (m) {
        const s = open(no);
        s.fact.memory = { totalKb: Number(m[1]), availKb: Number(m[2]) };
        return;
      }
      if ((m = COMMIT.exec(text))) {
        const s = snap ?? open(no);
        s.fact.memory = { ...s.fact.memory, commitKb: Number(m[1]), limitKb: Number(m[2]), peakKb: Number(m[3]), poolNonpagedKb: Number(m[4]), poolPagedKb: Number(m[5]) };
        last = no;
        return;
      }
      if ((m = SCOPE.exec(text))) {
        const s = snap ?? open(no);
        const w = m[1]!.toLowerCase();
        s.fact.scope = w === 'system' ? 'system' : w === 'all sessions' ? 'all-sessions' : 'session';
        if (m[2] !== undefined) s.fact.session = Number(m[2]);
        last = no;
        return;
      }
      if ((m = HEADER.exec(text))) {
        // A column header after rows starts the next screen of a paste that lost its `Memory:` line.
        if (!snap || snap.fact.rows.length > 0) open(no);
        tagColumn = m[1]!.length;
        last = no;
        return;
      }
      if (/^\s*-{5,}\s*$/.test(text)) return;
      if (isTimeLine(text)) {
        // Belongs to the next screen; a batch file prints it before running poolmon.
        close();
        timeText = text.trim();
        return;
      }
      ctx.diag(no, 'malformed-line', `poolmon line not understood: "${text.trim().slice(0, 100)}"`, 'a row `Tag Type Allocs (d) Frees (d) Diff Bytes (d) PerAlloc [driver]`');
    },
    end(lastLine) {
      close();
      if (count === 0) ctx.diag(lastLine, 'empty-output', 'no poolmon screen found', '`Memory:` header and `Tag  Type  Allocs ...` rows');
    },
  };
}

/** Where the `Nonp`/`Paged`/`Both` word of a row starts, within the first 12 characters; -1 when none. */
function typeWordAt(text: string): number {
  const head = text.slice(0, 16);
  const m = /(?:^|\s)(Nonp|Paged|Both)\s/i.exec(head);
  return m ? m.index + m[0].length - m[1]!.length - 1 : -1;
}

/**
 * One row; the tag is the 4 characters at the header's Tag column (tags may hold spaces: `Dh 1`).
 * A paste that moved the row (tag in column 0, blanks collapsed by a web page) is read by the type
 * word instead: the tag is what stands before it.
 */
export function parseRow(text: string, tagColumn = 1): { row: PoolmonRowFact; deltas: boolean } | undefined {
  if (text.length < 6) return undefined;
  let tag = text.slice(tagColumn, tagColumn + 4).trimEnd();
  // A letter just before the Tag column means the row moved left: the column would cut its tag.
  const moved = tagColumn > 0 && text.charCodeAt(tagColumn - 1) !== 32 && text.charCodeAt(tagColumn - 1) !== 9;
  let m = !moved && tag.trim() && text.length >= tagColumn + 6 ? NUMS.exec(text.slice(tagColumn + 4)) : null;
  if (!m) {
    const at = typeWordAt(text);
    if (at <= 0) return undefined;
    tag = text.slice(0, at).trim();
    if (tag.length === 0 || tag.length > 4) return undefined;
    m = NUMS.exec(text.slice(at));
  }
  if (!m) return undefined;
  const type = m[1]!.toLowerCase();
  const pool: PoolKind = type === 'nonp' ? 'nonpaged' : type === 'paged' ? 'paged' : 'unknown';
  const row: PoolmonRowFact = {
    tag,
    pool,
    allocs: Number(m[2]),
    frees: Number(m[4]),
    diff: Number(m[6]),
    bytes: Number(m[7]),
    perAlloc: Number(m[9]),
  };
  const deltas = m[3] !== undefined || m[5] !== undefined || m[8] !== undefined;
  if (m[3] !== undefined) row.allocsDelta = Number(m[3]);
  if (m[5] !== undefined) row.freesDelta = Number(m[5]);
  if (m[8] !== undefined) row.bytesDelta = Number(m[8]);
  const driver = m[10]?.trim();
  if (driver) {
    if (/^Unknown Driver$/i.test(driver)) row.unknownDriver = true;
    else row.mappedDriver = /^\[[^\]]*\]$/.test(driver) ? driver.slice(1, -1).trim() : driver;
  }
  return { row, deltas };
}

function isTimeLine(text: string): boolean {
  const t = text.trim();
  return t.length < 80 && (DATE.test(t) || ISO.test(t) || /^(?:\w{3}\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?$/i.test(t));
}

/** `05/14/2012 10:05:33 AM`, `Mon 05/14/2012` + clock, or ISO text → ISO 8601 (local time, no zone). */
export function toIso(text: string): string | undefined {
  const iso = ISO.exec(text);
  if (iso) return iso[0].replace(' ', 'T');
  const d = DATE.exec(text);
  const c = CLOCK.exec(d ? text.slice(d.index + d[0].length) : '');
  if (!d || !c) return undefined;
  let hour = Number(c[1]);
  if (c[5]) {
    const pm = c[5].toUpperCase() === 'PM';
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  const p = (n: number | string, w = 2): string => String(n).padStart(w, '0');
  const secs = c[3] ? `:${p(c[3])}` : ':00';
  return `${d[3]}-${p(d[1]!)}-${p(d[2]!)}T${p(hour)}:${p(c[2]!)}${secs}`;
}
