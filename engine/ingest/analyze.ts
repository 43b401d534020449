// `!analyze [-v]`: the bugcheck code, name and arguments (with their descriptions, wrapped lines
// joined), and the analysis fields: BUGCHECK_STR, the bucket ids, MODULE_NAME, IMAGE_NAME,
// PROCESS_NAME, FOLLOWUP_NAME/FOLLOWUP_IP, SYMBOL_NAME, KEY_VALUES_STRING pairs and STACK_TEXT (rows
// read by the stack parser). Both wordings are accepted: the 2015-era one (`BUGCHECK_STR:`,
// `DEFAULT_BUCKET_ID:`, blank lines between fields) and the current one (`BUGCHECK_CODE:`,
// `BUGCHECK_P1:`, `KEY_VALUES_STRING: 1` with `Key  : …` / `Value: …` pairs, sometimes no blank lines).
// Also read: the short `BugCheck 10D, {d, …}` / `Probably caused by :` form and `*** Fatal System Error`.
import type { Arch, BugcheckFact, StackFact, StackFrame } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { normalizeHex } from './common.js';
import { parseStackLine } from './stack.js';
import { bugcheckMeaning } from './bugcheck-meaning.js';

const BANNER = /^\s*\*\s+Bugcheck Analysis\s+\*\s*$/;
const NAME = /^([A-Z][A-Z0-9_]+)\s+\(([0-9a-fA-F]{1,8})\)\s*$/;
const SHORT = /^\s*BugCheck\s+([0-9A-F]+),\s*\{([^}]*)\}/i;
const FATAL = /^\s*\*\*\* Fatal System Error:\s*(0x[0-9a-f]+)/i;
const FATAL_ARGS = /^\s*\((0x[0-9a-f`]+(?:\s*,\s*0x[0-9a-f`]+)*)\)\s*$/i;
const PROBABLY = /^\s*Probably caused by\s*:\s*(.+?)\s*$/;
const ARG = /^\s*Arg(\d):\s*([0-9a-f`]+)\s*(?:,\s*(.*))?$/i;
const FIELD = /^([A-Z][A-Z0-9_]*[A-Z0-9]):\s*(.*)$/;
const FOLLOWUP = /^\s*Followup:\s*(\S(?:.*\S)?)\s*$/;
const KEY = /^\s*Key\s*:\s*(.*?)\s*$/;
const VALUE = /^\s*Value\s*:\s*(.*?)\s*$/;
const CONNECTED = /\b(x86|x64|ARM64|AMD64) (?:compatible )?target\b/i;
/** Fields whose value is on the lines that follow (`FOLLOWUP_IP:` then the symbol and the instruction). */
const BLOCK_FIELDS = new Set(['STACK_TEXT', 'FOLLOWUP_IP', 'FAULTING_IP', 'KEY_VALUES_STRING', 'FAULTING_SOURCE_CODE', 'LAST_CONTROL_TRANSFER']);
const MAX_FIELDS = 200;

export const analyze: CommandFamily = {
  id: 'analyze',
  accepts: (c) => c.name === '!analyze',
  recognise: (line) => BANNER.test(line) || FATAL.test(line) || SHORT.test(line),
  create: (ctx) => createAnalyzeParser(ctx),
};

type Mode = 'text' | 'args' | 'stack' | 'keys' | 'followup' | 'skip-block' | 'fatal-args';

function createAnalyzeParser(ctx: BlockContext): BlockParser {
  const fact: BugcheckFact = { code: -1, args: [], provenance: ctx.provenance(0, 0) };
  const argDescriptions: string[] = [];
  const fields: Record<string, string> = {};
  let fieldCount = 0;
  let mode: Mode = 'text';
  let lastArg = -1;
  let pendingKey: string | undefined;
  let frames: StackFrame[] = [];
  let stackFirst = 0;
  let stackLast = 0;
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
  const endStack = (): void => {
    if (frames.length === 0) return;
    const stack: StackFact = { kind: 'STACK_TEXT', frames, provenance: ctx.provenance(stackFirst, stackLast) };
    if (arch) stack.arch = arch.arch;
    ctx.sink.add('stacks', stack);
    fact.stackLines = [stackFirst, stackLast];
    frames = [];
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

  return {
    line(text, no) {
      first ??= no;
      const blank = text.trim().length === 0;

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
          const frame = parseStackLine(text, no);
          if (frame) {
            if (frames.length === 0) stackFirst = no;
            frames.push(frame);
            stackLast = no;
            last = no;
          } else if (!/^\s*WARNING:|^\s*\*\*\*/.test(text)) {
            ctx.diag(no, 'malformed-line', `STACK_TEXT row not understood: "${text.trim().slice(0, 100)}"`, '`<Child-SP> <RetAddr> : <args> : module!function+0xoff`');
          }
          return;
        }
      }
      if (mode === 'keys') {
        if (blank) return;
        let m = KEY.exec(text);
        if (m) {
          pendingKey = m[1]!;
          return;
        }
        m = VALUE.exec(text);
        if (m && pendingKey !== undefined) {
          (fact.keyValues ??= {})[pendingKey] = m[1]!;
          if (pendingKey === 'WER.OS.Platform' || pendingKey === 'Analysis.System') archFrom(m[1]!, `${pendingKey}: ${m[1]}`);
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
        mode = 'text';
        const m = FATAL_ARGS.exec(text);
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
        if (!blank && lastArg >= 0 && /^\s/.test(text) && !FIELD.test(text)) {
          // A description wrapped onto TAB-indented lines (`\ta framework object method.`).
          argDescriptions[lastArg] = `${argDescriptions[lastArg]} ${text.trim()}`.trim();
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
      if ((m = FOLLOWUP.exec(text))) {
        fact.followup ??= m[1]!;
        last = no;
        return;
      }
      if (KEY.test(text)) {
        // Pastes sometimes lose the `KEY_VALUES_STRING: 1` line; the pairs still read as pairs.
        mode = 'keys';
        pendingKey = KEY.exec(text)![1]!;
        return;
      }
      if ((m = CONNECTED.exec(text))) archFrom(m[1]!, text.trim());
      if ((m = FIELD.exec(text))) {
        const key = m[1]!;
        const value = m[2]!.trim();
        if (key === 'STACK_TEXT') {
          mode = 'stack';
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
      if (mode === 'stack') endStack();
      const f = first ?? lastLine;
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
