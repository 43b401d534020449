// The WDF objects found in a tag's blocks: the most informative one decoded (type, handle, flags,
// state, parent, callback) and whether the dominant block size holds it plus a context.
import type { FactsDocument } from '../types/facts.js';
import { cite, ref, type Subject } from './subject.js';
import type { DecodedFxObject, DecodedGlobals } from './fx-objects.js';
import { explainBlockSize } from './fx-pool-block.js';
import { objectToHandle } from './handles.js';
import type { TagContext } from './tag-context.js';
import { hex } from './numbers.js';

export function addTagObjects(s: Subject, tag: string, ctx: TagContext): void {
  const { facts, objects, globals, arch } = ctx;
  const mine = objects.filter((o) => objectTag(o, facts, globals) === tag);
  if (mine.length) {
    const o = pickObject(mine);
    const d = o.decoded;
    const parentIsDevice = !!d.parent && (o.parentType === 'FxDevice' || d.parent === d.deviceBase);
    const handle = objectToHandle(o.address, arch === 'x86' ? 32 : 64);
    const objFacts: Record<string, unknown> = {
      count: mine.length,
      address: o.address,
      handle: handle?.hex,
      classes: o.classes,
      fxType: d.type?.name,
      fxTypeValue: d.type?.hex,
      handleType: d.type?.handleType,
      objectSize: d.objectSize,
      refcount: d.refcnt,
      flags: d.flags?.hex,
      flagNames: d.flags?.names,
      deleteCalled: d.flags?.deleteCalled,
      state: d.state?.name,
      parent: d.parent ?? undefined,
      parentType: parentIsDevice ? 'FxDevice' : o.parentType,
      parentIsDevice,
      callback: o.callback,
      idle: d.workItem?.idle ?? (d.workItem ? d.workItem.enqueued === false && (d.workItem.runningCount ?? 0) === 0 : undefined),
    };
    // Does the dominant block size hold this object plus a context? Then the blocks are these objects.
    const blocks = s.facts['blocks'] as { dominantSize?: number } | undefined;
    if (blocks?.dominantSize && d.objectSize !== undefined) {
      const fit = explainBlockSize({ arch, size: blocks.dominantSize, kind: 'poolfind', objectSize: d.objectSize });
      if (fit) {
        objFacts['fitsDominantBlock'] = fit.fits;
        if (fit.fits) objFacts['contextBytes'] = `${hex(fit.contextMin)}-${hex(fit.contextMax)}`;
      }
    }
    s.facts['objects'] = objFacts;
    // Quote the decisive fields; fall back to the whole dump when dt printed no line numbers.
    for (const [name, p] of o.fieldLines) cite(s, 'objects', ref(`${name} of the ${o.classes.join('/')} at ${o.address}`, p), 10);
    if (!o.fieldLines.size) for (const p of o.provenance) cite(s, 'objects', ref(`dt ${o.classes.join('/')} at ${o.address}: m_Type ${d.type?.hex} (${d.type?.name ?? 'unknown'})`, p));
    if (o.callback) s.summary.callback = o.callback;
    if (d.type?.name) s.summary.fxType = d.type.name;
    if (d.type) s.summary.fxTypeValue = d.type.hex;
    if (d.type?.handleType) s.summary.handleType = d.type.handleType;
    if (d.parent) s.summary.parent = `${objFacts['parentType'] ?? 'FxObject'} ${d.parent}`;
  }
}

/** The tag an object's block carries: by its block address, else its globals, else the scan just before it. */
function objectTag(o: DecodedFxObject, facts: FactsDocument, globals: DecodedGlobals[]): string | undefined {
  if (o.blockAddress) {
    for (const g of facts.poolBlockGroups) if (g.samples.some((x) => x.address === o.blockAddress)) return g.tag;
  }
  const g = globals.find((x) => x.address === o.decoded.globals && x.tag);
  if (g) return g.tag;
  const line = o.provenance[0];
  if (!line) return undefined;
  const scans = facts.poolScans.filter((sc) => sc.provenance.source === line.source && sc.provenance.lines[0] < line.lines[0]);
  return scans[scans.length - 1]?.tag;
}

/** The most informative object: the one with a callback or the most decoded fields. */
function pickObject(list: DecodedFxObject[]): DecodedFxObject {
  return [...list].sort((a, b) => score(b) - score(a))[0]!;
  function score(o: DecodedFxObject): number {
    return (o.callback ? 4 : 0) + (o.decoded.type?.name ? 2 : 0) + o.classes.length;
  }
}
