// `!analyze [-v]`: the bugcheck code, name and arguments (with their descriptions, wrapped lines
// joined), and the analysis fields: BUGCHECK_STR, the bucket ids, MODULE_NAME, IMAGE_NAME,
// PROCESS_NAME, FOLLOWUP_NAME/FOLLOWUP_IP, SYMBOL_NAME, KEY_VALUES_STRING pairs and STACK_TEXT (rows
// read by the stack parser). Both wordings are accepted: the 2015-era one (`BUGCHECK_STR:`,
// `DEFAULT_BUCKET_ID:`, blank lines between fields) and the current one (`BUGCHECK_CODE:`,
// `BUGCHECK_P1:`, `KEY_VALUES_STRING: 1` with `Key  : …` / `Value: …` pairs, sometimes no blank lines).
// Also read: the short `BugCheck 10D, {d, …}` / `Probably caused by :` form and `*** Fatal System Error`
// with its `Driver at fault:` line.
import type { Arch, BugcheckFact, DtField, StackFact, StackFrame } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { normalizeHex, UPPER_CASE } from './common.js';
import { isCutFrameRow, joinCutFrameRow, MAX_FRAMES, parseStackLine } from './stack.js';
import { dtInstanceField } from './dt.js';
import { bugcheckMeaning, codeFromArgumentText } from './bugcheck-meaning.js';

const BANNER = /^\s*\*\s+Bugcheck Analysis\s+\*\s*$/;
const NAME = /^([A-Z][A-Z0-9_]+)\s+\(([0-9a-fA-F]{1,8})\)\s*$/;
const SHORT = /^\s*BugCheck\s+([0-9A-F]+),\s*\{([^}]*)\}/i;
const FATAL = /^\s*\*\*\* Fatal System Error:\s*(0x[0-9a-f]+)/i;
const FATAL_ARGS = /^\s*\((0x[0-9a-f`]+(?:\s*,\s*0x[0-9a-f`]+)*)\)\s*$/i;
const PROBABLY = /^\s*Probably caused by\s*:\s*(\S(?:.*\S)?)\s*$/;
/** `Driver at fault: kinfinityhook.sys.`: the kernel names the image after `*** Fatal System Error`. */
const AT_FAULT = /^\s*Driver at fault:\s*(\S+)\s*$/;
/**
 * `Arg1: 0000000000000062, A driver has forgotten …`; a digest a reader rewrote keeps the order but may
 * write `0x62` and ` - ` for the comma (`Arg4: 0xc - total # of … (12 allocations)`).
 */
const ARG = /^\s*Arg(\d):\s*(?:0x)?([0-9a-f`]+)\s*(?:[,-]\s*(.*))?$/i;
/** `**Failure Bucket**: \`0xc4_62_LEAKED_POOL_IMAGE_x.sys\``: the bucket id as a report's prose gives it. */
const PROSE_BUCKET = /^[\s*>-]*Failure[ _]Bucket(?:[ _]Id)?[\s*]*:[\s*`]*([\w.!+-]+)/i;
const FIELD = /^([A-Z][A-Z0-9_]*[A-Z0-9]):\s*(.*)$/;
const FOLLOWUP = /^\s*Followup:\s*(\S(?:.*\S)?)\s*$/;
// The value is trimmed in code: `(.*?)\s*$` retries the blank run for every character it grows by.
const KEY = /^\s*Key\s*:(.*)$/;
const VALUE = /^\s*Value\s*:(.*)$/;
const CONNECTED = /\b(x86|x64|ARM64|AMD64) (?:compatible )?target\b/i;
/** Fields whose value is on the lines that follow (`FOLLOWUP_IP:` then the symbol and the instruction). */
const BLOCK_FIELDS = new Set(['STACK_TEXT', 'FOLLOWUP_IP', 'FAULTING_IP', 'KEY_VALUES_STRING', 'FAULTING_SOURCE_CODE', 'LAST_CONTROL_TRANSFER']);
const MAX_FIELDS = 200;

/** Fields only `!analyze` prints: a paste that starts at one of them is an analysis without its banner. */
const ANALYSIS_FIELDS = new Set([
  'BUGCHECK_CODE', 'BUGCHECK_P1', 'BUGCHECK_P2', 'BUGCHECK_P3', 'BUGCHECK_P4', 'BUGCHECK_STR', 'STACK_TEXT',
  'FAILURE_BUCKET_ID', 'DEFAULT_BUCKET_ID', 'PRIMARY_PROBLEM_CLASS', 'KEY_VALUES_STRING', 'DUMP_CLASS', 'DUMP_TYPE',
  'FAULTING_MODULE', 'FAILURE_ID_HASH', 'VERIFIER_DRIVER_ENTRY', 'BUCKET_ID', 'DEBUG_FLR_IMAGE_TIMESTAMP', 'FOLLOWUP_NAME',
  'STACK_COMMAND', 'SYMBOL_NAME', 'MODULE_NAME', 'IMAGE_NAME', 'PROCESS_NAME', 'FAILURE_ID_HASH_STRING', 'BUCKET_ID_FUNC_OFFSET',
  'FAULTING_IP', 'FOLLOWUP_IP', 'IMAGE_VERSION', 'OSPLATFORM_TYPE', 'TARGET_TIME',
]);
/** `DRIVER_VERIFIER_DETECTED_VIOLATION (c4)`: every bug check name has an underscore. */
const NAME_LINE = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+ \([0-9a-fA-F]{1,8}\)$/;
const ARG_LINE = /^Arg[1-4]: [0-9a-fA-F`]{8,17}(?:,|$)/;

export function recogniseAnalysis(line: string): boolean {
  if (BANNER.test(line) || FATAL.test(line) || SHORT.test(line) || NAME_LINE.test(line) || ARG_LINE.test(line)) return true;
  const colon = line.indexOf(':');
  return colon > 0 && colon < 40 && ANALYSIS_FIELDS.has(line.slice(0, colon));
}

export const analyze: CommandFamily = {
  id: 'analyze',
  accepts: (c) => c.name === '!analyze',
  recognise: recogniseAnalysis,
  // Banners (`*`), `BugCheck 9F, {…}`, bug check names, `Arg1:` and field names.
  leads: `*b${UPPER_CASE}`,
  create: (ctx) => createAnalyzeParser(ctx),
  acrossFences: true,
};

/** `0xc4_62`, `0xc4_62_VRF_LEAKED_POOL_IMAGE_x.sys`, `0x10D_5_...`: code and first argument of a bucket. */
const BUCKET_CODE = /^0x([0-9a-f]{1,8})(?:_([0-9a-f]{1,8})(?![0-9a-z]))?/i;

type Mode = 'text' | 'args' | 'stack' | 'kframes' | 'keys' | 'followup' | 'skip-block' | 'fatal-args' | 'verifier-entry';

/** `VERIFIER_DRIVER_ENTRY: dt nt!_MI_VERIFIER_DRIVER_ENTRY ffffd407b3ccbee0`, the dump may follow. */
const VERIFIER_ENTRY = /\bdt (?:nt!)?_MI_VERIFIER_DRIVER_ENTRY\s+([0-9a-f`]{8,17})\b/i;
/** Where a `KEY: ` of the analysis starts inside a line that a web page ran together with others. */
const RUN_TOGETHER = /(?:^|\s)([A-Z][A-Z0-9_]{2,}[A-Z0-9]):\s/g;

/** `62 IMAGE_NAME: usbser.sys DEBUG_FLR_IMAGE_TIMESTAMP: 42435eb6` → one piece per field. */
export function splitRunTogether(text: string): string[] {
  const starts: number[] = [];
  for (const m of text.matchAll(RUN_TOGETHER)) starts.push(m.index + (m[0].length - m[1]!.length - 2));
  if (starts.length < 2 && !(starts.length === 1 && starts[0]! > 0)) return [text];
  const pieces: string[] = [];
  if (starts[0]! > 0) pieces.push(text.slice(0, starts[0]!).trim());
  for (let i = 0; i < starts.length; i++) pieces.push(text.slice(starts[i]!, starts[i + 1] ?? text.length).trim());
  return pieces.filter(Boolean);
}

function createAnalyzeParser(ctx: BlockContext): BlockParser {
  const fact: BugcheckFact = { code: -1, args: [], provenance: ctx.provenance(0, 0) };
  const argDescriptions: string[] = [];
  const fields: Record<string, string> = {};
  let fieldCount = 0;
  let mode: Mode = 'text';
  let lastArg = -1;
  let pendingKey: string | undefined;
  let frames: StackFrame[] = [];
  /** Frames past MAX_FRAMES: counted, not kept (a STACK_TEXT of millions of rows must not hold them all). */
  let droppedFrames = 0;
  let stackFirst = 0;
  let stackLast = 0;
  /** The start of a `*** Fatal System Error` argument list cut by a hard-wrapping paste. */
  let fatalHead: string | undefined;
  /** A STACK_TEXT row cut by a hard-wrapping paste, waiting for the line with its end. */
  let cutRow: string | undefined;
  let first: number | undefined;
  let last = 0;
  let arch: { arch: Arch; evidence: string } | undefined;
  let argWidth: number | undefined;
  let followupLines = 0;

  const setCode = (hex: string): void => {
    const n = parseInt(hex, 16);
    if (fact.code < 0 && Number.isFinite(n)) fact.code = n;
  };
  const archFrom = (value: string, evidence: string): void => {
    const v = value.toLowerCase();
    const a: Arch | undefined = /\barm64/.test(v) ? 'arm64' : /\b(?:x64|amd64)/.test(v) ? 'x64' : /\bx86/.test(v) ? 'x86' : undefined;
    if (a && !arch) arch = { arch: a, evidence };
  };
  let stackKind = 'STACK_TEXT';
  const endStack = (): void => {
    cutRow = undefined;
    if (frames.length === 0) return;
    const stack: StackFact = { kind: stackKind, frames, provenance: ctx.provenance(stackFirst, stackLast) };
    if (arch) stack.arch = arch.arch;
    ctx.sink.add('stacks', stack);
    fact.stackLines = [stackFirst, stackLast];
    if (droppedFrames) ctx.diag(stackFirst, 'frames-dropped', `the stack has ${frames.length + droppedFrames} frames; kept the first ${MAX_FRAMES} and left out ${droppedFrames} (memory bound)`);
    frames = [];
    droppedFrames = 0;
  };
  const field = (key: string, value: string, no: number): void => {
    switch (key) {
      case 'BUGCHECK_STR':
        fact.bugcheckStr = value;
        break;
      case 'DEFAULT_BUCKET_ID':
        fact.defaultBucketId = value;
        break;
      case 'FAILURE_BUCKET_ID':
        fact.failureBucketId = value;
        break;
      case 'BUCKET_ID':
        fact.bucketId = value;
        break;
      case 'MODULE_NAME':
        fact.moduleName = value;
        break;
      case 'IMAGE_NAME':
        fact.imageName = value;
        break;
      case 'PROCESS_NAME':
        fact.processName = value;
        break;
      case 'FOLLOWUP_NAME':
        fact.followup = value;
        break;
      case 'SYMBOL_NAME':
        fact.symbolName = value;
        break;
      case 'FAULTING_MODULE':
        fact.faultingModule = value.split(/\s+/).pop() ?? value;
        break;
      case 'BUGCHECK_CODE':
        setCode(value);
        break;
      case 'OSPLATFORM_TYPE':
      case 'BUILDOSVER_STR':
      case 'BUILDLAB_STR':
        archFrom(value, `${key}: ${value}`);
        break;
      default: {
        const p = /^BUGCHECK_P([1-4])$/.exec(key);
        if (p && fact.args[Number(p[1]) - 1] === undefined && value) {
          // Current debuggers print P1..P4 without leading zeros; Arg lines win when both are there.
          fact.args[Number(p[1]) - 1] = normalizeHex(value);
        }
      }
    }
    if (fieldCount < MAX_FIELDS && value) {
      fields[key] = value;
      fieldCount++;
    }
    last = no;
  };

  /**
   * A paste without the name line or BUGCHECK_CODE still shows the code: in the bucket ids
   * (`0xc4_62`) or in the arguments of the `nt!KeBugCheckEx` frame (code, P1, P2, P3).
   */
  const inferCode = (): void => {
    if (fact.code >= 0) return;
    for (const id of [fact.bugcheckStr, fact.failureBucketId, fact.defaultBucketId, fact.bucketId, fields['PRIMARY_PROBLEM_CLASS']]) {
      const m = id ? BUCKET_CODE.exec(id) : null;
      if (!m) continue;
      setCode(m[1]!);
      if (m[2] !== undefined && fact.args[0] === undefined) fact.args[0] = m[2].toLowerCase();
      return;
    }
    const byText = codeFromArgumentText(argDescriptions);
    if (byText !== undefined && fact.args.length > 0) {
      fact.code = byText;
      return;
    }
    const frame = keBugCheckEx;
    if (frame?.args && frame.args.length >= 4) {
      setCode(normalizeHex(frame.args[0]!));
      for (let i = 1; i < 4; i++) if (fact.args[i - 1] === undefined) fact.args[i - 1] = normalizeHex(frame.args[i]!).replace(/^0+(?=.)/, '');
    }
  };
  let keBugCheckEx: StackFrame | undefined;
  /** One frame of the analysis's stack (STACK_TEXT or a pasted `kc`), with the lines it spans. */
  const takeFrame = (frame: StackFrame, no: number): void => {
    if (frame.module === 'nt' && frame.function === 'KeBugCheckEx') keBugCheckEx ??= frame;
    if (frames.length === 0) stackFirst = no;
    if (frames.length < MAX_FRAMES) frames.push(frame);
    else droppedFrames++;
    stackLast = no;
    last = no;
  };
  let entry: { address: string; fields: DtField[]; first: number; last: number } | undefined;
  const endEntry = (): void => {
    if (entry?.fields.length) {
      ctx.sink.add('typedObjects', {
        type: 'nt!_MI_VERIFIER_DRIVER_ENTRY',
        module: 'nt',
        address: entry.address,
        addressExpression: entry.address,
        fields: entry.fields,
        elided: false,
        provenance: ctx.provenance(entry.first, entry.last),
      });
    }
    entry = undefined;
  };

  /** Length of the line before: a line cut at 80 columns may end inside a word. */
  let prevLength = 0;
  return {
    line(text, no) {
      first ??= no;
      const blank = text.trim().length === 0;
      const wrapped = prevLength;
      prevLength = text.length;
      if (mode === 'verifier-entry') {
        const f = blank ? undefined : dtInstanceField(text, no);
        if (f) {
          entry!.fields.push(f);
          entry!.last = no;
          return;
        }
        endEntry();
        mode = 'text';
        if (blank) return;
      }
      const ve = VERIFIER_ENTRY.exec(text);
      if (ve) {
        // The dump the analysis asks for, pasted right after it: its fields are the verifier's counts.
        entry = { address: normalizeHex(ve[1]!), fields: [], first: no, last: no };
        mode = 'verifier-entry';
      }
      if (mode === 'text' && !blank && !text.startsWith(' ')) {
        const pieces = splitRunTogether(text);
        if (pieces.length > 1) {
          for (const p of pieces) this.line(p, no);
          return;
        }
      }

      if (mode === 'stack') {
        if (blank) {
          if (frames.length > 0) {
            endStack();
            mode = 'text';
          }
          return;
        }
        if (FIELD.test(text)) {
          endStack();
          mode = 'text';
        } else {
          if (cutRow === undefined && isCutFrameRow(text)) {
            cutRow = text;
            return;
          }
          const row = cutRow === undefined ? text : joinCutFrameRow(cutRow, text);
          cutRow = undefined;
          const frame = parseStackLine(row, no);
          if (frame) {
            takeFrame(frame, no);
          } else if (!/^\s*WARNING:|^\s*\*\*\*/.test(text)) {
            ctx.diag(no, 'malformed-line', `STACK_TEXT row not understood: "${text.trim().slice(0, 100)}"`, '`<Child-SP> <RetAddr> : <args> : module!function+0xoff`');
          }
          return;
        }
      }
      if (mode === 'kframes') {
        // `kc` rows (`0a nt!ObpRemoveObjectRoutine+0x158`) numbered on from the last one; anything else ends them.
        const frame = blank ? undefined : parseStackLine(text, no);
        if (frame && frame.module !== undefined && frame.index === frames.length) {
          takeFrame(frame, no);
          return;
        }
        endStack();
        mode = 'text';
      }
      if (mode === 'keys') {
        if (blank) return;
        let m = KEY.exec(text);
        if (m) {
          pendingKey = m[1]!.trim();
          return;
        }
        m = VALUE.exec(text);
        if (m && pendingKey !== undefined) {
          const value = m[1]!.trim();
          (fact.keyValues ??= {})[pendingKey] = value;
          if (pendingKey === 'WER.OS.Platform' || pendingKey === 'Analysis.System') archFrom(value, `${pendingKey}: ${value}`);
          pendingKey = undefined;
          last = no;
          return;
        }
        mode = 'text';
      }
      if (mode === 'followup') {
        if (blank || FIELD.test(text) || followupLines >= 2) {
          mode = 'text';
        } else {
          if (followupLines === 0) fact.followupIp = text.trim();
          followupLines++;
          return;
        }
      }
      if (mode === 'skip-block') {
        if (blank || !FIELD.test(text)) return;
        mode = 'text';
      }
      if (mode === 'fatal-args') {
        const trimmed = text.trim();
        // The list has no blank in it, so a hard wrap cuts it inside a word: glue its end back on, once.
        if (fatalHead === undefined && trimmed.startsWith('(') && !trimmed.includes(')')) {
          fatalHead = trimmed;
          return;
        }
        const args = fatalHead === undefined ? text : fatalHead + trimmed;
        fatalHead = undefined;
        mode = 'text';
        const m = FATAL_ARGS.exec(args);
        if (m) {
          if (fact.args.length === 0) fact.args = m[1]!.split(',').map((a) => normalizeHex(a));
          last = no;
          return;
        }
      }
      if (mode === 'args') {
        const m = ARG.exec(text);
        if (m) {
          const i = Number(m[1]) - 1;
          fact.args[i] = normalizeHex(m[2]!);
          argWidth ??= normalizeHex(m[2]!).length;
          argDescriptions[i] = (m[3] ?? '').trim();
          lastArg = i;
          last = no;
          return;
        }
        // A description wrapped onto TAB-indented lines, or cut at 80 columns by a paste (it then does
        // not end its sentence: `… prior t` / `o unloading.`).
        const unfinished = lastArg >= 0 && !/[.:)]\s*$/.test(argDescriptions[lastArg] ?? '');
        if (!blank && lastArg >= 0 && (/^\s/.test(text) || unfinished) && !FIELD.test(text) && !/^\s*(?:Debugging Details|Arguments):/i.test(text)) {
          const prev = argDescriptions[lastArg] ?? '';
          // A cut inside a word (`prior t` + `o unloading.`) joins without a blank.
          const glue = wrapped >= 79 && /[a-z]$/.test(prev) && /^[a-z]/.test(text) ? '' : ' ';
          argDescriptions[lastArg] = `${prev}${glue}${text.trim()}`.trim();
          return;
        }
        mode = 'text';
      }
      if (blank) return;

      let m = NAME.exec(text);
      if (m && fact.name === undefined) {
        fact.name = m[1]!;
        setCode(m[2]!);
        last = no;
        return;
      }
      if (/^\s*Arguments:\s*$/.test(text)) {
        mode = 'args';
        return;
      }
      if (ARG.test(text)) {
        // A paste that starts at `Arg1:` (its name and `Arguments:` lines were not copied).
        mode = 'args';
        this.line(text, no);
        return;
      }
      if ((m = SHORT.exec(text))) {
        setCode(m[1]!);
        if (fact.args.length === 0) fact.args = m[2]!.split(',').map((a) => normalizeHex(a)).filter(Boolean);
        last = no;
        return;
      }
      if ((m = FATAL.exec(text))) {
        setCode(m[1]!);
        mode = 'fatal-args';
        last = no;
        return;
      }
      if ((m = PROBABLY.exec(text))) {
        fact.probablyCausedBy = m[1]!;
        const image = /^(\S+)\s*\(/.exec(m[1]!);
        if (image && !fact.imageName) fact.imageName = image[1]!;
        last = no;
        return;
      }
      if ((m = AT_FAULT.exec(text))) {
        // The sentence ends with a dot after the name; no name at all when the address is in no module.
        const image = m[1]!.replace(/\.$/, '');
        if (/\.(?:sys|dll|exe)$/i.test(image)) fact.imageName ??= image;
        last = no;
        return;
      }
      if ((m = FOLLOWUP.exec(text))) {
        fact.followup ??= m[1]!;
        last = no;
        return;
      }
      if (KEY.test(text)) {
        // Pastes sometimes lose the `KEY_VALUES_STRING: 1` line; the pairs still read as pairs.
        mode = 'keys';
        pendingKey = KEY.exec(text)![1]!.trim();
        return;
      }
      if (text.startsWith('00 ') && stackLast === 0) {
        // A stack the reader pasted into the analysis in `kc` form (frame number and call site, no
        // STACK_TEXT field): frame 00 with a module opens it.
        const frame = parseStackLine(text, no);
        if (frame && frame.index === 0 && frame.module !== undefined) {
          frames = [];
          takeFrame(frame, no);
          stackKind = 'kc';
          mode = 'kframes';
          return;
        }
      }
      if (fact.failureBucketId === undefined && (m = PROSE_BUCKET.exec(text)) && !FIELD.test(text)) {
        fact.failureBucketId = m[1]!;
        last = no;
        return;
      }
      if ((m = CONNECTED.exec(text))) archFrom(m[1]!, text.trim());
      if ((m = FIELD.exec(text))) {
        const key = m[1]!;
        const value = m[2]!.trim();
        if (key === 'STACK_TEXT') {
          mode = 'stack';
          stackKind = 'STACK_TEXT';
          frames = [];
          return;
        }
        if (key === 'KEY_VALUES_STRING') {
          mode = 'keys';
          return;
        }
        if (key === 'FOLLOWUP_IP') {
          mode = 'followup';
          followupLines = 0;
          return;
        }
        if (BLOCK_FIELDS.has(key) && !value) {
          mode = 'skip-block';
          return;
        }
        field(key, value, no);
      }
      // Anything else is free text of the analysis (descriptions, symbol chatter): nothing to keep.
    },
    end(lastLine) {
      if (mode === 'stack' || mode === 'kframes') endStack();
      endEntry();
      const f = first ?? lastLine;
      inferCode();
      if (fact.code < 0) {
        ctx.diag(f, 'no-bugcheck', 'no bugcheck code found in !analyze output', '`NAME (code)` and `Arg1: …` lines, or `BUGCHECK_CODE:`');
        return;
      }
      if (!arch && argWidth === 8) arch = { arch: 'x86', evidence: '32-bit bugcheck arguments' };
      if (arch) ctx.sink.arch(arch.arch, arch.evidence);
      if (argDescriptions.some((d) => d)) fact.argDescriptions = argDescriptions.map((d) => d ?? '');
      if (fieldCount > 0) fact.fields = fields;
      const meaning = bugcheckMeaning(fact.code, fact.args);
      if (meaning.subcode !== undefined) fact.subcode = meaning.subcode;
      if (meaning.text) fact.meaning = meaning.text;
      fact.provenance = ctx.provenance(f, Math.max(f, last));
      ctx.sink.add('bugchecks', fact);
    },
  };
}
