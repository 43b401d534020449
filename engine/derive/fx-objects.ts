// `dt` dumps of FxObject-derived classes → decoded WDF objects (type, flags, state, parent, callback),
// merged per address (a `dt FxObject` and a `dt FxWorkItem` of the same address are one object).
import type { DtField, FactsDocument, Provenance, TypedObjectFact } from '../types/facts.js';
import type { Knowledge } from './knowledge.js';

export interface DecodedFxObject {
  address: string;
  /** Address expression base when the dump was `dt T <block>+0x10`: the pool block's address. */
  blockAddress?: string;
  classes: string[];
  fxType?: string;
  fxTypeValue?: number;
  handleType?: string;
  objectSize?: number;
  refcount?: number;
  globals?: string;
  flags?: number;
  flagNames: string[];
  deleteCalled?: boolean;
  state?: number;
  stateName?: string;
  parent?: string;
  parentType?: string;
  device?: string;
  /** Work items, timers, DPCs: the driver routine the framework calls. */
  callback?: string;
  enqueued?: boolean;
  running?: number;
  provenance: Provenance[];
}

export interface DecodedGlobals {
  address: string;
  tag?: string;
  tagValue?: number;
  provenance: Provenance;
}

const num = (f: DtField | undefined): number | undefined => {
  if (!f) return undefined;
  if (typeof f.number === 'number') return f.number;
  const first = f.raw.trim().split(/\s+/)[0] ?? '';
  const m = /^0n(-?\d+)$/i.exec(first);
  if (m) return Number(m[1]);
  const h = /^0x([0-9a-f`]+)$/i.exec(first);
  if (h) {
    const s = h[1]!.replace(/`/g, '');
    return s.length <= 13 ? parseInt(s, 16) : undefined;
  }
  if (/^-?\d+$/.test(first)) return Number(first);
  return undefined;
};

const ptr = (f: DtField | undefined): string | undefined => {
  if (!f || f.isNull) return undefined;
  if (f.value) return f.value.replace(/^0x/i, '').replace(/`/g, '').toLowerCase();
  const m = /^0x([0-9a-f`]+)/i.exec(f.raw.trim());
  return m ? m[1]!.replace(/`/g, '').toLowerCase() : undefined;
};

const typeAfterPointer = (f: DtField | undefined): string | undefined => {
  if (!f) return undefined;
  if (f.type) return f.type;
  const m = /^0x[0-9a-f`]+\s+(\w+)\s*$/i.exec(f.raw.trim());
  return m?.[1];
};

const symbolOf = (f: DtField | undefined): string | undefined => {
  if (!f) return undefined;
  const s = f.symbol ?? /([A-Za-z_][\w]*![^\s+]+)(?:\+0x[0-9a-f]+|\+0)?\s*$/i.exec(f.raw)?.[1];
  return s?.replace(/\+0(?:x0+)?$/i, '');
};

function fieldMap(obj: TypedObjectFact): Map<string, DtField> {
  const m = new Map<string, DtField>();
  for (const f of obj.fields) if (f.depth === 0 && !m.has(f.name)) m.set(f.name, f);
  return m;
}

/** Decode every FxObject-like `dt` instance (one with an `m_Type` field). */
export function decodeFxObjects(facts: FactsDocument, k: Knowledge): DecodedFxObject[] {
  const byAddress = new Map<string, DecodedFxObject>();
  for (const obj of facts.typedObjects) {
    const f = fieldMap(obj);
    if (!f.has('m_Type')) continue;
    const address = obj.address || obj.addressExpression;
    let d = byAddress.get(address);
    if (!d) {
      d = { address, classes: [], flagNames: [], provenance: [] };
      byAddress.set(address, d);
    }
    const cls = obj.type.includes('!') ? obj.type.slice(obj.type.indexOf('!') + 1) : obj.type;
    if (!d.classes.includes(cls)) d.classes.push(cls);
    d.provenance.push(obj.provenance);
    const base = /^\s*(?:0x)?([0-9a-f`]+)\s*\+\s*(?:0x)?[0-9a-f]+\s*$/i.exec(obj.addressExpression);
    if (base) d.blockAddress = base[1]!.replace(/`/g, '').toLowerCase();
    const type = num(f.get('m_Type'));
    if (type !== undefined) {
      d.fxTypeValue = type;
      const info = k.fxTypeByValue(type);
      if (info) {
        d.fxType = info.name;
        if (info.handleType) d.handleType = info.handleType;
      }
    }
    d.objectSize = num(f.get('m_ObjectSize')) ?? d.objectSize;
    d.refcount = num(f.get('m_Refcnt')) ?? d.refcount;
    d.globals = ptr(f.get('m_Globals')) ?? d.globals;
    const flags = num(f.get('m_ObjectFlags'));
    if (flags !== undefined) {
      d.flags = flags;
      d.flagNames = k.flagNames(flags);
      d.deleteCalled = (flags & 0x4) !== 0;
    }
    const state = num(f.get('m_ObjectState'));
    if (state !== undefined) {
      d.state = state;
      const name = k.stateName(state);
      if (name) d.stateName = name;
    }
    const parent = f.get('m_ParentObject');
    d.parent = ptr(parent) ?? d.parent;
    d.parentType = typeAfterPointer(parent) ?? d.parentType;
    d.device = ptr(f.get('m_Device')) ?? ptr(f.get('m_DeviceBase')) ?? d.device;
    d.callback = symbolOf(f.get('m_Callback')) ?? symbolOf(f.get('m_CallbackFunction')) ?? d.callback;
    const enq = num(f.get('m_Enqueued'));
    if (enq !== undefined) d.enqueued = enq !== 0;
    d.running = num(f.get('m_WorkItemRunningCount')) ?? d.running;
  }
  // A parent that is the object's own device is reported as the device.
  for (const d of byAddress.values()) {
    if (d.parent && d.device && d.parent === d.device && (!d.parentType || d.parentType === 'FxObject')) d.parentType = 'FxDevice';
  }
  return [...byAddress.values()];
}

/** `_FX_DRIVER_GLOBALS` instances with their Tag: the proof that a tag is a KMDF driver's tag. */
export function decodeGlobals(facts: FactsDocument, k: Knowledge): DecodedGlobals[] {
  const out: DecodedGlobals[] = [];
  for (const obj of facts.typedObjects) {
    if (!/_FX_DRIVER_GLOBALS$/i.test(obj.type)) continue;
    const tag = num(fieldMap(obj).get('Tag'));
    const g: DecodedGlobals = { address: obj.address, provenance: obj.provenance };
    if (tag !== undefined) {
      g.tagValue = tag >>> 0;
      g.tag = k.tagFromValue(g.tagValue);
    }
    out.push(g);
  }
  return out;
}
