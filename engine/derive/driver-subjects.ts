// Driver subjects: one per WDF driver the input names (`!wdfdriverinfo`, `!wdflogdump`, `!wdfpoolusage`,
// verifier reports). Their facts gather what the framework itself knows about the driver: objects that
// were deleted but are still referenced (object state, refcount, tag tracker), what the KMDF verifier
// reported in the in-flight recorder (FxPoolDump totals, leaked FX_POOL blocks and PMDLs, abandoned
// references, too many objects), the verifier's pool tracking, and whether the driver was unloading.
import type { FactsDocument, Provenance, StackFact, StackFrame, WdfHandleFact, WdfTagTrackerFact, WdfVerifierReportFact } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { isSystemModule } from '../reference/system-modules.js';
import { decodeFxObjects } from './fx-objects.js';
import {
  censusOf,
  driverIndex,
  driverKey,
  driverTagOf,
  handleTrees,
  handleTypeOf,
  handleTypeOfClass,
  verifierOnOf,
  type DriverIndex,
} from './wdf-handles.js';

const STATE_DELETED_AND_DISPOSED = 10;
const STATE_CREATED = 1;
/** IFR functions and stack frames that only run while a driver unloads (KMDF `FxDriver::Unload`, pool teardown). */
const UNLOAD_FUNCTIONS = /^(?:FxDriver::Unload|FxPoolDestroy|FxPoolDump|FxMdlDump|FxDestroy|FxLibraryCommonUnregisterClient)\b/;
const UNLOAD_FRAMES = /^(?:FxPoolDump|FxPoolDestroy|FxMdlDump|FxDriver::Unload|FxDestroy)$/;

/** One object the input shows, merged over `!wdfhandle`, `!wdfobject` and `dt` by object pointer or handle. */
interface ObjectView {
  handle?: string;
  object?: string;
  handleType?: string;
  state?: string;
  stateValue?: number;
  refcount?: number;
  deleteCalled?: boolean;
  tagTracker?: string;
  history?: string[];
  driver?: string;
  provenance: Provenance[];
}

export function deriveDriverSubjects(facts: FactsDocument, k: Knowledge, drivers: DriverIndex = driverIndex(facts)): Subject[] {
  const objects = objectViews(facts, k, drivers);
  const stuck = objects.filter(isDeletedButReferenced);
  const keys = new Set<string>(drivers.names.keys());
  const reports = facts.wdfVerifierReports.map((r) => ({ r, key: drivers.resolve(r.driver, r.provenance) ?? '' }));
  const breaks = facts.stacks.filter(isPoolDumpBreak).map((st) => ({ st, key: drivers.resolve(undefined, st.provenance) ?? '' }));
  if (stuck.some((o) => !o.driver) || reports.some((x) => !x.key) || breaks.some((x) => !x.key)) keys.add('');
  for (const b of breaks) if (b.key) keys.add(b.key);
  const trees = handleTrees(facts, drivers);

  const subjects: Subject[] = [];
  for (const key of [...keys].sort()) {
    const name = key ? (drivers.names.get(key) ?? key) : undefined;
    const id = name ?? '(unknown driver)';
    const s: Subject = { kind: 'driver', id, facts: {}, summary: {}, evidence: {} };
    const d = driverFacts(key, name, facts, k);
    d.facts['label'] = name ?? 'a driver (its name is not in the text)';
    d.facts['bucketName'] = name ?? 'UNKNOWN';
    s.facts['driver'] = d.facts;
    if (d.provenance) cite(s, 'driver', ref(`!wdfdriverinfo: ${name}`, d.provenance));
    if (name) s.summary.driver = name;
    if (typeof d.facts['tag'] === 'string') s.summary.tag = d.facts['tag'];

    addReferences(s, stuck.filter((o) => (o.driver ?? '') === key), facts.wdfTagTrackers, reports.filter((x) => x.key === key).map((x) => x.r));
    addKmdfVerifier(s, reports.filter((x) => x.key === key).map((x) => x.r), breaks.filter((x) => x.key === key).map((x) => x.st));
    addPoolUsage(s, key, facts, drivers);
    addUnloading(s, key, facts, drivers);
    const mine = trees.filter((t) => (t.driver ?? '') === key);
    if (mine.length) {
      const tree = mine[mine.length - 1]!;
      const census = [...censusOf(tree).values()].sort((a, b) => b.count - a.count || (a.handleType < b.handleType ? -1 : 1));
      const top = census[0];
      if (top) {
        s.facts['handles'] = {
          total: census.reduce((n, c) => n + c.count, 0),
          topType: top.handleType,
          topCount: top.count,
          topDriverParented: top.byParentType['WDFDRIVER'] ?? 0,
        };
        cite(s, 'handles', ref(`handle tree: ${top.count} ${top.handleType} handles`, { source: tree.source, lines: tree.lines, block: tree.block }));
      }
    }
    s.facts['subject'] = { kind: 'driver', id };
    s.facts['arch'] = facts.arch ?? 'x64';
    subjects.push(s);
  }
  return subjects;
}

function driverFacts(key: string, name: string | undefined, facts: FactsDocument, k: Knowledge): { facts: Record<string, unknown>; provenance?: Provenance } {
  const out: Record<string, unknown> = {};
  if (!name) return { facts: out };
  out['name'] = name;
  const d = facts.wdfDrivers.filter((x) => driverKey(x.name || x.image || '') === key);
  const last = d[d.length - 1];
  out['image'] = last?.image ?? `${name}.sys`;
  out['tag'] = driverTagOf(name, facts, k);
  const on = verifierOnOf(key, facts);
  if (on !== undefined) out['verifierOn'] = on;
  if (last?.version) out['version'] = last.version;
  if (last?.driverHandle) out['handle'] = `0x${last.driverHandle}`;
  if (last?.globals) out['globals'] = `0x${last.globals}`;
  return last ? { facts: out, provenance: last.provenance } : { facts: out };
}

/** Objects merged by pointer or handle, each with the driver its output belongs to. */
function objectViews(facts: FactsDocument, k: Knowledge, drivers: DriverIndex): ObjectView[] {
  const views: ObjectView[] = [];
  const byObject = new Map<string, ObjectView>();
  const byHandle = new Map<string, ObjectView>();
  const viewFor = (handle: string | undefined, object: string | undefined): ObjectView => {
    let v = (object && byObject.get(object)) || (handle && byHandle.get(handle)) || undefined;
    if (!v) {
      v = { provenance: [] };
      views.push(v);
    }
    if (object && !v.object) v.object = object;
    if (handle && !v.handle) v.handle = handle;
    if (v.object) byObject.set(v.object, v);
    if (v.handle) byHandle.set(v.handle, v);
    return v;
  };
  // Only output about one object (`!wdfhandle X`, `!wdfobject`) says state or refcount; the rows of a
  // printed tree say neither, and a leaking tree has hundreds of thousands of them.
  for (const h of facts.wdfHandles) {
    if (h.state === undefined && h.stateValue === undefined && h.refcount === undefined && !h.tagTracker) continue;
    mergeHandle(viewFor(h.handle || undefined, h.object), h, drivers);
  }
  for (const o of decodeFxObjects(facts, facts.arch ?? 'x64')) {
    const v = viewFor(undefined, o.address);
    const d = o.decoded;
    if (d.type?.handleType) v.handleType ??= d.type.handleType;
    if (d.refcnt !== undefined) v.refcount = d.refcnt;
    if (d.flags) v.deleteCalled = d.flags.deleteCalled;
    if (d.state) {
      v.stateValue = d.state.value;
      if (d.state.name) v.state = d.state.name;
    }
    v.provenance.push(...o.provenance);
    const p = o.provenance[0];
    if (p && !v.driver) v.driver = drivers.resolve(undefined, p);
  }
  return views;
}

function mergeHandle(v: ObjectView, h: WdfHandleFact, drivers: DriverIndex): void {
  const t = handleTypeOf(h) ?? handleTypeOfClass(h.fxClass);
  if (t) v.handleType ??= t;
  if (h.state) v.state = h.state;
  if (h.stateValue !== undefined) v.stateValue = h.stateValue;
  if (h.refcount !== undefined) v.refcount = h.refcount;
  if (h.tagTracker) v.tagTracker = h.tagTracker;
  if (h.stateHistory?.length) v.history = h.stateHistory;
  v.provenance.push(h.provenance);
  v.driver ??= drivers.resolve(h.driver, h.provenance);
}

/** Deleted (state DeletedAndDisposed, or DELETECALLED in a dt dump) and still holding references. */
function isDeletedButReferenced(o: ObjectView): boolean {
  const deletedState = o.stateValue === STATE_DELETED_AND_DISPOSED || o.state === 'FxObjectStateDeletedAndDisposed';
  if (deletedState) return o.refcount === undefined || o.refcount > 0;
  return o.deleteCalled === true && (o.refcount ?? 0) > 0 && o.stateValue !== undefined && o.stateValue !== STATE_CREATED;
}

function addReferences(s: Subject, stuck: ObjectView[], trackers: readonly WdfTagTrackerFact[], reports: readonly WdfVerifierReportFact[]): void {
  const abandoned = reports.filter((r) => r.kind === 'abandoned-reference' && !r.possible);
  if (!stuck.length && !abandoned.length) return;
  const refs: Record<string, unknown> = { deletedReferenced: stuck.length, abandoned: abandoned.length };
  const o = stuck[0];
  if (o) {
    refs['sampleHandle'] = o.handle ? `0x${o.handle}` : undefined;
    refs['sampleObject'] = o.object ? `0x${o.object}` : undefined;
    refs['sampleType'] = o.handleType;
    refs['sampleRefcount'] = o.refcount;
    refs['sampleState'] = o.state;
    refs['historyShowsDelete'] = (o.history ?? []).some((x) => /Delet|Dispos/.test(x));
    if (o.handleType) s.summary.handleType = o.handleType;
    for (const x of stuck.slice(0, 3)) {
      for (const p of x.provenance.slice(0, 2)) {
        cite(s, 'references', ref(`${x.handleType ?? 'object'} ${x.object ? `0x${x.object}` : `handle 0x${x.handle}`}: ${x.state ?? 'DELETECALLED set'}, refcount ${x.refcount ?? '(not shown)'}`, p));
      }
    }
  }
  // The tag tracker of a stuck object (or any tracker) with more references than releases in its history.
  const linked = stuck.map((x) => x.tagTracker).filter((t): t is string => !!t);
  const mine = trackers.filter((t) => t.tracker && linked.includes(t.tracker));
  const pool = mine.length ? mine : linked.length ? [] : trackers;
  const worst = pool.reduce<WdfTagTrackerFact | undefined>((a, b) => (!a || b.balance > a.balance ? b : a), undefined);
  if (worst) {
    refs['trackerBalance'] = worst.balance;
    refs['trackerOutstandingTags'] = outstandingTags(worst);
    if (worst.tracker) refs['tracker'] = `0x${worst.tracker}`;
    cite(s, 'references', ref(`!wdftagtracker: ${worst.balance} references more than releases in the history`, worst.provenance));
  } else if (linked[0]) {
    refs['tracker'] = `0x${linked[0]}`;
  }
  for (const r of abandoned.slice(0, 3)) cite(s, 'references', ref(`KMDF verifier: abandoned reference${r.tag ? ` tag ${r.tag}` : ''}${r.file ? ` (${r.file} @ ${r.sourceLine})` : ''}`, r.provenance));
  if (!o && abandoned[0]?.address) refs['sampleObject'] = `0x${abandoned[0].address}`;
  s.facts['references'] = refs;
}

/** Tags referenced more often than released over the tracker's history, the creation reference excluded. */
function outstandingTags(t: WdfTagTrackerFact): number {
  const net = new Map<string, number>();
  for (const e of t.entries) {
    if (e.op === 'initial') continue;
    net.set(e.tag, (net.get(e.tag) ?? 0) + (e.op === 'ref' ? 1 : -1));
  }
  return [...net.values()].filter((n) => n > 0).length;
}

/**
 * A stack in which FxPoolDump calls FxVerifierDbgBreakPoint: the framework's pool teardown found
 * allocations the driver never freed and the KMDF verifier broke into the debugger on them.
 */
function isPoolDumpBreak(st: StackFact): boolean {
  const fx = (f: StackFrame, name: string): boolean => f.module?.toLowerCase() === 'wdf01000' && f.function === name;
  const i = st.frames.findIndex((f) => fx(f, 'FxVerifierDbgBreakPoint'));
  return i >= 0 && st.frames.slice(i + 1, i + 4).some((f) => fx(f, 'FxPoolDump') || fx(f, 'FxMdlDump'));
}

function addKmdfVerifier(s: Subject, reports: readonly WdfVerifierReportFact[], breaks: readonly StackFact[] = []): void {
  if (!reports.length && !breaks.length) return;
  // What kinds of report the verifier made (fxpool-leak, excessive-objects …): signatures test for one.
  const v: Record<string, unknown> = { reports: reports.length, reportKinds: [...new Set(reports.map((r) => r.kind))].sort() };
  if (breaks.length) {
    v['leakBreakOnStack'] = true;
    for (const st of breaks.slice(0, 2)) {
      const f = st.frames.find((x) => x.function === 'FxPoolDump' || x.function === 'FxMdlDump')!;
      cite(s, 'kmdfVerifier', ref(`the KMDF verifier broke in ${f.site || f.function}: the driver's pool held allocations at teardown`, { ...st.provenance, lines: [f.line, f.line] }));
    }
  }
  const summaries = reports.filter((r) => r.kind === 'fxpool-summary');
  const summary = summaries[summaries.length - 1];
  if (summary) {
    const np = summary.nonpagedAllocations ?? 0;
    const p = summary.pagedAllocations ?? 0;
    Object.assign(v, {
      poolDump: true,
      nonpagedBytes: summary.nonpagedBytes,
      pagedBytes: summary.pagedBytes,
      nonpagedAllocations: np,
      pagedAllocations: p,
      outstandingAllocations: np + p,
    });
    cite(s, 'kmdfVerifier', ref(`FxPoolDump: ${np} nonpaged and ${p} paged allocations outstanding`, summary.provenance));
  }
  const leaks = reports.filter((r) => r.kind === 'fxpool-leak');
  const mdls = reports.filter((r) => r.kind === 'mdl-leak');
  v['leakedAllocations'] = leaks.length;
  v['leakedMdls'] = mdls.length;
  if (leaks[0]?.address) v['firstLeak'] = `0x${leaks[0].address}`;
  if (leaks[0]?.trackingBlock) v['firstTrackingBlock'] = `0x${leaks[0].trackingBlock}`;
  if (mdls[0]?.address) v['firstMdl'] = `0x${mdls[0].address}`;
  if (mdls[0]?.owner) v['firstMdlOwner'] = `0x${mdls[0].owner}`;
  for (const r of [...leaks, ...mdls].slice(0, 4)) cite(s, 'kmdfVerifier', ref(`KMDF verifier: ${r.kind === 'mdl-leak' ? 'PMDL' : 'FX_POOL allocation'} ${r.address ? `0x${r.address} ` : ''}leaked`, r.provenance));
  const excessive = reports.filter((r) => r.kind === 'excessive-objects');
  if (excessive.length) {
    const counted = excessive.filter((r) => r.objectCount !== undefined);
    const r = counted.reduce<WdfVerifierReportFact | undefined>((a, b) => (!a || (b.objectCount ?? 0) > (a.objectCount ?? 0) ? b : a), undefined);
    if (r) {
      v['excessiveObjects'] = r.objectCount;
      if (r.limit !== undefined) v['excessiveLimit'] = r.limit;
      if (r.scaledLimit !== undefined) v['excessiveScaledLimit'] = r.scaledLimit;
    }
    for (const x of excessive.slice(0, 2)) cite(s, 'kmdfVerifier', ref(`KMDF verifier: ${x.objectCount !== undefined ? `${x.objectCount} objects allocated, limit ${x.limit ?? '?'}` : 'excessive number of WDF objects'}`, x.provenance));
  }
  v['verdict'] =
    leaks.length || mdls.length
      ? `the KMDF verifier found ${leaks.length} leaked FX_POOL allocation(s) and ${mdls.length} leaked PMDL(s)`
      : (v['outstandingAllocations'] as number | undefined)
        ? `FxPoolDump counted ${v['outstandingAllocations']} framework pool allocation(s) still outstanding`
        : breaks.length
          ? 'the KMDF verifier broke in FxPoolDump: framework pool allocations were still outstanding'
          : 'the KMDF verifier reported on the driver';
  const dropped = reports.filter((r) => r.kind === 'abandoned-reference');
  if (dropped.length) v['abandonedReferences'] = dropped.filter((r) => !r.possible).length;
  s.facts['kmdfVerifier'] = v;
}

function addPoolUsage(s: Subject, key: string, facts: FactsDocument, drivers: DriverIndex): void {
  const rows = facts.wdfPoolUsage.filter((u) => (drivers.resolve(u.driver, u.provenance) ?? '') === key);
  const u = rows[rows.length - 1];
  if (!u) return;
  const callers = new Map<string, number>();
  for (const a of u.allocations) if (a.caller) callers.set(a.caller, (callers.get(a.caller) ?? 0) + 1);
  const top = [...callers].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const driverCallers = [...callers.keys()].filter((c) => !isSystemModule(c.split('!')[0]));
  s.facts['poolUsage'] = {
    driverTag: u.driverTag,
    nonpagedBytes: u.nonpagedBytes,
    pagedBytes: u.pagedBytes,
    nonpagedAllocations: u.nonpagedAllocations,
    pagedAllocations: u.pagedAllocations,
    listed: u.allocations.length,
    topCaller: top?.[0],
    topCallerCount: top?.[1],
    driverCallers: driverCallers.length,
    firstDriverCaller: driverCallers[0],
  };
  cite(s, 'poolUsage', ref(`!wdfpoolusage: ${u.nonpagedAllocations ?? '?'} nonpaged allocations, ${u.allocations.length} listed`, u.provenance));
}

function addUnloading(s: Subject, key: string, facts: FactsDocument, drivers: DriverIndex): void {
  const where: Provenance[] = [];
  for (const l of facts.ifrLogs) {
    if ((drivers.resolve(l.driver, l.provenance) ?? '') !== key) continue;
    const rec = l.records.find((r) => r.function && UNLOAD_FUNCTIONS.test(r.function));
    if (rec) where.push({ ...l.provenance, lines: [rec.line, rec.lastLine ?? rec.line] });
  }
  for (const st of facts.stacks) {
    const f = st.frames.find((x) => x.module?.toLowerCase() === 'wdf01000' && x.function && UNLOAD_FRAMES.test(x.function));
    if (f && (drivers.resolve(undefined, st.provenance) ?? '') === key) where.push({ ...st.provenance, lines: [f.line, f.line] });
  }
  if (!where.length) return;
  s.facts['unloading'] = { seen: true };
  for (const p of where.slice(0, 2)) cite(s, 'unloading', ref('the driver was unloading (framework teardown in the log or on the stack)', p));
}
