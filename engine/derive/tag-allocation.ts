// How a tag's memory is allocated: the breakpoints in the transcript that watch the tag, the stacks
// that create objects for it, the allocation caught at such a breakpoint, and ready-to-paste
// breakpoints that catch the next one.
import type { Arch, BreakpointFact, FactsDocument } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { addCreationFacts, type Creation } from './stacks.js';
import { breakpoint } from '../hunt/recipes.js';
import type { TagContext } from './tag-context.js';
import { hex } from './numbers.js';

/** A breakpoint whose condition compares a register with these tags' values. */
export interface WatchedTag {
  bp: BreakpointFact;
  tags: string[];
}

/** Which tag each breakpoint watches (a condition comparing a register with a tag value). */
export function watchedTags(facts: FactsDocument, k: Knowledge): WatchedTag[] {
  return facts.breakpoints
    .filter((b) => b.event === 'set' && b.compares?.length)
    .map((b) => ({ bp: b, tags: b.compares!.map((c) => tagOfHex(c.value, k)).filter((t): t is string => !!t) }))
    .filter((x) => x.tags.length > 0);
}

/** Stacks that create objects for this tag: after a breakpoint watching the tag, or in its driver. */
export function addCreation(s: Subject, tag: string, ctx: TagContext): Creation[] {
  const { facts, k, creations, bpTags } = ctx;
  const mineCreations = creations.filter((c) => {
    const stackLine = facts.stacks[c.stack]!.provenance.lines[0];
    const watched = bpTags.some((x) => x.tags.includes(tag) && x.bp.provenance.source === facts.stacks[c.stack]!.provenance.source && x.bp.provenance.lines[0] < stackLine);
    return watched || (!!c.driver && k.driverTag(c.driver) === tag);
  });
  if (mineCreations.length) {
    const c = mineCreations[0]!;
    addCreationFacts(s, c, facts, k);
    if (c.driver) {
      s.summary.driver ??= c.driver;
      const tf = s.facts['tag'] as Record<string, unknown>;
      tf['driver'] ??= c.driver;
      if (k.driverTag(c.driver) === tag) tf['kmdfDriverTag'] = true;
    }
  }
  return mineCreations;
}

/** The allocation itself caught by a conditional breakpoint on the tag. */
export function addAllocation(s: Subject, tag: string, value: number, mineCreations: Creation[], ctx: TagContext): void {
  const { facts, k, bpTags } = ctx;
  const watch = bpTags.find((x) => x.tags.includes(tag));
  if (watch) {
    const viaFramework = mineCreations.some((c) => facts.stacks[c.stack]!.frames.some((f) => f.function === 'FxPoolAllocator'));
    const reg = facts.registers.find((r) => Object.values(r.values).some((v) => tagOfHex(v, k) === tag));
    s.facts['allocation'] = { breakpoint: true, target: watch.bp.target, viaFramework, tagInRegister: !!reg };
    cite(s, 'allocation', ref(`breakpoint on ${watch.bp.target ?? 'the allocator'} for tag ${tag}`, watch.bp.provenance));
    if (reg) cite(s, 'allocation', ref(`registers hold ${hex(value)} (${tag})`, reg.provenance));
  }
}

/** Ready-to-paste breakpoints that catch the next allocation of this tag on this architecture. */
export function addHuntBreakpoints(s: Subject, tag: string, arch: Arch): void {
  if (/^[\x20-\x7e]{1,4}$/.test(tag)) {
    s.facts['hunt'] = {
      exAllocatePool2: breakpoint('ExAllocatePool2', tag, arch),
      exAllocatePoolWithTag: breakpoint('ExAllocatePoolWithTag', tag, arch),
      exAllocatePool3: breakpoint('ExAllocatePool3', tag, arch),
    };
  }
}

function tagOfHex(value: string, k: Knowledge): string | undefined {
  const v = parseInt(value.replace(/^0x/i, '').replace(/`/g, ''), 16);
  if (!Number.isFinite(v) || v <= 0xffffff || v > 0xffffffff) return undefined;
  const t = k.tagFromValue(v);
  return /^[\x20-\x7e]{4}$/.test(t) ? t : undefined;
}
