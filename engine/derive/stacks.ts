// Stack → how an object was created: the creating WDF API, the driver frames that called it, and the
// execution context (DPC, ISR, timer, worker, I/O) those frames ran in, hence the IRQL.
import type { FactsDocument, StackFact, StackFrame } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { contextOfFrame } from '../reference/execution-contexts.js';
import { isSystemModule } from '../reference/system-modules.js';

export interface Creation {
  /** The public API, e.g. `WdfWorkItemCreate` (from `imp_WdfWorkItemCreate` or the inline header stub). */
  api: string;
  /** The driver module that called it. */
  driver?: string;
  /** First driver routine above the API: `amdacpbus2!AcpWorkItemCreate`. */
  creator?: string;
  /** Outermost driver routine on the stack (the callback the framework or kernel entered): `amdacpbus2!AcpDspSwInterruptDpc`. */
  entry?: string;
  /** Driver routines from the creator outwards. */
  chain: string[];
  context?: string;
  contextTitle?: string;
  irql?: string;
  /** The frame that proved the context. */
  contextFrame?: string;
  /** Transcript lines of the API frame, the driver frames and the context frame, for evidence. */
  apiLine?: number;
  chainLines: Array<{ name: string; line: number }>;
  contextLine?: number;
  /** True when the stack reaches the pool allocator (a breakpoint hit on the allocation). */
  allocating: boolean;
  stack: number;
}

const frameName = (f: StackFrame): string | undefined =>
  f.module && f.function ? `${f.module}!${f.function}` : undefined;

/** `imp_WdfWorkItemCreate` → `WdfWorkItemCreate`; anything else unchanged. */
const publicApi = (fn: string): string => (fn.startsWith('imp_') ? fn.slice(4) : fn);

/**
 * Find the creating API on a stack. `isCreateApi` says which function names are WDF object-creating
 * APIs (from rules/reference/wdf-object-apis.json).
 */
export function creationOf(stack: StackFact, stackIndex: number, isCreateApi: (api: string) => boolean): Creation | undefined {
  const frames = stack.frames;
  let apiAt = -1;
  let api = '';
  for (let i = 0; i < frames.length; i++) {
    const fn = frames[i]!.function;
    if (!fn) continue;
    const name = publicApi(fn);
    if (isCreateApi(name)) {
      apiAt = i;
      api = name;
      // The inline header stub (driver!WdfWorkItemCreate) sits just above imp_: skip past it too.
      while (apiAt + 1 < frames.length && frames[apiAt + 1]!.function === api) apiAt++;
      break;
    }
  }
  if (apiAt < 0) return undefined;
  const allocating = frames.slice(0, apiAt).some((f) => /^(?:ExAllocatePool|FxPoolAllocator)/.test(f.function ?? ''));
  const creation: Creation = { api, chain: [], chainLines: [], allocating, stack: stackIndex, apiLine: frames[apiAt]!.line };
  for (let i = apiAt + 1; i < frames.length; i++) {
    const f = frames[i]!;
    const name = frameName(f);
    if (!name) continue;
    const ctx = contextOfFrame(name);
    if (ctx) {
      creation.context = ctx.id;
      creation.contextTitle = ctx.title;
      creation.irql = ctx.irql;
      creation.contextFrame = name;
      creation.contextLine = f.line;
      break;
    }
    if (!isSystemModule(f.module)) {
      creation.chain.push(name);
      creation.chainLines.push({ name, line: f.line });
      creation.driver ??= f.module;
    }
  }
  creation.creator = creation.chain[0];
  creation.entry = creation.chain[creation.chain.length - 1];
  return creation;
}

/**
 * The `creation` fact of a subject from a creating stack, with the frames that prove it quoted as
 * evidence: the API, the driver routines above it and the frame that shows the context.
 */
export function addCreationFacts(s: Subject, c: Creation, facts: FactsDocument, k: Knowledge): void {
  const api = k.createApi(c.api);
  s.facts['creation'] = {
    api: c.api,
    fxType: api?.fxType,
    handleType: api?.handleType,
    defaultParent: api?.defaultParent,
    context: c.context,
    contextTitle: c.contextTitle,
    irql: c.irql,
    creator: c.creator,
    entry: c.entry,
    chain: c.chain,
    driver: c.driver,
    allocating: c.allocating,
  };
  const st = facts.stacks[c.stack]!;
  const at = (line: number): typeof st.provenance => ({ ...st.provenance, lines: [line, line] });
  if (c.apiLine) cite(s, 'creation', ref(`${c.api} on the stack`, at(c.apiLine)));
  for (const d of c.chainLines) cite(s, 'creation', ref(`driver routine ${d.name}`, at(d.line)));
  if (c.contextLine) cite(s, 'creation', ref(`${c.contextFrame}: ${c.contextTitle} context, ${c.irql}`, at(c.contextLine)));
  if (c.creator) s.summary.creator = c.creator;
  if (c.chain.length) s.summary.creatorChain = c.chain;
  if (c.context) s.summary.context = c.context;
  if (api) {
    s.summary.fxType ??= api.fxType;
    s.summary.handleType ??= api.handleType;
  }
}
