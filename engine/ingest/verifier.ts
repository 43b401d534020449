// `!verifier [Flags [Image]]` in both layouts, and `!verifier 0x80 Address`.
// Old (Windows 7): `Verify Level 9bb ... enabled options are:` with the option names, then per driver
//   `fffffa8003b6f670 Loaded  000000a0  00000854  videoprt.sys`, `Current Pool Allocations  0002  0013`
//   and the `PoolAddress  SizeInBytes  Tag  CallersAddress` table.
// New: `Verify Flags Level 0x000209bb` with `[X] (0x00000008) Pool tracking` banners, then per driver
//   `nt!_VF_TARGET_DRIVER 0x...: x.sys (Loaded and Unloaded)` (or `MODULE: 0x... x.sys (Loaded)`),
//   `Current Pool Allocations: ( 0x3 / 0x0 )` … and the `Address Length Tag Caller` table.
// `!verifier 0x80`: `Pool block 982a8fe0, Size 00000020, Thread 9c158bc0` and one frame per line.
import type { StackFact, StackFrame, VerifierDriverFact, VerifierStatisticsFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { normalizeHex } from './common.js';
import { parseStackLine } from './stack.js';
import { isSystemModule } from '../reference/system-modules.js';

type Allocation = VerifierDriverFact['allocations'][number];
type PoolLogEntry = NonNullable<VerifierDriverFact['poolLog']>[number];

/**
 * Allocation rows kept per driver entry: the rest are counted (`unlistedAllocations`), so a listing of a
 * leak of millions still fits the facts document (all of them, at about 150 bytes each, would not).
 */
const ROWS_PER_DRIVER = 10_000;
const LEVEL_NEW = /^\s*Verify Flags Level\s+(0x[0-9a-f]+|[0-9a-f]+)/i;
const LEVEL_OLD = /^\s*Verify Level\s+([0-9a-f]+)\s*\.\.\.\s*enabled options are:/i;
const FLAG = /^\s*\[(X| )\]\s*\((0x[0-9a-f]+)\)\s*(\S(?:.*\S)?)\s*$/i;
const DRIVER_NEW = /^\s*(?:MODULE:|nt!_VF_TARGET_DRIVER)\s+(0x[0-9a-f`]+):?\s+(\S+)\s+\((Loaded and Unloaded|Loaded|Unloaded)\)/i;
const DRIVER_OLD = /^\s*([0-9a-f`]{8,17})\s+(Loaded|Unloaded)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+(\S+)\s*$/i;
const STAT_NEW = /^\s*(Current|Peak) Pool (Allocations|Bytes):\s*\(\s*(0x[0-9a-f]+|[0-9a-f]+)\s*\/\s*(0x[0-9a-f]+|[0-9a-f]+)\s*\)/i;
const STAT_OLD = /^\s*(Current|Peak) Pool (Allocations|Bytes)\s+([0-9a-f]+)\s+([0-9a-f]+)\s*$/i;
const ALLOC = /^\s*((?:0x)?[0-9a-f`]{8,17})\s+(0x[0-9a-f]+)\s+(.{1,4}?)\s+((?:0x)?[0-9a-f`]{8,17})(?:\s+(\S(?:.*\S)?))?\s*$/i;
/** `Current nonpaged pool allocations      0x228 for 000C5E99 bytes`. */
const POOL_STAT = /^\s*(Current|Peak) (paged|nonpaged) pool allocations\s+(?:0x)?([0-9a-f]{1,16}) for ([0-9a-f]{1,16}) bytes\s*`?$/i;
/** The first counters of the statistics, so a paste that starts there is recognised. */
const STATS_START = /^\s*(?:Summary of All Verifier Statistics|RaiseIrqls\s+0x[0-9a-f]+|Pool Allocations Attempted\s+0x[0-9a-f]+)\s*$/i;

/** `  Pool Allocations Attempted             0x32`: a name of words and a hex value, read without a pattern. */
function statCounter(text: string): [string, number] | undefined {
  const t = text.trim();
  const cut = t.lastIndexOf(' ');
  if (cut < 3) return undefined;
  const value = t.slice(cut + 1);
  const name = t.slice(0, cut).trim();
  if (!/^0x[0-9a-f]{1,16}$/i.test(value) || !/^[A-Za-z][A-Za-z ]{1,60}$/.test(name)) return undefined;
  return [name.replace(/ {2,}/g, ' '), parseInt(value, 16)];
}

/** An allocation row pasted alone: `0x831d4fd8  0x00000024  EDIH  0xbaa30155  xxx!RtlAllocateMemory`. */
const ALLOC_ROW = /^\s*0x[0-9a-f]{8,16}\s+0x[0-9a-f]{1,16}\s+\S{1,4}\s+0x[0-9a-f]{8,16}\s+\w+!\S+\s*$/i;
const ALLOC_HEADER = /^\s*(?:Address\s+Length\s+Tag\s+Caller|PoolAddress\s+SizeInBytes\s+Tag\s+CallersAddress)/i;
const POOL_BLOCK = /^\s*Pool block\s+([0-9a-f`]+),\s*Size\s+([0-9a-f]+),\s*Thread\s+([0-9a-f`]+)/i;

export const verifier: CommandFamily = {
  id: 'verifier',
  accepts: (c) => c.name === '!verifier',
  recognise: (line) =>
    /^\s*Driver Verification List\s*$/.test(line) || LEVEL_NEW.test(line) || LEVEL_OLD.test(line) || ALLOC_HEADER.test(line) || ALLOC_ROW.test(line) || STATS_START.test(line) ||
    /^\s*Log of recent kernel pool Allocate and Free operations:/.test(line),
  leads: '0ADLPRSVaprsv',
  create: (ctx) => createVerifierParser(ctx),
};

interface PendingBlock {
  entry: PoolLogEntry;
  frames: StackFrame[];
  first: number;
}

function createVerifierParser(ctx: BlockContext): BlockParser {
  /** `!verifier 3 Mydriver.sys`: the image the command asks about. */
  const commandImage = (ctx.command?.args ?? '').split(/\s+/).find((w) => /^[\w.-]+\.(?:sys|dll|exe)$/i.test(w));
  const flags: string[] = [];
  let stats: VerifierStatisticsFact | undefined;
  let level: number | undefined;
  let oldOptions = false;
  const drivers: VerifierDriverFact[] = [];
  let current: VerifierDriverFact | undefined;
  let currentLast = 0;
  let inAllocations = false;
  let rows = 0;
  let block: PendingBlock | undefined;
  const poolLog = new Map<string, VerifierDriverFact>();
  let first: number | undefined;

  const closeDriver = (): void => {
    if (current) current.provenance = ctx.provenance(current.provenance.lines[0], Math.max(current.provenance.lines[0], currentLast));
    current = undefined;
    inAllocations = false;
  };
  const openDriver = (d: VerifierDriverFact, no: number): void => {
    closeDriver();
    current = d;
    currentLast = no;
    drivers.push(d);
  };
  const closeBlock = (): void => {
    if (!block) return;
    const { entry, frames } = block;
    const last = frames.length ? frames[frames.length - 1]!.line : block.first;
    entry.lines = [block.first, last];
    if (frames.length) {
      const stack: StackFact = { kind: '!verifier 0x80', frames, provenance: ctx.provenance(block.first, last) };
      ctx.sink.add('stacks', stack);
    }
    const opFrame = frames.find((f) => f.function);
    entry.operation = opFrame && /free/i.test(opFrame.function!) ? 'free' : opFrame && /alloc/i.test(opFrame.function!) ? 'allocate' : 'unknown';
    // A pool log entry is charged to the first frame outside the modules that allocate on a driver's behalf.
    const owner = frames.find((f) => !isSystemModule(f.module));
    if (owner) entry.caller = owner.site;
    const module = owner?.module ?? 'unknown';
    let d = poolLog.get(module);
    if (!d) {
      d = { module, allocations: [], poolLog: [], inferredModule: true, provenance: ctx.provenance(block.first, last) };
      poolLog.set(module, d);
    } else {
      d.provenance = ctx.provenance(d.provenance.lines[0], last);
    }
    d.poolLog!.push(entry);
    block = undefined;
  };

  return {
    line(text, no) {
      first ??= no;
      if (block) {
        const frame = text.trim() && !POOL_BLOCK.test(text) ? parseStackLine(text, no) : undefined;
        if (frame) {
          // The log prints the return address alone before the symbol: it is not a Child-SP.
          if (frame.childSp && !frame.returnAddress) {
            frame.returnAddress = frame.childSp;
            delete frame.childSp;
          }
          block.frames.push(frame);
          return;
        }
        closeBlock();
      }
      if (text.trim().length === 0) {
        oldOptions = false;
        // A blank line after allocation rows ends the table (the old layout has no closing text).
        if (rows > 0) inAllocations = false;
        return;
      }
      // A table without its per-driver header (`!verifier 3 x.sys` cut, or rows pasted alone) belongs to
      // the image the command named, else to the module of its callers.
      if (!current && ALLOC.test(text)) {
        const row = ALLOC.exec(text)!;
        const module = commandImage ?? row[5]?.match(/^(\w+)!/)?.[1];
        openDriver({ module: module ? (/\.\w+$/.test(module) ? module : `${module}.sys`) : 'unknown', allocations: [], provenance: ctx.provenance(no, no) }, no);
        inAllocations = true;
      }
      // Allocation rows are the bulk of a long output: try them first while a table is open.
      let m = current && inAllocations ? ALLOC.exec(text) : null;
      if (m) {
        const a: Allocation = { address: normalizeHex(m[1]!), size: parseInt(normalizeHex(m[2]!), 16), tag: m[3]!.trim(), caller: normalizeHex(m[4]!), line: no };
        if (m[5]) a.callerSymbol = m[5];
        if (current!.allocations.length < ROWS_PER_DRIVER) current!.allocations.push(a);
        else current!.unlistedAllocations = (current!.unlistedAllocations ?? 0) + 1;
        currentLast = no;
        rows++;
        return;
      }
      m = POOL_BLOCK.exec(text);
      if (m) {
        closeDriver();
        block = {
          entry: { address: normalizeHex(m[1]!), size: parseInt(m[2]!, 16), thread: normalizeHex(m[3]!), operation: 'unknown', lines: [no, no] },
          frames: [],
          first: no,
        };
        return;
      }
      if ((m = LEVEL_NEW.exec(text))) {
        level = parseInt(normalizeHex(m[1]!), 16);
        return;
      }
      if ((m = LEVEL_OLD.exec(text))) {
        level = parseInt(m[1]!, 16);
        oldOptions = true;
        return;
      }
      if (oldOptions) {
        flags.push(text.trim());
        return;
      }
      if ((m = FLAG.exec(text))) {
        if (m[1]!.toUpperCase() === 'X') flags.push(m[3]!);
        return;
      }
      if (!current) {
        // The statistics come before the driver list; a counter line after it belongs to no driver either.
        const p = POOL_STAT.exec(text);
        if (p) {
          stats ??= { counters: {}, provenance: ctx.provenance(no, no) };
          const key = `${p[1]!.toLowerCase()}${p[2]!.toLowerCase() === 'paged' ? 'Paged' : 'Nonpaged'}` as 'currentPaged' | 'currentNonpaged' | 'peakPaged' | 'peakNonpaged';
          stats[`${key}Allocations`] = parseInt(p[3]!, 16);
          stats[`${key}Bytes`] = parseInt(p[4]!, 16);
          stats.provenance = ctx.provenance(stats.provenance.lines[0], no);
          return;
        }
        const c = statCounter(text);
        if (c) {
          stats ??= { counters: {}, provenance: ctx.provenance(no, no) };
          stats.counters[c[0]] = c[1];
          stats.provenance = ctx.provenance(stats.provenance.lines[0], no);
          return;
        }
      }
      if ((m = DRIVER_NEW.exec(text))) {
        const state = m[3]!.toLowerCase();
        openDriver(
          {
            module: m[2]!,
            moduleAddress: normalizeHex(m[1]!),
            loaded: state === 'loaded' ? 'loaded' : state === 'unloaded' ? 'unloaded' : 'loaded-and-unloaded',
            allocations: [],
            provenance: ctx.provenance(no, no),
          },
          no,
        );
        return;
      }
      if ((m = DRIVER_OLD.exec(text))) {
        openDriver(
          {
            module: m[5]!,
            moduleAddress: normalizeHex(m[1]!),
            loaded: m[2]!.toLowerCase() === 'loaded' ? 'loaded' : 'unloaded',
            currentNonpagedBytes: parseInt(m[3]!, 16),
            currentPagedBytes: parseInt(m[4]!, 16),
            allocations: [],
            provenance: ctx.provenance(no, no),
          },
          no,
        );
        return;
      }
      if (current && ((m = STAT_NEW.exec(text)) || (m = STAT_OLD.exec(text)))) {
        const np = parseInt(normalizeHex(m[3]!), 16);
        const p = parseInt(normalizeHex(m[4]!), 16);
        const peak = m[1]!.toLowerCase() === 'peak';
        if (/bytes/i.test(m[2]!)) {
          if (peak) (current.peakNonpagedBytes = np), (current.peakPagedBytes = p);
          else (current.currentNonpagedBytes = np), (current.currentPagedBytes = p);
        } else if (peak) (current.peakNonpagedAllocations = np), (current.peakPagedAllocations = p);
        else (current.currentNonpagedAllocations = np), (current.currentPagedAllocations = p);
        currentLast = no;
        return;
      }
      if (ALLOC_HEADER.test(text)) {
        if (!current && commandImage) openDriver({ module: commandImage, allocations: [], provenance: ctx.provenance(no, no) }, no);
        inAllocations = !!current;
        rows = 0;
        return;
      }
      if (current && inAllocations) {
        if (/^[-\s]+$/.test(text) || /^\s*\.{3}\s*$/.test(text)) return;
        if (!/not displayed|Contiguous/i.test(text)) {
          ctx.diag(no, 'malformed-line', `!verifier allocation row not understood: "${text.trim().slice(0, 100)}"`, '`<address> <length> <tag> <caller> [symbol]`');
        }
        inAllocations = false;
        return;
      }
      // Summary counters, fault-injection and IRQL logs, headings: known text with nothing to keep here.
    },
    end(last) {
      closeBlock();
      closeDriver();
      if (stats) ctx.sink.add('verifierStatistics', stats);
      // `!verifier 3 x.sys` cut before its driver list still says which image and which flags.
      if (drivers.length === 0 && commandImage && (flags.length || level !== undefined)) {
        drivers.push({ module: commandImage, allocations: [], provenance: ctx.provenance(first ?? last, last) });
      }
      const all = [...drivers, ...poolLog.values()];
      for (const d of all) {
        if (flags.length) d.flags = [...flags];
        if (level !== undefined) d.verifyLevel = level;
        ctx.sink.add('verifierDrivers', d);
      }
      if (all.length === 0 && flags.length === 0 && level === undefined && !stats) {
        ctx.diag(first ?? last, 'empty-output', 'no verified driver, flag or pool log entry found in !verifier output', '`Driver Verification List` entries or `[X] (0x...) flag` lines');
      }
    },
  };
}
