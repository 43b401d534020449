// `!wdfkd.wdftagtracker TagObjectPointer [Flags]`: the reference/release history the KMDF verifier keeps
// for a tracked object (`TrackHandles`), most recent first, each entry with its tag, tick time and the
// source file @ line that took or dropped the reference. The balance is references minus releases.
import type { WdfTagTrackerEntry, WdfTagTrackerFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { isElision, unknownLineReporter } from './lines.js';

const ENTRY = /^\s*\((\+\+|--)\)\s+(?:(\d+)\s+refs?:|(Initial))\s+Tag\s+('[^']*'|\S+)(?:\s+at Time\s+(\S+)(?:\s+ticks)?)?\s*$/i;
const SOURCE = /^\s*(\S(?:.*?\S)?)\s+@\s+(0x[0-9a-f]+|\d+)\s*$/i;
const COUNTS = /^\s*(?:#+\s*)?(\d+)\s+entries,\s*history depth is\s+(\d+)/i;
const KNOWN = /^\s*(?:Reference and Release History:|(?:#+\s*)?\(showing most recent first.*\)|-+)\s*$/i;

export const wdftagtracker: CommandFamily = {
  id: 'wdftagtracker',
  links: true,
  accepts: (c) => c.name === '!wdftagtracker',
  // The header, or a history entry pasted without it (`(++) 1 refs: Tag 'Heyo' at Time 0x24e40 ticks`).
  recognise: (line) => /^\s*Reference and Release History:\s*$/.test(line) || ENTRY.test(line),
  leads: '(R',
  create: (ctx) => createTagTrackerParser(ctx),
};

function createTagTrackerParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdftagtracker');
  const arg = (ctx.command?.args ?? '').split(/\s+/)[0] ?? '';
  const entries: WdfTagTrackerEntry[] = [];
  let declaredEntries: number | undefined;
  let historyDepth: number | undefined;
  let first: number | undefined;
  let last = 0;

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      let m = ENTRY.exec(text);
      if (m) {
        const e: WdfTagTrackerEntry = {
          op: m[3] ? 'initial' : m[1] === '++' ? 'ref' : 'release',
          tag: m[4]!.startsWith("'") ? m[4]!.slice(1, -1) : normalizeHex(m[4]!),
        };
        if (m[2] !== undefined) e.refs = Number(m[2]);
        if (m[5]) e.time = m[5];
        entries.push(e);
        last = no;
        return;
      }
      if ((m = COUNTS.exec(text))) {
        declaredEntries = Number(m[1]);
        historyDepth = Number(m[2]);
        return;
      }
      if ((m = SOURCE.exec(text)) && entries.length > 0 && !/\(\+\+|--\)/.test(text)) {
        const e = entries[entries.length - 1]!;
        e.file = m[1]!;
        e.line = m[2]!.startsWith('0x') ? parseInt(m[2]!, 16) : Number(m[2]);
        last = no;
        return;
      }
      if (KNOWN.test(text) || isElision(text)) return;
      unknown.report(no, text);
    },
    end(lastLine) {
      const f = first ?? lastLine;
      if (entries.length === 0 && declaredEntries === undefined) {
        ctx.diag(f, 'empty-output', 'no history entry in !wdftagtracker output', "`(++) 1 refs: Tag '...' at Time 0x... ticks`");
        unknown.end();
        return;
      }
      const fact: WdfTagTrackerFact = { entries, balance: balanceOf(entries), provenance: ctx.provenance(f, Math.max(f, last)) };
      if (/^(?:0x)?[0-9a-f`]+$/i.test(arg)) fact.tracker = normalizeHex(arg);
      if (declaredEntries !== undefined) fact.declaredEntries = declaredEntries;
      if (historyDepth !== undefined) fact.historyDepth = historyDepth;
      ctx.sink.add('wdfTagTrackers', fact);
      unknown.end();
    },
  };
}

/** References (the initial one included) minus releases over the shown history. */
export function balanceOf(entries: readonly WdfTagTrackerEntry[]): number {
  let n = 0;
  for (const e of entries) n += e.op === 'release' ? -1 : 1;
  return n;
}
