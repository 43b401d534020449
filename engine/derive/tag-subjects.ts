// Pool-tag subjects: everything the transcript says about one tag, gathered into the facts the tag
// signatures read — pool usage, block sizes, the IoWI companion, WDF objects found in its blocks, the
// stacks that allocate it, the driver it belongs to.
import type { FactsDocument, PoolTagDefinition, PoolUsageFact, Provenance } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { addCreationFacts, creationOf, isSystemModule, type Creation } from './stacks.js';
import { decodeFxObjects, decodeGlobals, type DecodedFxObject } from './fx-objects.js';
import { breakpoint } from '../hunt/recipes.js';
import { growthOf } from './growth.js';
import { explainBlockSize } from './fx-pool-block.js';
import { objectToHandle } from './handles.js';

/** How many of the largest tags per pool become subjects: a leak is by definition among the largest. */
const TOP_TAGS = 25;
/** Tags whose allocations are one kernel object per WDF object (companions of a WDF leak). */
const WORKITEM_COMPANION = 'IoWI';

export interface TagSubjectOptions {
  poolTags?: readonly PoolTagDefinition[];
}

const hex = (n: number): string => `0x${n.toString(16)}`;

export function deriveTagSubjects(facts: FactsDocument, k: Knowledge, options: TagSubjectOptions = {}): Subject[] {
  const arch = facts.arch ?? 'x64';
  const snapshots = [...new Set(facts.poolUsage.map((r) => r.snapshot))].sort((a, b) => a - b);
  const last = snapshots[snapshots.length - 1];
  const first = snapshots[0];
  const current = new Map<string, PoolUsageFact>();
  const earliest = new Map<string, PoolUsageFact>();
  for (const r of facts.poolUsage) {
    if (r.snapshot === last) current.set(r.tag, r);
    if (r.snapshot === first && first !== last) earliest.set(r.tag, r);
  }
  const lastSnap = facts.poolUsageSnapshots.find((s) => s.snapshot === last);
  const totalNp = lastSnap?.total?.nonpaged.bytes ?? sum([...current.values()].map((r) => r.nonpaged.bytes));
  const totalsListedOnly = !lastSnap?.total;
  const npRank = [...current.values()].sort((a, b) => b.nonpaged.bytes - a.nonpaged.bytes).map((r) => r.tag);
  const pRank = [...current.values()].sort((a, b) => b.paged.bytes - a.paged.bytes).map((r) => r.tag);

  const objects = decodeFxObjects(facts, arch);
  const globals = decodeGlobals(facts, k);
  const creations = facts.stacks
    .map((s, i) => creationOf(s, i, (api) => k.createApi(api) !== undefined))
    .filter((c): c is Creation => !!c);
  const modules = moduleNames(facts, objects);

  // Which tag each breakpoint watches (a condition comparing a register with a tag value).
  const bpTags = facts.breakpoints
    .filter((b) => b.event === 'set' && b.compares?.length)
    .map((b) => ({ bp: b, tags: b.compares!.map((c) => tagOfHex(c.value, k)).filter((t): t is string => !!t) }))
    .filter((x) => x.tags.length > 0);

  const tags = new Set<string>([
    ...npRank.slice(0, TOP_TAGS).filter((t) => current.get(t)!.nonpaged.bytes > 0),
    ...pRank.slice(0, TOP_TAGS).filter((t) => current.get(t)!.paged.bytes > 0),
    ...facts.poolBlockGroups.map((g) => g.tag),
    ...facts.poolScans.map((s) => s.tag),
    ...bpTags.flatMap((x) => x.tags),
    ...globals.flatMap((g) => (g.tag ? [g.tag] : [])),
  ]);
  tags.delete('TOTAL');

  const iowi = current.get(WORKITEM_COMPANION);
  // First vs last snapshot, with rates and time to exhaustion when times and !vm limits are known.
  const growth = growthOf(facts);
  const subjects: Subject[] = [];
  for (const tag of [...tags].sort()) {
    const s: Subject = { kind: 'tag', id: tag, facts: {}, summary: { tag }, evidence: {} };
    const value = k.tagValue(tag);
    const known = options.poolTags?.find((p) => p.tag === tag) ?? k.poolTag(tag);
    const row = current.get(tag);

    // Driver candidates: module names seen anywhere whose KMDF-derived tag is this tag.
    const derived = [...modules.keys()].filter((m) => k.driverTag(m) === tag);
    const drivers = [...derived];
    // A pooltag.txt line names the binary that owns the tag (not proof that KMDF chose the tag).
    const owner = known?.binary?.match(/^([\w.-]+?)(?:\.sys)?$/i)?.[1];
    if (owner && !isSystemModule(owner) && !drivers.includes(owner)) drivers.push(owner);
    drivers.sort();
    for (const d of derived) for (const p of modules.get(d)!.slice(0, 2)) cite(s, 'tag', ref(`module ${d} derives tag ${tag}`, p));
    const g = globals.find((x) => x.tag === tag);
    if (g) cite(s, 'globals', ref(`_FX_DRIVER_GLOBALS at ${g.address} has Tag ${hex(g.tagValue!)} (${tag})`, g.provenance));
    const tagFacts: Record<string, unknown> = {
      name: tag,
      value: hex(value),
      unknownInPooltag: row?.unknownTag === true,
      drivers,
      driver: drivers[0],
      kmdfDriverTag: !!g || derived.length > 0,
    };
    if (known) tagFacts['description'] = known.description;
    if (row?.description) tagFacts['description'] = row.description;
    if (row?.binary) tagFacts['binary'] = row.binary;
    s.facts['tag'] = tagFacts;
    if (g) s.facts['globals'] = { address: g.address, tag: g.tag, matchesTag: true };

    if (row) {
      const share = totalNp > 0 ? row.nonpaged.bytes / totalNp : 0;
      s.facts['pool'] = {
        nonpagedAllocs: row.nonpaged.allocs,
        nonpagedBytes: row.nonpaged.bytes,
        pagedAllocs: row.paged.allocs,
        pagedBytes: row.paged.bytes,
        nonpagedShare: round(share),
        nonpagedShareOfListedOnly: totalsListedOnly,
        nonpagedRank: npRank.indexOf(tag) + 1,
        averageSize: row.nonpaged.allocs > 0 ? Math.round(row.nonpaged.bytes / row.nonpaged.allocs) : 0,
        nonpagedMB: Math.round(row.nonpaged.bytes / 1048576),
      };
      cite(s, 'pool', ref(`!poolused: ${tag} ${row.nonpaged.allocs} nonpaged allocations, ${row.nonpaged.bytes} bytes`, row.provenance));
      const before = earliest.get(tag);
      const grown = growth?.tags.filter((g) => g.tag === tag);
      if (before && grown) {
        const np = grown.find((g) => g.pool === 'nonpaged');
        s.facts['growth'] = {
          nonpagedAllocs: np?.delta.allocs ?? 0,
          nonpagedBytes: np?.delta.bytes ?? 0,
          growing: grown.some((g) => g.delta.bytes > 0),
          hours: growth!.hours,
          nonpagedBytesPerHour: np?.ratePerHour?.bytes,
          hoursToExhaustion: np?.hoursToExhaustion,
        };
        cite(s, 'growth', ref(`earlier !poolused: ${before.nonpaged.allocs} allocations`, before.provenance));
        cite(s, 'growth', ref(`later !poolused: ${row.nonpaged.allocs} allocations`, row.provenance));
      }
      if (iowi && tag !== WORKITEM_COMPANION && iowi.nonpaged.allocs > 0) {
        const ratio = row.nonpaged.allocs / iowi.nonpaged.allocs;
        s.facts['companion'] = { iowiAllocs: iowi.nonpaged.allocs, iowiRatio: round(ratio, 4) };
        cite(s, 'companion', ref(`!poolused: IoWI ${iowi.nonpaged.allocs} allocations`, iowi.provenance));
        cite(s, 'companion', ref(`!poolused: ${tag} ${row.nonpaged.allocs} allocations`, row.provenance));
      }
    }

    // Pool blocks from !poolfind.
    const groups = facts.poolBlockGroups.filter((x) => x.tag === tag && x.state === 'allocated');
    if (groups.length) {
      const bySize = new Map<number, number>();
      for (const x of groups) bySize.set(x.size, (bySize.get(x.size) ?? 0) + x.count);
      const total = sum([...bySize.values()]);
      const [dominantSize, dominantCount] = [...bySize.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
      const dominantGroup = groups.filter((x) => x.size === dominantSize).sort((a, b) => (a.section === 'small' ? -1 : 1) - (b.section === 'small' ? -1 : 1))[0]!;
      const sample = dominantGroup.samples[0]?.address;
      const off = k.fxObjectOffset(arch);
      const blocks: Record<string, unknown> = {
        count: total,
        distinctSizes: bySize.size,
        dominantSize,
        dominantSizeHex: hex(dominantSize),
        dominantCount,
        dominantShare: round(dominantCount / total),
        sampleAddress: sample,
        fxObjectOffsetHex: off.toString(16),
        terminated: facts.poolScans.some((sc) => sc.tag === tag && !!sc.terminatedAt),
      };
      const avg = (s.facts['pool'] as { averageSize?: number } | undefined)?.averageSize;
      if (avg) blocks['poolusedAverageToBlockSize'] = round(avg / dominantSize);
      s.facts['blocks'] = blocks;
      const first = dominantGroup.samples[0];
      if (first) {
        cite(s, 'blocks', ref(`!poolfind: ${dominantCount} of ${total} ${tag} blocks listed have size ${hex(dominantSize)}`, { ...dominantGroup.provenance, lines: [first.line, first.line] }));
      }
    }

    // WDF objects found in this tag's blocks.
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

    // Stacks that create objects for this tag: after a breakpoint watching the tag, or in its driver.
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

    // The allocation itself caught by a conditional breakpoint on the tag.
    const watch = bpTags.find((x) => x.tags.includes(tag));
    if (watch) {
      const viaFramework = mineCreations.some((c) => facts.stacks[c.stack]!.frames.some((f) => f.function === 'FxPoolAllocator'));
      const reg = facts.registers.find((r) => Object.values(r.values).some((v) => tagOfHex(v, k) === tag));
      s.facts['allocation'] = { breakpoint: true, target: watch.bp.target, viaFramework, tagInRegister: !!reg };
      cite(s, 'allocation', ref(`breakpoint on ${watch.bp.target ?? 'the allocator'} for tag ${tag}`, watch.bp.provenance));
      if (reg) cite(s, 'allocation', ref(`registers hold ${hex(value)} (${tag})`, reg.provenance));
    }

    // Ready-to-paste breakpoints that catch the next allocation of this tag on this architecture.
    if (/^[\x20-\x7e]{1,4}$/.test(tag)) {
      s.facts['hunt'] = {
        exAllocatePool2: breakpoint('ExAllocatePool2', tag, arch),
        exAllocatePoolWithTag: breakpoint('ExAllocatePoolWithTag', tag, arch),
        exAllocatePool3: breakpoint('ExAllocatePool3', tag, arch),
      };
    }

    const driver = (s.facts['tag'] as { driver?: string }).driver;
    if (driver) s.summary.driver = driver;
    s.facts['arch'] = arch;
    s.facts['subject'] = { kind: 'tag', id: tag };
    subjects.push(s);
  }
  return subjects;
}

/** The tag an object's block carries: by its block address, else its globals, else the scan just before it. */
function objectTag(o: DecodedFxObject, facts: FactsDocument, globals: ReturnType<typeof decodeGlobals>): string | undefined {
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

/** Module names seen anywhere (stacks, symbols, callbacks, WDF and verifier facts) with where. */
function moduleNames(facts: FactsDocument, objects: DecodedFxObject[]): Map<string, Provenance[]> {
  const out = new Map<string, Provenance[]>();
  const add = (m: string | undefined, p: Provenance): void => {
    if (!m) return;
    const name = m.replace(/\.sys$/i, '');
    if (isSystemModule(name)) return;
    const list = out.get(name) ?? [];
    if (list.length < 4) list.push(p);
    out.set(name, list);
  };
  for (const s of facts.stacks) for (const f of s.frames) add(f.module, { ...s.provenance, lines: [f.line, f.line] });
  for (const sym of facts.symbols) add(sym.module, sym.provenance);
  for (const o of objects) if (o.callback) add(o.callback.split('!')[0], o.provenance[0]!);
  for (const d of facts.wdfDrivers) add(d.name, d.provenance);
  for (const v of facts.verifierDrivers) add(v.module, v.provenance);
  return out;
}

function tagOfHex(value: string, k: Knowledge): string | undefined {
  const v = parseInt(value.replace(/^0x/i, '').replace(/`/g, ''), 16);
  if (!Number.isFinite(v) || v <= 0xffffff || v > 0xffffffff) return undefined;
  const t = k.tagFromValue(v);
  return /^[\x20-\x7e]{4}$/.test(t) ? t : undefined;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
