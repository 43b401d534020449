// `!wdfkd.wdflogdump [Driver] [-d|-f|-m|-a Addr]` and `!wdfkd.wdfcrashdump [log|loader]`: the
// in-flight recorder (IFR) log between `--- start of log ---` and `---- end of log ----`, then the
// verifier reports read from it. Records come in three forms:
//   `11995: FxPoolDump - FxPoolDump: NonPagedBytes 136, ...`            (default prefix `%7!u!: %!FUNC! - `)
//   `[0]0004.0050::04/19/2019-10:12:34.123 [wdf01000]FxPoolDump - ...`   (tracefmt prefix with a time)
//   `[0]0000 TRACE_LEVEL_VERBOSE FxIoQueue::DispatchEvents:Thread ...`   (custom prefix with a level)
// and a merged log (rcdrkd, ACX) may put a log name before the sequence: `03 SLT01 DCI03 89911: F - m`.
// A line inside the log that is none of these continues the previous record (a terminal wrap).
// Around the log: the trace search path, the buffer size read, the list of recorder logs
// (`!rcdrlogdump Driver`), and when no log can be read the extension's reasons (a WDM driver, an image
// it could not load), kept on a log fact without records. The UMDF form of `!wdfcrashdump` prints the
// host process's failure instead (faulting driver, failure type, thread, minidump, loaded drivers).
import type { IfrLogFact, IfrRecord, WdfDriverFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { DIGITS, normalizeHex } from '../common.js';
import { driverArg, driverName, HEX, unknownLineReporter } from './lines.js';
import { verifierReports } from './verifier-messages.js';

const START = /^\s*-{2,}\s*start of log\s*-{2,}\s*$/i;
const END = /^\s*-{2,}\s*end of log\s*-{2,}\s*$/i;
const PREFIX = /^\s*Trace format prefix is:\s?(.*)$/i;
const ENTRIES = /^\s*There (?:are|is) (\d+) log entr(?:ies|y)(?: for (\S+))?/i;
const DRIVER = /^\s*Driver:\s*(\S+)\s*$/;
const LOADER_ROW = /^\s+(\S+)\s+(v\d+(?:\.\d+)*)(?:\((\d+)\))?(?:\s+(0x[0-9a-f`]+))?\s*$/i;
const KNOWN =
  /^\s*(?:(?:Retrieving crashdump (?:log|loader) information\.*|-{3,}|ImageName\s+Version\s+FxGlobals|Log dump command\s+Log ID\s+Size|=(?:\s*=)*|\.{3})\s*|(?:Trace searchpath|Trying to extract TMF information from|Gather log:|% read so far|Local buffer |Opening minidump at |!rcdrlogdump\s+\S+\s+-a\s|Log at ).*)$/i;

const SEARCH_PATH = /^\s*Trace searchpath is:\s*(\S.*)$/i;
const GATHER = /^\s*Gather log:.*\(reading (\d+) bytes\)/i;
const WDM_WARNING = /^\s*Warning: It looks like you're using the WDF debugger extension on a WDM\b/i;
const WDM_WARNING_TAIL = /^\s*driver\. Framework logs will not be available/i;
const IMAGE_NOT_LOADED = /^\s*Unable to load image (\S[^,]*), (Win32 error \S+)/i;
const NO_FRAMEWORK_IMAGE = /^\s*warning: could not retrieve framework image for client driver (\S+)/i;
const MINIDUMP = /^\s*Opening minidump at (?:location )?(\S.*)$/i;
const UMDF_FIELD = /^\s*(Faulting driver|Failure type|Faulting thread ID):\s*(\S.*)$/i;
const HOST_LIST = /^\s*Listing all drivers loaded in this host process\b/i;
const FAILURE_CODE = /^(.*\S)\s*\((\w+)\)$/;
const ADDRESS_ARG = new RegExp(String.raw`(?:^|\s)-a\s+(${HEX})`);

/** `!rcdrlogdump  usbxhci -a fffffa8005ff2b60  03 SLT02 DCI04           1024`: a log the recorder lists. */
function recorderLogRow(text: string): { address: string; id: string; size?: number } | undefined {
  const w = text.trim().split(/\s+/);
  if (w.length < 5 || w[0]!.toLowerCase() !== '!rcdrlogdump' || w[2] !== '-a' || !/^(?:0x)?[0-9a-f`]+$/i.test(w[3]!)) return undefined;
  const last = w[w.length - 1]!;
  const sized = w.length > 5 && /^\d+$/.test(last);
  const row: { address: string; id: string; size?: number } = { address: normalizeHex(w[3]!), id: w.slice(4, sized ? -1 : undefined).join(' ') };
  if (sized) row.size = Number(last);
  return row;
}

/**
 * `11995: FxPoolDump - …`: a record of the default format, pasted without the command or the log's first line;
 * a log formatted with times has the date between the sequence and the function (`322: 10/14/2022-19:43:25.7797627 FxPkgPnp::…`).
 */
const IFR_RECORD = /^\s*\d{1,9}: (?:\d{1,2}\/\d{1,2}\/\d{4}-\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})? )?[A-Za-z_~][\w~]{0,80}(?:::[\w~]{1,80}){0,3} - /;
const NUMBERED = /^\s*(?:(\S(?:.*?\S)?)\s+)?(\d+):\s+(.*)$/;
const TRACEFMT = /^\s*\[(\d+)\]([0-9A-Fa-f]{4})\.([0-9A-Fa-f]{4})::(\S+)\s+(?:\[([\w.]+)\])?(.*)$/;
const LEVELED = /^\s*\[(\d+)\]([0-9A-Fa-f]{4})\s+(TRACE_LEVEL_\w+)\s+(.*)$/;
const TIME = /^(\d{1,2}\/\d{1,2}\/\d{4}[-\s]\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?)\s+(.*)$/;
const FUNC_DASH = /^([A-Za-z_~][\w~$]*(?:::[A-Za-z_~<][\w~$<>,]*)*)\s+-\s?(.*)$/;
const FUNC_COLON = /^([A-Za-z_~][\w~$]*(?:::[A-Za-z_~][\w~$]*)*):(?!:)\s*(.*)$/;

/** One IFR line in any of the three forms; `strict` asks for a `Function - message` record. */
export function parseIfrLine(text: string, strict = false): Omit<IfrRecord, 'line'> | undefined {
  const c = text.trimStart().charCodeAt(0);
  if (c === 91 /* [ */) {
    let m = TRACEFMT.exec(text);
    if (m) {
      const rec: Omit<IfrRecord, 'line'> = { time: m[4]!, message: '' };
      if (m[5]) rec.component = m[5];
      return withFunction(rec, m[6]!, FUNC_DASH);
    }
    m = LEVELED.exec(text);
    if (m) return withFunction({ level: m[3]!, message: '' }, m[4]!, FUNC_COLON);
    return undefined;
  }
  const m = NUMBERED.exec(text);
  if (!m) return undefined;
  const rec: Omit<IfrRecord, 'line'> = { sequence: Number(m[2]), message: '' };
  if (m[1]) {
    // A log name before the sequence number is only believable when it is short words (rcdr style).
    if (!/^[\w.]+(?: [\w.]+){0,3}$/.test(m[1])) return undefined;
    rec.stream = m[1];
  }
  let rest = m[3]!;
  const t = TIME.exec(rest);
  if (t) {
    rec.time = t[1]!;
    rest = t[2]!;
  }
  const out = withFunction(rec, rest, FUNC_DASH);
  if (strict && !out.function) return undefined;
  return out;
}

function withFunction(rec: Omit<IfrRecord, 'line'>, rest: string, form: RegExp): Omit<IfrRecord, 'line'> {
  const f = form.exec(rest);
  if (f) {
    rec.function = f[1]!;
    rec.message = f[2]!;
  } else {
    rec.message = rest;
  }
  return rec;
}

export const wdflogdump: CommandFamily = {
  id: 'wdflogdump',
  links: true,
  // `!rcdrkd.rcdrlogdump` prints recorder logs in the same format (merged, with log names).
  accepts: (c) => c.name === '!wdflogdump' || c.name === '!rcdrlogdump',
  recognise: (line) => START.test(line) || IFR_RECORD.test(line) || /^\s*(?:Trace searchpath is:|Trace format prefix is:|Trying to extract TMF information from)/i.test(line),
  leads: `-Tt${DIGITS}`,
  create: (ctx) => createLogParser(ctx, 'wdflogdump'),
};

export const wdfcrashdump: CommandFamily = {
  id: 'wdfcrashdump',
  links: true,
  accepts: (c) => c.name === '!wdfcrashdump',
  recognise: (line) => /^\s*Retrieving crashdump (?:log|loader) information/i.test(line),
  leads: 'Rr',
  create: (ctx) => createLogParser(ctx, 'wdfcrashdump'),
};

function createLogParser(ctx: BlockContext, what: string): BlockParser {
  const unknown = unknownLineReporter(ctx, `!${what}`);
  const args = ctx.command?.args ?? '';
  let driver = driverArg(args.replace(/^\s*(?:log|loader)\b/i, ''));
  const kind: IfrLogFact['kind'] = /(?:^|\s)-d\b/.test(args) ? 'driver' : /(?:^|\s)-f\b/.test(args) ? 'framework' : /(?:^|\s)-m\b/.test(args) ? 'merged' : undefined;
  let prefix: string | undefined;
  let declared: number | undefined;
  let log: { first: number; last: number; records: IfrRecord[] } | undefined;
  let logs = 0;
  let first: number | undefined;
  let searchPath: string | undefined;
  let bufferBytes: number | undefined;
  const address = ADDRESS_ARG.exec(args)?.[1];
  const available: NonNullable<IfrLogFact['available']> = [];
  let unavailable: IfrLogFact['unavailable'];
  let unavailableAt = 0;
  const umdf = umdfCrash(ctx);

  /** The header lines around a log; true when the line was one of them. */
  const header = (text: string, no: number): boolean => {
    let m = SEARCH_PATH.exec(text);
    if (m) return (searchPath = m[1]!.trimEnd()), true;
    if ((m = GATHER.exec(text))) return (bufferBytes = Number(m[1])), true;
    const row = recorderLogRow(text);
    if (row) return available.push(row), true;
    const because = (reason: 'wdm-driver' | 'image-not-loaded' | 'no-framework-image'): true => {
      unavailable ??= { reasons: [] };
      if (!unavailable.reasons.includes(reason)) unavailable.reasons.push(reason);
      unavailableAt ||= no;
      return true;
    };
    if (WDM_WARNING.test(text)) return because('wdm-driver');
    if (unavailable && WDM_WARNING_TAIL.test(text)) return true;
    if ((m = IMAGE_NOT_LOADED.exec(text))) {
      because('image-not-loaded');
      unavailable!.image = m[1]!;
      unavailable!.error = m[2]!;
      return true;
    }
    if ((m = NO_FRAMEWORK_IMAGE.exec(text))) {
      driver ??= driverName(m[1]!);
      return because('no-framework-image');
    }
    return false;
  };

  const open = (no: number): void => {
    log = { first: no, last: no, records: [] };
  };
  const close = (): void => {
    if (!log) return;
    const fact: IfrLogFact = { records: log.records, provenance: ctx.provenance(log.first, log.last) };
    if (driver) fact.driver = driver;
    if (kind) fact.kind = kind;
    if (declared !== undefined) fact.declaredEntries = declared;
    if (prefix) fact.formatPrefix = prefix;
    if (searchPath) fact.searchPath = searchPath;
    if (bufferBytes !== undefined) fact.bufferBytes = bufferBytes;
    if (address) fact.address = normalizeHex(address);
    if (available.length) fact.available = available.slice();
    if (unavailable && log.records.length === 0) fact.unavailable = unavailable;
    ctx.sink.add('ifrLogs', fact);
    const base: Parameters<typeof verifierReports>[1] = { provenance: (a, b) => ctx.provenance(a, b) };
    if (driver) base.driver = driver;
    for (const r of verifierReports(log.records, base)) ctx.sink.add('wdfVerifierReports', r);
    logs++;
    log = undefined;
  };

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      if (START.test(text)) {
        close();
        open(no);
        return;
      }
      if (END.test(text)) {
        if (log) log.last = no;
        close();
        return;
      }
      // Records first: inside a log they are the common case.
      const rec = parseIfrLine(text, !log);
      if (rec) {
        if (!log) open(no);
        log!.records.push({ ...rec, line: no });
        log!.last = no;
        return;
      }
      let m = PREFIX.exec(text);
      if (m) return void (prefix = m[1]!.trimEnd() || undefined);
      if (header(text, no) || umdf.line(text, no)) return;
      if ((m = ENTRIES.exec(text))) {
        declared = Number(m[1]);
        if (m[2]) driver = driverName(m[2]);
        return;
      }
      if ((m = DRIVER.exec(text))) {
        close();
        driver = driverName(m[1]!);
        return;
      }
      if (/^\s*\.{3}\s*$/.test(text)) return; // an elision in a pasted log
      if (log && log.records.length > 0) {
        // A record wrapped by the terminal: the cut is exact, so join without a separator.
        const prev = log.records[log.records.length - 1]!;
        prev.message += text;
        prev.lastLine = no;
        log.last = no;
        return;
      }
      if ((m = LOADER_ROW.exec(text)) && what === 'wdfcrashdump') {
        const d: WdfDriverFact = { name: m[1]!, version: m[2]!, provenance: ctx.provenance(no, no) };
        if (m[3]) d.build = m[3];
        if (m[4]) d.globals = normalizeHex(m[4]);
        ctx.sink.add('wdfDrivers', d);
        return;
      }
      if (KNOWN.test(text)) return;
      unknown.report(no, text);
    },
    end(last) {
      if (log) {
        ctx.diag(log.first, 'truncated-block', 'the IFR log has no `---- end of log ----` line; records up to here are kept');
        close();
      }
      if (logs === 0 && unavailable) {
        // No log, and the extension said why: a log fact without records keeps the reasons.
        open(unavailableAt);
        log!.last = last;
        close();
      }
      const crashed = umdf.end();
      if (logs === 0 && declared !== 0 && !crashed) {
        // Not an error for `loader`, but an empty log output usually means the TMF could not be found.
        if (!/\bloader\b/i.test(args)) ctx.diag(first ?? last, 'empty-output', `no IFR record in !${what} output`, '`--- start of log ---` and `N: Function - message` lines');
      }
      unknown.end();
    },
  };
}

/**
 * The UMDF form of `!wdfcrashdump`: `Faulting driver: wpptest.dll`, `Failure type: Unhandled Exception
 * (WUDFUnhandledException)`, `Faulting thread ID: 2840`, the minidump it opened and the drivers loaded in
 * the host process, one service name a line. `end` adds the faulting driver's fact; true when it did.
 */
function umdfCrash(ctx: BlockContext): { line(text: string, no: number): boolean; end(): boolean } {
  const failure: NonNullable<WdfDriverFact['failure']> = {};
  const hostDrivers: string[] = [];
  let name: string | undefined;
  let listing = false;
  let first = 0;
  let last = 0;
  const used = (no: number): true => {
    first ||= no;
    last = no;
    return true;
  };
  return {
    line(text, no) {
      let m = MINIDUMP.exec(text);
      if (m) return (failure.minidump = m[1]!.trimEnd()), used(no);
      if ((m = UMDF_FIELD.exec(text))) {
        const key = m[1]!.toLowerCase();
        const value = m[2]!.trimEnd();
        if (key === 'faulting driver') name = value;
        else if (key === 'faulting thread id') failure.thread = value;
        else {
          const code = FAILURE_CODE.exec(value);
          failure.type = code ? code[1]! : value;
          if (code) failure.code = code[2]!;
        }
        return used(no);
      }
      if (HOST_LIST.test(text)) return (listing = true), used(no);
      if (!listing) return false;
      const t = text.trim();
      if (t === 'ServiceName') return true;
      if (/^[\w.-]+$/.test(t)) return hostDrivers.push(t), used(no);
      listing = false;
      return false;
    },
    end() {
      if (!name) return false;
      const d: WdfDriverFact = { name: driverName(name), image: name, framework: 'UMDF', failure, provenance: ctx.provenance(first, Math.max(first, last)) };
      if (hostDrivers.length) d.hostDrivers = hostDrivers;
      ctx.sink.add('wdfDrivers', d);
      return true;
    },
  };
}
