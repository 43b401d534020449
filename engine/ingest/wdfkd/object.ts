// `!wdfkd.wdfobject FrameworkObject`: the Fx class of an object pointer, its state and state history,
// its handle (`!wdfhandle 0x...` link), contexts, and the verifier's tag tracker when tracking is on.
import type { WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { applyVerifierLine, HEX, isElision, isNoCallbacks, parseCallback, parseContext, unknownLineReporter } from './lines.js';

const TYPE_FOR = new RegExp(String.raw`^\s*The type for object\s+(${HEX})\s+is\s+(\w+)`);
const STATE = /^\s*State:\s*(\w+)\s*\((0x[0-9a-f]+|\d+)\)/i;
const HANDLE = new RegExp(String.raw`^\s*!wdfhandle\s+(${HEX})\s*$`);
const DT = new RegExp(String.raw`^\s*dt\s+(\w+)\s+(${HEX})\s*$`);
const TAGTRACKER = new RegExp(String.raw`^\s*!wdftagtracker\s+(${HEX})`);
const HISTORY = /^\s*\[(\d+)\]\s+(\w+)(?:\s*\((0x[0-9a-f]+|\d+)\))?\s*$/i;
const KNOWN = /^\s*(?:State history:|Treating handle as a KMDF handle!)\s*$/;

export const wdfobject: CommandFamily = {
  id: 'wdfobject',
  links: true,
  accepts: (c) => c.name === '!wdfobject',
  recognise: (line) => TYPE_FOR.test(line),
  leads: 'T',
  create: (ctx) => createObjectParser(ctx),
};

function createObjectParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfobject');
  const arg = (ctx.command?.args ?? '').split(/\s+/)[0];
  const fact: WdfHandleFact = { handle: '', provenance: ctx.provenance(0, 0) };
  if (arg && /^(?:0x)?[0-9a-f`]+$/i.test(arg)) fact.object = normalizeHex(arg);
  let first: number | undefined;
  let last = 0;
  let seen = false;
  let elided = false;

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      const used = (): void => {
        last = no;
        seen = true;
      };
      let m = TYPE_FOR.exec(text);
      if (m) {
        fact.object = normalizeHex(m[1]!);
        fact.fxClass = m[2]!;
        return used();
      }
      if ((m = STATE.exec(text))) {
        fact.state = m[1]!;
        fact.stateValue = parseInt(m[2]!, m[2]!.startsWith('0x') ? 16 : 10);
        return used();
      }
      if ((m = HANDLE.exec(text))) return (fact.handle = normalizeHex(m[1]!)), used();
      if ((m = DT.exec(text))) {
        fact.fxClass ??= m[1]!;
        fact.object ??= normalizeHex(m[2]!);
        return used();
      }
      if ((m = TAGTRACKER.exec(text))) return (fact.tagTracker = normalizeHex(m[1]!)), used();
      if (applyVerifierLine(fact, text)) return used();
      if ((m = HISTORY.exec(text))) return (fact.stateHistory ??= []).push(m[2]!), used();
      const c = parseContext(text);
      if (c) return (fact.contexts ??= []).push(c), used();
      const cb = parseCallback(text);
      if (cb) return (fact.callbacks ??= []).push(cb), used();
      if (isElision(text)) return void (elided = true);
      if (isNoCallbacks(text) || KNOWN.test(text)) return;
      unknown.report(no, text);
    },
    end(lastLine) {
      const f = first ?? lastLine;
      if (seen) {
        // No `!wdfhandle` link: an object without a handle, unless the paste left lines out.
        if (!fact.handle && !elided) fact.internal = true;
        fact.provenance = ctx.provenance(f, Math.max(f, last));
        ctx.sink.add('wdfHandles', fact);
      } else {
        ctx.diag(f, 'empty-output', 'nothing understood in !wdfobject output', '`The type for object 0x... is FxXxx`');
      }
      unknown.end();
    },
  };
}
