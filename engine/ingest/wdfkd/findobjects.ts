// `!wdfkd.wdffindobjects [StartAddress [Flags]]`: memory slots holding WDF handles or object pointers.
// `  0xfffffa600211b670  0xfffffa8002e7b1f0  [Object]  !WDFREQUEST 0x0000057ffd184e08`. When the slot
// holds the object pointer (the verbose `Object` column, or a value that is not the handle), the
// pointer is read from the output; no handle arithmetic is done here. One fact per handle, and the
// slots themselves as a memory dump (the output is a `dq`/`dd` of the range with objects named):
// contiguous rows of one width make one memory fact.
import type { MemoryFact, WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { HEX, unknownLineReporter } from './lines.js';

const ROW = new RegExp(String.raw`^\s*(${HEX})\s+(${HEX})(?:\s+(Object|Handle))?(?:\s+!(WDF\w+)\s+(${HEX}))?\s*$`);
const KNOWN = /^(?:\s*Address\s+Value\s+(?:Type\s+)?Object\s*|[-\s]+)$/;

export const wdffindobjects: CommandFamily = {
  id: 'wdffindobjects',
  links: true,
  accepts: (c) => c.name === '!wdffindobjects',
  create: (ctx) => createFindObjectsParser(ctx),
};

function createFindObjectsParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdffindobjects');
  const byHandle = new Map<string, WdfHandleFact>();
  const dumps = slotDumps(ctx);
  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      const m = ROW.exec(text);
      if (m) {
        const slot = normalizeHex(m[1]!);
        const value = normalizeHex(m[2]!);
        dumps.add(slot, value, m[2]!, no);
        if (!m[4]) return; // a slot with no WDF object in it
        const handle = normalizeHex(m[5]!);
        let f = byHandle.get(handle);
        if (!f) {
          f = { handle, handleType: m[4].toUpperCase(), foundAt: [], provenance: ctx.provenance(no, no) };
          byHandle.set(handle, f);
        } else {
          f.provenance = ctx.provenance(f.provenance.lines[0], no);
        }
        f.foundAt!.push(slot);
        const isObject = m[3] ? m[3] === 'Object' : value !== handle;
        if (isObject) f.object = value;
        return;
      }
      if (KNOWN.test(text)) return;
      unknown.report(no, text);
    },
    end() {
      dumps.end();
      for (const f of byHandle.values()) ctx.sink.add('wdfHandles', f);
      unknown.end();
    },
  };
}

/** Rows as memory: contiguous slots of one width (16 digits: 8 bytes, 8 digits: 4) make one fact. */
function slotDumps(ctx: BlockContext): { add(slot: string, value: string, printed: string, line: number): void; end(): void } {
  const command = ctx.command?.raw ?? '!wdffindobjects';
  let open: { fact: MemoryFact; next: bigint; first: number; last: number } | undefined;
  const close = (): void => {
    if (!open) return;
    open.fact.provenance = ctx.provenance(open.first, open.last);
    ctx.sink.add('memory', open.fact);
    open = undefined;
  };
  return {
    add(slot, value, printed, line) {
      const digits = printed.replace(/^0x/i, '').replaceAll('`', '').length;
      const unit = digits === 16 ? 8 : digits === 8 ? 4 : undefined;
      if (!unit || value.length > unit * 2) return close();
      const at = BigInt(`0x${slot}`);
      if (!open || open.fact.unit !== unit || open.next !== at) {
        close();
        open = { fact: { address: slot, unit, bytes: '', command, provenance: ctx.provenance(line, line) }, next: at, first: line, last: line };
      }
      const hex = value.padStart(unit * 2, '0');
      for (let i = hex.length - 2; i >= 0; i -= 2) open.fact.bytes += hex.slice(i, i + 2);
      open.next = at + BigInt(unit);
      open.last = line;
    },
    end: close,
  };
}
