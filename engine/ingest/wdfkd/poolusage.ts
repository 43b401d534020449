// `!wdfkd.wdfpoolusage [DriverName [SearchAddress] [Flags]]`: the KMDF verifier's own pool accounting
// for one driver (driver tag, bytes and allocations per pool, peaks) and each tracked allocation with
// its caller, one per line (`pool 82dbae00, Size  512 Tag 'RawB', NonPaged, Caller: ...`) or, with
// flag 0x1, over four lines starting `Client alloc starts at ...`.
import type { PoolKind, WdfPoolUsageFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { driverArg, HEX, unknownLineReporter } from './lines.js';

type Allocation = WdfPoolUsageFact['allocations'][number];

const GLOBALS = new RegExp(String.raw`^\s*(?:#+\s*)?FxDriverGlobals\s+(${HEX})\s+pool stats`, 'i');
const TAG = /^\s*Driver Tag:\s*'([^']*)'/i;
const PAIR = /^\s*(\d+)\s+(Peak)?NonPaged\s+(Bytes|Allocations),\s*(\d+)\s+(?:Peak)?Paged\s+(?:Bytes|Allocations)\s*$/i;
const ROW = new RegExp(String.raw`^\s*pool\s+(${HEX}),\s*Size\s+(\d+)\s+Tag\s+'([^']*)',\s*(NonPaged|Paged)\w*,\s*Caller:\s*(\S(?:.*\S)?)\s*$`, 'i');
const CLIENT = new RegExp(String.raw`^\s*Client alloc starts at\s+(${HEX})`, 'i');
const SIZE_TAG = /^\s*Size\s+(\d+)\s+Tag\s+'([^']*)'/i;
const POOL_TYPE = /^\s*(NonPaged|Paged)\w*\s*\((0x[0-9a-f]+)\)/i;
const CALLER = /^\s*Caller:\s*(\S(?:.*\S)?)\s*$/i;
const KNOWN = /^\s*(?:-{3,}|\.(?:\s*\.)+)\s*$/;

export const wdfpoolusage: CommandFamily = {
  id: 'wdfpoolusage',
  links: true,
  accepts: (c) => c.name === '!wdfpoolusage',
  recognise: (line) => GLOBALS.test(line),
  leads: '#Ff',
  create: (ctx) => createPoolUsageParser(ctx),
};

function poolOf(word: string): PoolKind {
  return /^nonpaged/i.test(word) ? 'nonpaged' : /^paged/i.test(word) ? 'paged' : 'unknown';
}

function createPoolUsageParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfpoolusage');
  const fact: WdfPoolUsageFact = { allocations: [], provenance: ctx.provenance(0, 0) };
  const driver = driverArg(ctx.command?.args);
  if (driver) fact.driver = driver;
  let pending: Allocation | undefined;
  let first: number | undefined;
  let last = 0;
  let seen = false;

  const used = (no: number): void => {
    last = no;
    seen = true;
  };

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      let m = ROW.exec(text);
      if (m) {
        const a: Allocation = { address: normalizeHex(m[1]!), size: Number(m[2]), tag: m[3]!, pool: poolOf(m[4]!), caller: m[5]! };
        fact.allocations.push(a);
        return used(no);
      }
      if ((m = CLIENT.exec(text))) {
        pending = { address: normalizeHex(m[1]!), size: 0, tag: '', pool: 'unknown' };
        fact.allocations.push(pending);
        return used(no);
      }
      if (pending && (m = SIZE_TAG.exec(text))) {
        pending.size = Number(m[1]);
        pending.tag = m[2]!;
        return used(no);
      }
      if (pending && (m = POOL_TYPE.exec(text))) {
        pending.pool = poolOf(m[1]!);
        return used(no);
      }
      if (pending && (m = CALLER.exec(text))) {
        pending.caller = m[1]!;
        pending = undefined;
        return used(no);
      }
      if ((m = PAIR.exec(text))) {
        const peak = !!m[2];
        const np = Number(m[1]);
        const p = Number(m[4]);
        if (/^bytes$/i.test(m[3]!)) {
          if (peak) (fact.peakNonpagedBytes = np), (fact.peakPagedBytes = p);
          else (fact.nonpagedBytes = np), (fact.pagedBytes = p);
        } else if (peak) (fact.peakNonpagedAllocations = np), (fact.peakPagedAllocations = p);
        else (fact.nonpagedAllocations = np), (fact.pagedAllocations = p);
        return used(no);
      }
      if ((m = TAG.exec(text))) return (fact.driverTag = m[1]!), used(no);
      if ((m = GLOBALS.exec(text))) return (fact.globals = normalizeHex(m[1]!)), used(no);
      if (KNOWN.test(text)) return;
      unknown.report(no, text);
    },
    end(lastLine) {
      const f = first ?? lastLine;
      if (seen) {
        fact.provenance = ctx.provenance(f, Math.max(f, last));
        ctx.sink.add('wdfPoolUsage', fact);
      } else {
        ctx.diag(f, 'empty-output', 'nothing understood in !wdfpoolusage output', "`Driver Tag: 'Xxxx'` and the bytes/allocations lines");
      }
      unknown.end();
    },
  };
}
