// `!wdfkd.wdffindobjects [StartAddress [Flags]]`: memory slots holding WDF handles or object pointers.
// `  0xfffffa600211b670  0xfffffa8002e7b1f0  [Object]  !WDFREQUEST 0x0000057ffd184e08`. When the slot
// holds the object pointer (the verbose `Object` column, or a value that is not the handle), the
// pointer is read from the output; no handle arithmetic is done here. One fact per handle.
import type { WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { HEX, unknownLineReporter } from './lines.js';

const ROW = new RegExp(String.raw`^\s*(${HEX})\s+(${HEX})(?:\s+(Object|Handle))?(?:\s+!(WDF\w+)\s+(${HEX}))?\s*$`);
const KNOWN = /^(?:\s*Address\s+Value\s+(?:Type\s+)?Object\s*|[-\s]+)$/;

export const wdffindobjects: CommandFamily = {
  id: 'wdffindobjects',
  accepts: (c) => c.name === '!wdffindobjects',
  create: (ctx) => createFindObjectsParser(ctx),
};

function createFindObjectsParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdffindobjects');
  const byHandle = new Map<string, WdfHandleFact>();
  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      const m = ROW.exec(text);
      if (m) {
        if (!m[4]) return; // a slot with no WDF object in it
        const slot = normalizeHex(m[1]!);
        const value = normalizeHex(m[2]!);
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
      for (const f of byHandle.values()) ctx.sink.add('wdfHandles', f);
      unknown.end();
    },
  };
}
