// Frame → execution context table, from rules/reference/execution-contexts.json.
import data from '../../rules/reference/execution-contexts.json' with { type: 'json' };

export interface ExecutionContext {
  id: string;
  title: string;
  description: string;
  irql: string;
  frames: string[];
}

export const EXECUTION_CONTEXTS: readonly ExecutionContext[] = data.contexts;
export interface ContextGroup {
  id: string;
  description: string;
  contexts: string[];
}

/** Named sets of context ids that signatures cite (`execution-contexts#elevated`). */
export const CONTEXT_GROUPS: readonly ContextGroup[] = data.groups;
/** Frames that run in more than one context: they prove none (the classifier reads on). */
export const AMBIGUOUS_FRAMES: readonly string[] = data.ambiguousFrames;

const byFrame = new Map<string, ExecutionContext>();
for (const ctx of EXECUTION_CONTEXTS) for (const f of ctx.frames) byFrame.set(f.toLowerCase(), ctx);

/** The context a `module!function` frame (no offset) proves, if any. */
export function contextOfFrame(moduleBang: string): ExecutionContext | undefined {
  return byFrame.get(moduleBang.toLowerCase());
}
