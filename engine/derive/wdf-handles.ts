// WDF handle facts (`!wdfdriverinfo … 0x10`, `!wdfhandle … 0xff`, `!wdfobject`) → which driver each
// belongs to, and per handle tree how many handles of each type hang under which kind of parent.
// Shared by the driver and object-type subjects.
import type { FactsDocument, Provenance, WdfHandleFact } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { apisForHandleType } from '../reference/wdf-object-apis.js';
import { fxTypeEntryOfHandleType, fxTypeOfClass } from '../reference/fx-types.js';

/** The API that creates most handles of a type (for `bp Wdf01000!imp_<api>` next steps): the first the API table lists. */
export const usualCreateApi = (handleType: string): string | undefined => apisForHandleType(handleType)[0]?.api;

/** `FxRequest` → `WDFREQUEST`, from the class patterns of rules/reference/fx-types.json. */
export function handleTypeOfClass(fxClass: string | undefined): string | undefined {
  return fxClass ? fxTypeOfClass(fxClass)?.handleType : undefined;
}

/** `WDFREQUEST` → `FX_TYPE_REQUEST` (WDFMEMORY → `IFX_TYPE_MEMORY`, the type it answers to). */
export const fxTypeOfHandleType = (handleType: string): string | undefined => fxTypeEntryOfHandleType(handleType)?.name;

export function handleTypeOf(f: WdfHandleFact): string | undefined {
  return f.handleType ?? handleTypeOfClass(f.fxClass);
}

/** `osrusbfx2.sys` and `OsrUsbFx2` are one driver. */
export const driverKey = (name: string): string => name.trim().replace(/\.sys$/i, '').toLowerCase();

interface Anchor {
  key: string;
  source: string;
  block: number;
  line: number;
}

/** Which driver a fact belongs to when it does not say so itself. */
export interface DriverIndex {
  /** Display name (as first printed, without `.sys`) per driver key. */
  names: ReadonlyMap<string, string>;
  /** Driver key of a fact: its own name, else a driver named in the same block, else the nearest one before it in the same source, else the only driver of the input. */
  resolve(explicit: string | undefined, p: Provenance): string | undefined;
  /** Driver key whose WDFDRIVER handle is `handle`. */
  byDriverHandle(handle: string): string | undefined;
}

export function driverIndex(facts: FactsDocument): DriverIndex {
  const names = new Map<string, string>();
  const anchors: Anchor[] = [];
  const handles = new Map<string, string>();
  const add = (name: string | undefined, p: Provenance | undefined): string | undefined => {
    if (!name || !name.trim()) return undefined;
    const key = driverKey(name);
    if (!names.has(key)) names.set(key, name.trim().replace(/\.sys$/i, ''));
    if (p) anchors.push({ key, source: p.source, block: p.block, line: p.lines[0] });
    return key;
  };
  for (const d of facts.wdfDrivers) {
    const key = add(d.name || d.image, d.provenance);
    if (key && d.driverHandle) handles.set(d.driverHandle, key);
  }
  for (const l of facts.ifrLogs) add(l.driver, l.provenance);
  for (const u of facts.wdfPoolUsage) add(u.driver, u.provenance);
  for (const r of facts.wdfVerifierReports) add(r.driver, r.provenance);
  for (const h of facts.wdfHandles) add(h.driver, undefined);
  anchors.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));

  return {
    names,
    byDriverHandle: (handle) => handles.get(handle),
    resolve(explicit, p) {
      if (explicit && explicit.trim()) return driverKey(explicit);
      const same = anchors.find((a) => a.source === p.source && a.block === p.block);
      if (same) return same.key;
      let before: Anchor | undefined;
      for (const a of anchors) if (a.source === p.source && a.line <= p.lines[0]) before = a;
      if (before) return before.key;
      return names.size === 1 ? [...names.keys()][0] : undefined;
    },
  };
}

/** One handle of a tree with its resolved type and its parent's type. */
export interface HandleRow {
  fact: WdfHandleFact;
  handleType?: string;
  parentType?: string;
}

/** The handles one command printed as a tree (`!wdfdriverinfo … 0x10`, `!wdfhandle … 0x10`): one snapshot of a driver's objects. */
export interface HandleTree {
  driver?: string;
  /** Handle of the tree's top row (the WDFDRIVER, or the device a subtree was printed for). */
  root: string;
  block: number;
  source: string;
  lines: [number, number];
  rows: HandleRow[];
  /** WDFDEVICE handles in the tree. */
  devices: number;
}

/** Per handle type in one tree: how many, and under which kinds of parent. */
export interface TypeCensus {
  handleType: string;
  fxClass?: string;
  count: number;
  byParentType: Record<string, number>;
  maxUnderOneParent: number;
  busiestParent?: string;
  busiestParentType?: string;
  sampleHandle?: string;
  sampleObject?: string;
  /** Provenance of the first rows of this type (evidence). */
  samples: Provenance[];
  potentiallyLeaked: number;
}

const TREES = new WeakMap<FactsDocument, { drivers: DriverIndex; trees: HandleTree[] }>();

/** Handle facts grouped per command block; only blocks that printed a tree (rows with a depth) are trees. */
export function handleTrees(facts: FactsDocument, drivers: DriverIndex): HandleTree[] {
  // The driver and object-type subjects both read the trees of one document: build them once.
  const cached = TREES.get(facts);
  if (cached && cached.drivers === drivers) return cached.trees;
  const trees = buildTrees(facts, drivers);
  TREES.set(facts, { drivers, trees });
  return trees;
}

function buildTrees(facts: FactsDocument, drivers: DriverIndex): HandleTree[] {
  // Block indexes are unique across the sources of one document: they alone group the handles.
  const byBlock = new Map<number, WdfHandleFact[]>();
  for (const h of facts.wdfHandles) {
    const list = byBlock.get(h.provenance.block);
    if (list) list.push(h);
    else byBlock.set(h.provenance.block, [h]);
  }
  const trees: HandleTree[] = [];
  for (const list of byBlock.values()) {
    // A tree is a printed object hierarchy: the `!wdfdriverinfo` device list alone is not one.
    if (!list.some((h) => h.depth !== undefined)) continue;
    const block = list[0]!.provenance.block;
    if (!list.some((h) => h.fxClass) && facts.blocks[block]?.family !== 'wdfhandle') continue;
    const types = list.map(handleTypeOf);
    const typeOfHandle = new Map<string, string>();
    for (let i = 0; i < list.length; i++) {
      const t = types[i];
      if (list[i]!.handle && t) typeOfHandle.set(list[i]!.handle, t);
    }
    const rows: HandleRow[] = [];
    for (let i = 0; i < list.length; i++) {
      const h = list[i]!;
      if (h.internal || !h.handle) continue;
      const row: HandleRow = { fact: h };
      const t = types[i];
      if (t) row.handleType = t;
      const pt = h.parentType ?? (h.parent ? typeOfHandle.get(h.parent) : undefined);
      if (pt) row.parentType = pt;
      rows.push(row);
    }
    const p = list[0]!.provenance;
    // A loop, not Math.min(...): a tree can have more rows than a call may take arguments.
    let first = Infinity;
    let last = 0;
    for (const h of list) {
      if (h.provenance.lines[0] < first) first = h.provenance.lines[0];
      if (h.provenance.lines[1] > last) last = h.provenance.lines[1];
    }
    const root = rows.find((r) => r.handleType === 'WDFDRIVER');
    const explicit = list.find((h) => h.driver)?.driver;
    const driver = explicit ? driverKey(explicit) : (root && drivers.byDriverHandle(root.fact.handle)) ?? drivers.resolve(undefined, p);
    const top = list.find((h) => h.depth === 0 && h.handle);
    const tree: HandleTree = {
      root: top?.handle ?? '',
      block: p.block,
      source: p.source,
      lines: [first, last],
      rows,
      devices: rows.filter((r) => r.handleType === 'WDFDEVICE').length,
    };
    if (driver) tree.driver = driver;
    trees.push(tree);
  }
  return trees.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.lines[0] - b.lines[0]));
}

/** Handle types of one tree with their counts per parent type; the WDFDRIVER root itself is not counted. */
export function censusOf(tree: HandleTree): Map<string, TypeCensus> {
  const out = new Map<string, TypeCensus>();
  const perParent = new Map<string, Map<string, number>>();
  for (const r of tree.rows) {
    const t = r.handleType;
    if (!t || t === 'WDFDRIVER') continue;
    let c = out.get(t);
    if (!c) {
      c = { handleType: t, count: 0, byParentType: {}, maxUnderOneParent: 0, samples: [], potentiallyLeaked: 0 };
      if (r.fact.fxClass) c.fxClass = r.fact.fxClass;
      c.sampleHandle = r.fact.handle;
      if (r.fact.object) c.sampleObject = r.fact.object;
      out.set(t, c);
    }
    c.count++;
    if (r.fact.potentiallyLeaked) c.potentiallyLeaked++;
    if (c.samples.length < 3) c.samples.push(r.fact.provenance);
    const pt = r.parentType ?? 'none';
    c.byParentType[pt] = (c.byParentType[pt] ?? 0) + 1;
    if (r.fact.parent) {
      let m = perParent.get(t);
      if (!m) perParent.set(t, (m = new Map()));
      const n = (m.get(r.fact.parent) ?? 0) + 1;
      m.set(r.fact.parent, n);
      if (n > c.maxUnderOneParent) {
        c.maxUnderOneParent = n;
        c.busiestParent = r.fact.parent;
        c.busiestParentType = r.parentType;
      }
    }
  }
  return out;
}

/** The driver's pool tag: as `!wdfdriverinfo`/`!wdfpoolusage` print it, else the KMDF rule on its name. */
export function driverTagOf(name: string, facts: FactsDocument, k: Knowledge): string | undefined {
  const key = driverKey(name);
  for (const d of facts.wdfDrivers) if (d.driverTag && driverKey(d.name || d.image || '') === key) return d.driverTag;
  for (const u of facts.wdfPoolUsage) if (u.driverTag && u.driver && driverKey(u.driver) === key) return u.driverTag;
  // The KMDF rule keeps the case of the service name, so the name as printed is used, not the key.
  return name ? k.driverTag(name.replace(/\.sys$/i, '')) : undefined;
}

/** Whether the KMDF verifier is on for the driver (`WDF Verifier settings for x.sys is ON`). */
export function verifierOnOf(key: string, facts: FactsDocument): boolean | undefined {
  let on: boolean | undefined;
  for (const d of facts.wdfDrivers) if (d.verifierOn !== undefined && driverKey(d.name || d.image || '') === key) on = on || d.verifierOn;
  return on;
}
