// `!wdfkd.wdfmemory Handle`: the buffer and length behind a WDFMEMORY handle, e.g.
// `WDFMEMORY 0x00007afa48e810e1:  Buffer 0xffff8505cda08fe0, Length 0x0 (0) bytes`.
import type { WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { HEX, unknownLineReporter } from './lines.js';

const MEMORY = new RegExp(String.raw`^\s*WDFMEMORY\s+(${HEX}):\s*Buffer\s+(${HEX}),\s*Length\s+(0x[0-9a-f]+|\d+)(?:\s*\((\d+)\))?\s*bytes`, 'i');
/** wdfkd's own warnings, e.g. `WDFREQUEST 00007afa48e810e1 may have been completed, results might be unreliable`. */
const WARNING = /(?:may have been completed|might be unreliable|Treating handle as a KMDF handle!)/i;

export const wdfmemory: CommandFamily = {
  id: 'wdfmemory',
  links: true,
  accepts: (c) => c.name === '!wdfmemory',
  recognise: (line) => MEMORY.test(line),
  leads: 'Ww',
  create: (ctx) => createMemoryParser(ctx),
};

function createMemoryParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfmemory');
  let found = false;
  let first: number | undefined;
  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      const m = MEMORY.exec(text);
      if (m) {
        const length = m[4] !== undefined ? Number(m[4]) : parseInt(normalizeHex(m[3]!), m[3]!.startsWith('0x') ? 16 : 10);
        const fact: WdfHandleFact = {
          handle: normalizeHex(m[1]!),
          handleType: 'WDFMEMORY',
          buffer: normalizeHex(m[2]!),
          length,
          provenance: ctx.provenance(no, no),
        };
        ctx.sink.add('wdfHandles', fact);
        found = true;
        return;
      }
      if (WARNING.test(text)) return;
      unknown.report(no, text);
    },
    end(last) {
      if (!found) ctx.diag(first ?? last, 'empty-output', 'no WDFMEMORY line in !wdfmemory output', '`WDFMEMORY 0x...:  Buffer 0x..., Length 0x.. (n) bytes`');
      unknown.end();
    },
  };
}
