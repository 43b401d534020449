// `!pool Address [Flags]`: the blocks of the pool page holding an address, the one containing it
// marked with `*`, or the big-page (large) allocation that holds it. Both generations: pre-19H1
// pages walk real previous sizes, segment-heap pages print `previous size:    0` everywhere.
//
//   Pool page ffffde87fe461150 region is Paged pool
//    ffffde87fe461020 size:   30 previous size:    0  (Allocated)  CMNb
//   *ffffde87fe461140 size:   30 previous size:    0  (Allocated) *TEMP
//   		Owning component : Unknown (update pooltag.txt)
//   *ffff8287ad34f000 : large page allocation, tag is Proc, size is 0x1000 bytes
//   		Pooltag Proc : Process objects, Binary : nt!ps
//
// `!poolval Address` comes from the same extension and opens with the same region header, then
// says whether the page's headers hold together:
//
//   Validating Pool headers for pool page: ffffbd06d46e0000
//   Pool page [ ffffbd06d46e0000 ] is INVALID.
//   [ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]
import type { PoolBlockFact, PoolTagDefinition } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import {
  archOfDigits,
  cleanAddress,
  diagBudget,
  parseHeaderRow,
  parseLargeRow,
  parseSpecialRow,
} from './pool-lines.js';

export const pool: CommandFamily = {
  id: 'pool',
  accepts: (c) => c.name === '!pool' || c.name === '!poolval',
  recognise: (line) => line.charCodeAt(0) === 80 /* P */ && REGION.test(line),
  leads: 'P',
  create: (ctx) => createPoolParser(ctx),
};

// Values are trimmed in code: a lazy `(.*?)\s*$` retries the trailing blanks for every character it grows by.
const REGION = /^Pool page\s+([0-9a-f`]+)\s+region is(\s.*)$/i;
const POOLTAG = /^Pooltag\s+(.{1,4}?)\s*:(.*)$/;
const BINARY = /,\s*Binary\s*:/;
const OWNER = /,\s*Owner\s*:/;
const OWNING = /^Owning component\s*:(.*)$/;
/** `!pool addr 1` prints the block contents: an address then words of 8 hex digits. */
const CONTENTS = /^\s*[0-9a-f`]{8,17}\s+(?:[0-9a-f]{8}\s*){1,4}$/i;
const CHECKING = /^([0-9a-f`]{8,17}) (?:is not a valid|doesn't look like a valid) .*\.\.\.\s*$/i;
const FREED = /^([0-9a-f`]{8,17}) is freed \(or corrupt\) pool/i;
/** Current debuggers walk on without the `...`, then say the page itself could not be read. */
const CHECKING_FREED = /^[0-9a-f`]{8,17} is not valid pool\. Checking for freed \(or corrupt\) pool\s*$/i;
const UNREADABLE = /^Address ([0-9a-f`]{8,17}) could not be read\b/i;
const BAD_SIZE = /^Bad (?:previous )?allocation size @\s*([0-9a-f`]+)/i;
const CORRUPT_SPECIAL = /^Block ([0-9a-f`]+) is a corrupted special pool allocation/i;
const VALIDATING = /^(?:Validating Pool headers for pool page:|Analyzing linked list\.\.\.|Scanning for single bit errors\.\.\.|None found)/i;
const PAGE_VERDICT = /^Pool page \[\s*([0-9a-f`]+)\s*\] is (VALID|INVALID)\b/i;
const DEBUGGER_ERROR = /unable to get|unable to read|cannot get|wrong symbols|pool tagging is disabled|region unkown|region unknown \(/i;

function createPoolParser(ctx: BlockContext): BlockParser {
  const budget = diagBudget();
  const arg = (ctx.command?.args ?? '').split(/\s+/).filter(Boolean)[0];
  const argAddress = arg !== undefined && /^(?:0x)?[0-9a-f`]+$/i.test(arg) ? cleanAddress(arg) : arg;
  let queried = argAddress ?? '';
  let region: string | undefined;
  let held: PoolBlockFact | undefined;
  let archDone = false;
  let corrupt = false;
  const described = new Set<string>();

  const flush = (): void => {
    if (held) ctx.sink.add('poolBlocks', held);
    held = undefined;
  };

  const noteArch = (digits: number, sample: string): void => {
    if (archDone) return;
    archDone = true;
    const arch = archOfDigits(digits);
    if (arch) ctx.sink.arch(arch, `${digits * 4}-bit pool addresses in !pool output (${sample})`);
  };

  const block = (fact: Omit<PoolBlockFact, 'queriedAddress' | 'provenance'>, no: number): void => {
    flush();
    const b: PoolBlockFact = { ...fact, queriedAddress: queried, provenance: ctx.provenance(no, no) };
    if (region !== undefined) b.region = region;
    held = b;
  };

  const describe = (tag: string, description: string, binary: string | undefined, no: number): void => {
    if (held) {
      held.description = description;
      if (binary) held.binary = binary;
      held.provenance.lines[1] = no;
    }
    if (!described.has(tag)) {
      described.add(tag);
      const def: PoolTagDefinition = { tag, description, origin: 'transcript' };
      if (binary) def.binary = binary;
      ctx.sink.add('poolTags', def);
    }
  };

  const warn = (no: number, code: string, message: string, expected?: string): void => {
    if (budget.take()) ctx.diag(no, code, message, expected);
  };

  return {
    line(text, no) {
      const s = text.trim();
      if (s.length === 0) return;
      const region0 = REGION.exec(s);
      if (region0) {
        flush();
        queried = cleanAddress(region0[1]!);
        region = region0[2]!.trim();
        corrupt = false;
        return;
      }
      const row = parseHeaderRow(text);
      if (row) {
        noteArch(row.addressDigits, row.address);
        const fact: Omit<PoolBlockFact, 'queriedAddress' | 'provenance'> = {
          address: row.address,
          size: row.size,
          previousSize: row.previousSize,
          state: row.state,
          tag: row.tag,
          containsQuery: row.marked,
          large: false,
        };
        if (row.protected) fact.protected = true;
        if (row.quotaProcess) fact.quotaProcess = row.quotaProcess;
        block(fact, no);
        return;
      }
      if (s.charCodeAt(0) === 42 /* * */) {
        const large = parseLargeRow(s);
        if (large) {
          noteArch(large.addressDigits, large.address);
          block({ address: large.address, size: large.size, state: large.state, tag: large.tag, containsQuery: true, large: true }, no);
          return;
        }
        const special = parseSpecialRow(s);
        if (special) {
          noteArch(special.addressDigits, special.address);
          block({ address: special.address, size: special.size, state: 'allocated', tag: special.tag, containsQuery: true, large: false }, no);
          if (held && region === undefined) held.region = 'Special pool';
          return;
        }
      }
      const tagLine = POOLTAG.exec(s);
      if (tagLine) {
        const { description, binary } = pooltagText(tagLine[2]!);
        describe(tagLine[1]!.trimEnd(), description, binary, no);
        return;
      }
      const owning = OWNING.exec(s);
      if (owning) {
        const what = owning[1]!.trim();
        if (!/^Unknown\b/i.test(what) && held) describe(held.tag, what, undefined, no);
        else if (held) held.provenance.lines[1] = no;
        return;
      }
      if (CONTENTS.test(s) || CHECKING.test(s) || CHECKING_FREED.test(s) || /^\.+$/.test(s)) return;
      const freed = FREED.exec(s);
      if (freed) {
        warn(no, 'pool-freed-or-corrupt', `${cleanAddress(freed[1]!)} is in no allocated small or large pool block: freed, or the page is corrupt`);
        return;
      }
      const unreadable = UNREADABLE.exec(s);
      if (unreadable) {
        warn(no, 'pool-freed-or-corrupt', `the page of ${cleanAddress(unreadable[1]!)} could not be read: freed, invalid or paged out`);
        return;
      }
      const verdict = PAGE_VERDICT.exec(s);
      if (verdict) {
        if (verdict[2]!.toUpperCase() === 'INVALID') {
          corrupt = true;
          warn(no, 'pool-corruption', `!poolval found the headers of pool page ${cleanAddress(verdict[1]!)} corrupt`);
        }
        return;
      }
      // !poolval's progress lines; what it found after them is kept below as corruption detail.
      if (VALIDATING.test(s)) return;
      const bad = BAD_SIZE.exec(s) ?? CORRUPT_SPECIAL.exec(s);
      if (bad) {
        corrupt = true;
        warn(no, 'pool-corruption', `the debugger found a corrupt pool header: ${s.slice(0, 160)}`);
        return;
      }
      if (DEBUGGER_ERROR.test(s)) {
        warn(no, 'debugger-error', `the debugger said: ${s.slice(0, 160)}`);
        return;
      }
      if (corrupt) {
        // The page diagnosis that follows a bad header: keep it as information.
        if (budget.take()) {
          ctx.sink.add('diagnostics', { level: 'info', code: 'pool-corruption-detail', source: ctx.source, line: no, message: s.slice(0, 160) });
        }
        return;
      }
      warn(no, 'malformed-line', `not a !pool line: "${s.slice(0, 100)}"`,
        'a `Pool page <addr> region is ...` header, a block row `<addr> size: .. previous size: .. (Allocated) XXXX`, a large page row or a `Pooltag` line');
    },
    end(last) {
      flush();
      const dropped = budget.dropped();
      if (dropped > 0) ctx.diag(last, 'malformed-lines-dropped', `${dropped} more lines of this !pool block were not read`);
    },
  };
}

/** `Process objects, Binary : nt!ps, Owner : …` of a Pooltag line: the description ends at the first `, Binary :` or `, Owner :`. */
function pooltagText(rest: string): { description: string; binary?: string } {
  const b = BINARY.exec(rest);
  const o = OWNER.exec(rest);
  if (!b || (o && o.index < b.index)) return { description: (o ? rest.slice(0, o.index) : rest).trim() };
  const after = rest.slice(b.index + b[0].length);
  const end = OWNER.exec(after);
  const binary = (end ? after.slice(0, end.index) : after).trim();
  return { description: rest.slice(0, b.index).trim(), ...(binary ? { binary } : {}) };
}
