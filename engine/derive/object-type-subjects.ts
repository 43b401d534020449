// Object-type subjects: one per driver × WDF handle type seen in a handle tree (`!wdfdriverinfo … 0x10`,
// `!wdfhandle … 0xff`). Their facts say how many handles of the type the driver holds, under which kind
// of parent (the driver, a device, another object), whether the count grew between two trees, and which
// driver routine creates them — what the "objects accumulate" signatures read.
import type { FactsDocument, PoolUsageFact, Provenance } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { addCreationFacts, creationOf, type Creation } from './stacks.js';
import {
  censusOf,
  driverIndex,
  driverKey,
  driverTagOf,
  fxTypeOfHandleType,
  handleTrees,
  usualCreateApi,
  verifierOnOf,
  type DriverIndex,
  type HandleTree,
  type TypeCensus,
} from './wdf-handles.js';

/** The kernel tag of the IRP a driver-created WDFREQUEST owns (one `Irp ` allocation per request). */
const IRP_TAG = 'Irp';

export function deriveObjectTypeSubjects(facts: FactsDocument, k: Knowledge, drivers: DriverIndex = driverIndex(facts)): Subject[] {
  const trees = handleTrees(facts, drivers);
  const byDriver = new Map<string, HandleTree[]>();
  for (const t of trees) {
    const key = t.driver ?? '';
    const list = byDriver.get(key);
    if (list) list.push(t);
    else byDriver.set(key, [t]);
  }
  const creations = facts.stacks
    .map((s, i) => creationOf(s, i, (api) => k.createApi(api) !== undefined))
    .filter((c): c is Creation => !!c);
  const irp = latestPoolRow(facts.poolUsage, IRP_TAG);

  const subjects: Subject[] = [];
  for (const [key, list] of [...byDriver].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const name = key ? (drivers.names.get(key) ?? key) : undefined;
    const latest = list[list.length - 1]!;
    // Growth compares two prints of the same tree (same top handle), never a subtree with a whole tree.
    const earlier = list.find((t) => t !== latest && t.root === latest.root);
    const earliest = earlier;
    const now = censusOf(latest);
    const before = earliest ? censusOf(earliest) : undefined;
    for (const [type, c] of [...now].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const s = subjectFor(key, name, type, c, latest, facts, k);
      const prev = before?.get(type);
      if (earliest) addGrowth(s, c, prev, earliest, latest, facts);
      addCreation(s, type, key, creations, facts, k);
      if (type === 'WDFREQUEST' && irp && irp.nonpaged.allocs > 0) {
        const driverParented = c.byParentType['WDFDRIVER'] ?? 0;
        s.facts['companion'] = { irpAllocs: irp.nonpaged.allocs, irpPerRequest: round(irp.nonpaged.allocs / Math.max(1, driverParented)) };
        cite(s, 'companion', ref(`!poolused: ${IRP_TAG} ${irp.nonpaged.allocs} outstanding allocations`, irp.provenance));
      }
      addDriverVerifier(s, key, facts, drivers);
      subjects.push(s);
    }
  }
  return subjects;
}

function subjectFor(key: string, name: string | undefined, type: string, c: TypeCensus, tree: HandleTree, facts: FactsDocument, k: Knowledge): Subject {
  const id = `${name ?? '(unknown driver)'}/${type}`;
  const s: Subject = { kind: 'object-type', id, facts: {}, summary: { handleType: type }, evidence: {} };
  const fxType = fxTypeOfHandleType(type);
  const driverParented = c.byParentType['WDFDRIVER'] ?? 0;
  const deviceParented = c.byParentType['WDFDEVICE'] ?? 0;
  const handles: Record<string, unknown> = {
    handleType: type,
    fxType,
    fxClass: c.fxClass,
    // The API the driver called: a creating stack of this type names it, else the usual one.
    createApi: usualCreateApi(type),
    count: c.count,
    driverParented,
    deviceParented,
    otherParented: c.count - driverParented - deviceParented,
    driverParentedShare: round(driverParented / c.count),
    maxUnderOneParent: c.maxUnderOneParent,
    busiestParent: c.busiestParent ? `0x${c.busiestParent}` : undefined,
    busiestParentType: c.busiestParentType,
    perDevice: round(c.count / Math.max(1, tree.devices)),
    sampleHandle: c.sampleHandle ? `0x${c.sampleHandle}` : undefined,
    sampleObject: c.sampleObject ? `0x${c.sampleObject}` : undefined,
    potentiallyLeaked: c.potentiallyLeaked,
  };
  s.facts['handles'] = handles;
  const p = treeProvenance(tree, facts);
  cite(s, 'handles', ref(`${p.command ?? 'handle tree'}: ${c.count} ${type} handles, ${driverParented} under the WDFDRIVER, ${deviceParented} under a WDFDEVICE`, p));
  for (const smp of c.samples.slice(0, 2)) cite(s, 'handles', ref(`${type} row`, smp));

  const driverFacts: Record<string, unknown> = { devices: tree.devices };
  if (name) {
    driverFacts['name'] = name;
    driverFacts['tag'] = driverTagOf(name, facts, k);
    if (typeof driverFacts['tag'] === 'string') s.summary.tag = driverFacts['tag'];
    const on = verifierOnOf(key, facts);
    if (on !== undefined) driverFacts['verifierOn'] = on;
    s.summary.driver = name;
  }
  const root = tree.rows.find((r) => r.handleType === 'WDFDRIVER');
  if (root) driverFacts['handle'] = `0x${root.fact.handle}`;
  s.facts['driver'] = driverFacts;
  if (fxType) s.summary.fxType = fxType;
  if (c.busiestParentType && c.busiestParent) s.summary.parent = `${c.busiestParentType} 0x${c.busiestParent}`;
  s.facts['subject'] = { kind: 'object-type', id };
  s.facts['arch'] = facts.arch ?? 'x64';
  return s;
}

function addGrowth(s: Subject, now: TypeCensus, before: TypeCensus | undefined, earliest: HandleTree, latest: HandleTree, facts: FactsDocument): void {
  const was = before?.count ?? 0;
  const wasDriver = before?.byParentType['WDFDRIVER'] ?? 0;
  s.facts['growth'] = {
    count: now.count - was,
    driverParented: (now.byParentType['WDFDRIVER'] ?? 0) - wasDriver,
    earlier: was,
    later: now.count,
    growing: now.count > was,
    snapshots: 2,
  };
  cite(s, 'growth', ref(`earlier tree: ${was} ${now.handleType} handles`, treeProvenance(earliest, facts)));
  cite(s, 'growth', ref(`later tree: ${now.count} ${now.handleType} handles`, treeProvenance(latest, facts)));
}

function addCreation(s: Subject, type: string, key: string, creations: Creation[], facts: FactsDocument, k: Knowledge): void {
  const c = creations.find((x) => k.createApi(x.api)?.handleType === type && (!key || (x.driver !== undefined && driverKey(x.driver) === key)));
  if (!c) return;
  (s.facts['handles'] as Record<string, unknown>)['createApi'] = c.api;
  addCreationFacts(s, c, facts, k);
}

/** The KMDF verifier's object-count report of the driver, when the input has one. */
function addDriverVerifier(s: Subject, key: string, facts: FactsDocument, drivers: DriverIndex): void {
  const reports = facts.wdfVerifierReports.filter(
    (r) => r.kind === 'excessive-objects' && r.objectCount !== undefined && drivers.resolve(r.driver, r.provenance) === (key || undefined),
  );
  if (!reports.length) return;
  const r = reports.reduce((a, b) => ((b.objectCount ?? 0) > (a.objectCount ?? 0) ? b : a));
  s.facts['verifier'] = { excessiveObjects: r.objectCount, limit: r.limit };
  cite(s, 'verifier', ref(`KMDF verifier: ${r.objectCount} objects allocated, limit ${r.limit ?? '?'}`, r.provenance));
}

function treeProvenance(tree: HandleTree, facts: FactsDocument): Provenance {
  const p: Provenance = { source: tree.source, lines: tree.lines, block: tree.block };
  const cmd = facts.blocks[tree.block]?.command;
  if (cmd) p.command = cmd;
  return p;
}

function latestPoolRow(rows: readonly PoolUsageFact[], tag: string): PoolUsageFact | undefined {
  let best: PoolUsageFact | undefined;
  for (const r of rows) if (r.tag === tag && (!best || r.snapshot >= best.snapshot)) best = r;
  return best;
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
