// `dt` dumps of FxObject-derived classes → WDF objects as signatures see them, merged per address (a
// `dt FxObject` and a `dt FxWorkItem` of the same address are one object). Field decoding is
// decodeFxObjectFact (fxobject.ts); this module adds what ties an object to its block and its parent.
import type { Arch, FactsDocument, Provenance } from '../types/facts.js';
import { decodeFxObjectFact, type FxObjectDecoded } from './fxobject.js';
import type { Knowledge } from '../types/knowledge.js';

export interface DecodedFxObject {
  address: string;
  /** Address expression base when the dump was `dt T <block>+0x10`: the pool block's address. */
  blockAddress?: string;
  classes: string[];
  decoded: FxObjectDecoded;
  /** Class named after the m_ParentObject pointer (`FxDevice`), when dt printed one. */
  parentType?: string;
  /** Work items, timers, DPCs: the driver routine the framework calls. */
  callback?: string;
  provenance: Provenance[];
  /** Where the fields a signature cares about were printed (one line each). */
  fieldLines: Map<string, Provenance>;
}

/** Fields worth quoting as evidence of what an object is and why it is still alive. */
const QUOTED_FIELDS = new Set(['m_Type', 'm_ObjectFlags', 'm_ObjectState', 'm_Refcnt', 'm_ParentObject', 'm_Enqueued', 'm_WorkItemRunningCount', 'm_Callback']);

export interface DecodedGlobals {
  address: string;
  tag?: string;
  tagValue?: number;
  provenance: Provenance;
}

/** Decode every FxObject-like `dt` instance (one with an `m_Type` field), merged per address. */
export function decodeFxObjects(facts: FactsDocument, arch: Arch): DecodedFxObject[] {
  const byAddress = new Map<string, DecodedFxObject>();
  for (const obj of facts.typedObjects) {
    const decoded = decodeFxObjectFact(obj, arch);
    if (!decoded) continue;
    const address = obj.address || obj.addressExpression;
    let d = byAddress.get(address);
    // The richer dump (a derived class shows more fields) wins; the classes and lines accumulate.
    if (!d) byAddress.set(address, (d = { address, classes: [], decoded, provenance: [], fieldLines: new Map() }));
    else if (obj.fields.length > d.provenance.length && decoded.workItem) d.decoded = decoded;
    const cls = obj.type.includes('!') ? obj.type.slice(obj.type.indexOf('!') + 1) : obj.type;
    if (!d.classes.includes(cls)) d.classes.push(cls);
    d.provenance.push(obj.provenance);
    for (const f of obj.fields) {
      if (f.depth === 0 && f.line && QUOTED_FIELDS.has(f.name) && !d.fieldLines.has(f.name)) {
        d.fieldLines.set(f.name, { ...obj.provenance, lines: [f.line, f.line] });
      }
    }
    const base = /^\s*(?:0x)?([0-9a-f`]+)\s*\+\s*(?:0x)?[0-9a-f]+\s*$/i.exec(obj.addressExpression);
    if (base) d.blockAddress = base[1]!.replace(/`/g, '').toLowerCase();
    const parent = obj.fields.find((f) => f.depth === 0 && f.name === 'm_ParentObject');
    if (parent?.type) d.parentType = parent.type;
    const device = obj.fields.find((f) => f.depth === 0 && f.name === 'm_Device');
    // dt types m_ParentObject as FxObject; when it is the object's own device, say so.
    if (decoded.parent && decoded.parent === decoded.deviceBase && device?.type) d.parentType = device.type;
    const cb = decoded.workItem?.callbackSymbol;
    if (cb) d.callback = `${cb.module}!${cb.function}`;
  }
  return [...byAddress.values()];
}

/** `_FX_DRIVER_GLOBALS` instances with their Tag: the proof that a tag is a KMDF driver's tag. */
export function decodeGlobals(facts: FactsDocument, k: Knowledge): DecodedGlobals[] {
  const out: DecodedGlobals[] = [];
  for (const obj of facts.typedObjects) {
    if (!/_FX_DRIVER_GLOBALS$/i.test(obj.type)) continue;
    const tag = obj.fields.find((f) => f.depth === 0 && f.name === 'Tag');
    const g: DecodedGlobals = { address: obj.address, provenance: obj.provenance };
    if (typeof tag?.number === 'number') {
      g.tagValue = tag.number >>> 0;
      g.tag = k.tagFromValue(g.tagValue);
    }
    out.push(g);
  }
  return out;
}
