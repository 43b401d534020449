// What Driver Verifier prints on the console when it stops a driver without a bug check (I/O verification,
// IRP handling), then the break-in that follows:
//   ************************************************************
//   Driver Verifier detected violation:
//
//   Caller has completed untouched IRP_MJ_PNP (instead of passing the irp
//   down) or non-PDO has failed the irp using incorrect value of
//   STATUS_NOT_SUPPORTED.
//
//   CulpritAddress = FFFFF806E5968960, Irp = FFFFA10115546E50.
//   ************************************************************
//
//   Break instruction exception - code 80000003 (first chance)
//   nt!ViErrorFinishReport+0x8e:
//   fffff807`5afda2ca cc              int     3
// The stop location and its instruction are read as a register fact (no values), as after `r`.
import type { VerifierViolationFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { createRegisterReader } from './registers.js';
import { isRule, unknownLineReporter } from './wdfkd/lines.js';

const HEAD = /^\s*Driver Verifier detected violation:\s*$/i;
/** `CulpritAddress = FFFFF806E5968960, Irp = FFFFA10115546E50.`: one or more `Name = value` pairs. */
const PAIRS = /^\s*[A-Za-z]\w{0,40} = \S/;
const PAIR = /([A-Za-z]\w{0,40}) = ([^,\s]+)/g;
/** Description kept per report: a real one is a few lines; a hostile block must not grow it without bound. */
const MAX_TEXT = 4096;
const MAX_VALUES = 64;
const BREAK = /^\s*Break instruction exception - code ([0-9a-f]{8}) \((?:first|second) chance\)\s*$/i;

export const verifierViolation: CommandFamily = {
  id: 'verifier-violation',
  // Printed by the target, never by a command.
  accepts: () => false,
  recognise: (line) => HEAD.test(line),
  leads: 'D',
  create: (ctx) => createViolationParser(ctx),
};

function createViolationParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, 'Driver Verifier report');
  const where = createRegisterReader(ctx);
  // Added at the next report or the block's end, so the break-in after the stars still lands on it.
  let fact: VerifierViolationFact | undefined;
  let first = 0;
  let last = 0;
  const text: string[] = [];
  let chars = 0;
  // Inside the stars until the closing rule; after it, only the break-in is expected.
  let inside = false;

  const flush = (): void => {
    if (!fact) return;
    fact.text = text.join(' ');
    fact.provenance = ctx.provenance(first, last);
    ctx.sink.add('verifierViolations', fact);
    fact = undefined;
    text.length = 0;
    chars = 0;
  };

  return {
    line(raw, no) {
      if (HEAD.test(raw)) {
        flush();
        fact = { text: '', values: {}, provenance: ctx.provenance(no, no) };
        first = last = no;
        inside = true;
        return;
      }
      if (!raw.trim()) return;
      if (isRule(raw, '*', 20)) {
        if (inside) last = no;
        inside = false;
        return;
      }
      if (inside && fact) {
        last = no;
        if (PAIRS.test(raw)) {
          for (const m of raw.matchAll(PAIR)) {
            if (Object.keys(fact.values).length < MAX_VALUES || m[1]! in fact.values) fact.values[m[1]!] = m[2]!.replace(/\.$/, '');
          }
        } else if (chars < MAX_TEXT) {
          const t = raw.trim();
          text.push(t);
          chars += t.length;
        }
        return;
      }
      const brk = BREAK.exec(raw);
      if (brk) {
        if (fact) fact.breakCode ??= brk[1]!;
        return;
      }
      if (!where.line(raw, no)) unknown.report(no, raw);
    },
    end() {
      flush();
      where.flush();
      unknown.end();
    },
  };
}
