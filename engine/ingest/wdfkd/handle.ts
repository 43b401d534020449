// `!wdfkd.wdfhandle Handle [Flags]`: the handle's type, refcount, contexts and callbacks, parent and
// owning device, and with flag 0x10 the child tree, one fact per handle with depth/parent/children.
// Old layout: `handle 0x7ca7b1c0, type is WDFDEVICE` and `WDFCMRESLIST 0x...` tree rows; new layout:
// `Dumping WDFHANDLE 0x...` / `Handle type is ...` and `!wdfhandle 0x...  dt FxWorkItem 0x...` rows.
import type { WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import {
  HEX,
  isElision,
  isNoCallbacks,
  parseCallback,
  parseContext,
  parseTreeRow,
  TreeBuilder,
  unknownLineReporter,
} from './lines.js';

const DUMPING = new RegExp(String.raw`^\s*(?:#\s*)?Dumping WDFHANDLE\s+(${HEX})`);
const OLD_HEADER = new RegExp(String.raw`^\s*handle\s+(${HEX}),\s*type is\s+(\w+)`, 'i');
const TYPE_IS = /^\s*Handle type is\s+(\w+)(?:\s+\[([^\]]*)\])?/;
const REFCOUNT = /^\s*Refcount:\s*(\d+)/;
const PARENT = new RegExp(String.raw`^\s*Parent:\s*!wdf\w+\s+(${HEX})(?:,\s*type is\s+(\w+))?`);
const OWNING = new RegExp(String.raw`^\s*Owning device:\s*!wdfdevice\s+(${HEX})`);
const WDFOBJECT = new RegExp(String.raw`^\s*!wdfobject\s+(${HEX})\s*$`);
const TAGTRACKER = new RegExp(String.raw`^\s*!wdftagtracker\s+(${HEX})`);
const CHILDREN = /^\s*Child WDFHANDLEs of\b/;
const KNOWN = /^\s*(?:Treating handle as a KMDF handle!|=+|Contexts:|-+)\s*$/;

export const wdfhandle: CommandFamily = {
  id: 'wdfhandle',
  links: true,
  accepts: (c) => c.name === '!wdfhandle',
  recognise: (line) => DUMPING.test(line),
  leads: '#D',
  create: (ctx) => createHandleParser(ctx),
};

function createHandleParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfhandle');
  const tree = new TreeBuilder();
  const byHandle = new Map<string, WdfHandleFact>();
  const order: WdfHandleFact[] = [];
  let first: number | undefined;
  let self: WdfHandleFact | undefined;
  let selfFirst = 0;
  let selfLast = 0;
  let inTree = false;

  const selfFact = (handle: string, line: number): WdfHandleFact => {
    if (!self) {
      self = { handle, provenance: ctx.provenance(line, line) };
      selfFirst = line;
      byHandle.set(handle, self);
      order.push(self);
    }
    return self;
  };

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      let m = DUMPING.exec(text) ?? OLD_HEADER.exec(text);
      if (m) {
        const f = selfFact(normalizeHex(m[1]!), no);
        if (m[2]) f.handleType = m[2];
        selfLast = no;
        return;
      }
      if (inTree) {
        const row = parseTreeRow(text);
        if (row) {
          // The first row of the tree is the dumped handle itself: merge instead of duplicating.
          const known = row.handle ? byHandle.get(row.handle) : undefined;
          const fact: WdfHandleFact = known ?? { handle: row.handle, provenance: ctx.provenance(no, no) };
          if (!known) {
            if (row.handle) byHandle.set(row.handle, fact);
            order.push(fact);
          }
          applyRow(fact, row);
          tree.add(row, fact);
          if (fact === self) selfLast = no;
          return;
        }
        inTree = false;
      }
      if (CHILDREN.test(text)) {
        inTree = true;
        return;
      }
      if (self) {
        if (applyHeaderLine(self, text)) {
          selfLast = no;
          return;
        }
      } else if (TYPE_IS.test(text) || REFCOUNT.test(text)) {
        // Output without its `Dumping WDFHANDLE` line: keep what it says under an unknown handle.
        applyHeaderLine(selfFact('', no), text);
        selfLast = no;
        return;
      }
      if (KNOWN.test(text) || isElision(text)) return;
      unknown.report(no, text);
    },
    end(last) {
      if (self) self.provenance = ctx.provenance(selfFirst, Math.max(selfLast, selfFirst));
      for (const f of order) ctx.sink.add('wdfHandles', f);
      if (order.length === 0) {
        ctx.diag(first ?? last, 'empty-output', 'no handle found in !wdfhandle output', '`Dumping WDFHANDLE 0x...` or `handle 0x..., type is WDFXXX`');
      }
      unknown.end();
    },
  };
}

/** Header lines that describe the dumped handle; true when the line was used. */
export function applyHeaderLine(f: WdfHandleFact, text: string): boolean {
  let m = TYPE_IS.exec(text);
  if (m) {
    f.handleType = m[1]!;
    if (m[2]) f.customTypes = m[2].split(',').map((s) => s.trim()).filter(Boolean);
    return true;
  }
  m = REFCOUNT.exec(text);
  if (m) {
    f.refcount = Number(m[1]);
    return true;
  }
  const ctxLine = parseContext(text);
  if (ctxLine) {
    (f.contexts ??= []).push(ctxLine);
    return true;
  }
  const cb = parseCallback(text);
  if (cb) {
    (f.callbacks ??= []).push(cb);
    return true;
  }
  if (isNoCallbacks(text)) return true;
  m = PARENT.exec(text);
  if (m) {
    f.parent = normalizeHex(m[1]!);
    if (m[2]) f.parentType = m[2];
    return true;
  }
  m = OWNING.exec(text);
  if (m) {
    f.owningDevice = normalizeHex(m[1]!);
    return true;
  }
  m = WDFOBJECT.exec(text);
  if (m) {
    // wdfkd prints the object pointer behind the handle as a `!wdfobject` link: read, not computed.
    f.object = normalizeHex(m[1]!);
    return true;
  }
  m = TAGTRACKER.exec(text);
  if (m) {
    f.tagTracker = normalizeHex(m[1]!);
    return true;
  }
  return false;
}

/** Copies a tree row into a fact without overwriting what the header already said. */
export function applyRow(f: WdfHandleFact, row: ReturnType<typeof parseTreeRow> & object): void {
  if (row.internal) f.internal = true;
  if (row.handleType && !f.handleType) f.handleType = row.handleType;
  if (row.customTypes && !f.customTypes) f.customTypes = row.customTypes;
  if (row.fxClass) f.fxClass = row.fxClass;
  if (row.object) f.object = row.object;
  if (row.role) f.role = row.role;
  if (row.contexts.length > 0 && !f.contexts) f.contexts = row.contexts.map((c) => ({ address: c.address }));
  if (row.callbacks.length > 0) {
    const have = new Set((f.callbacks ?? []).map((c) => c.address));
    for (const cb of row.callbacks) if (!have.has(cb.address)) (f.callbacks ??= []).push(cb);
  }
}
