// Pool-tag subjects: everything the transcript says about one tag, gathered into the facts the tag
// signatures read — pool usage, block sizes, companion tags (IoWI, Irp), WDF objects found in its blocks, the
// stacks that allocate it, the driver it belongs to.
import type { FactsDocument, PoolTagDefinition, PoolUsageFact, Provenance } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { addCreationFacts, creationOf, type Creation } from './stacks.js';
import { isSystemModule } from '../reference/system-modules.js';
import { GROWTH_MIN_BYTES, GROWTH_MIN_FRACTION, isOneForOne, TOP_TAGS_PER_POOL } from '../reference/thresholds.js';
import { COMPANION_TAGS } from '../reference/wdf-object-apis.js';
import { decodeFxObjects, decodeGlobals, type DecodedFxObject } from './fx-objects.js';
import { breakpoint } from '../hunt/recipes.js';
import { growthOf, snapshotViews, tagsByBytes, type TagUsage } from './growth.js';
import { explainBlockSize } from './fx-pool-block.js';
import { objectToHandle } from './handles.js';
import { tagToValue } from '../format/pool-tag.js';


export interface TagSubjectOptions {
  poolTags?: readonly PoolTagDefinition[];
}

const hex = (n: number): string => `0x${n.toString(16)}`;

export function deriveTagSubjects(facts: FactsDocument, k: Knowledge, options: TagSubjectOptions = {}): Subject[] {
  const arch = facts.arch ?? 'x64';
  // Pool usage moments (`!poolused` listings and poolmon screens) in transcript order; the last is now.
  const moments = snapshotViews(facts);
  const now = moments[moments.length - 1];
  const earliest = moments.length > 1 ? moments[0]!.rows : new Map<string, TagUsage>();
  const current = now?.rows ?? new Map<string, TagUsage>();
  const listed = [...current.values()];
  const rank = { nonpaged: tagsByBytes(listed, 'nonpaged'), paged: tagsByBytes(listed, 'paged') };
  const npRank = rank.nonpaged.map((r) => r.tag);
  const pRank = rank.paged.map((r) => r.tag);
  const poolTotal = (pool: 'nonpaged' | 'paged'): number => now?.totals?.[pool] ?? sum(listed.map((r) => r[pool].bytes));
  const totalsListedOnly = now?.totals === undefined;

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
    ...npRank.slice(0, TOP_TAGS_PER_POOL).filter((t) => current.get(t)!.nonpaged.bytes > 0),
    ...pRank.slice(0, TOP_TAGS_PER_POOL).filter((t) => current.get(t)!.paged.bytes > 0),
    ...facts.poolBlockGroups.map((g) => g.tag),
    ...facts.poolScans.map((s) => s.tag),
    ...bpTags.flatMap((x) => x.tags),
    ...globals.flatMap((g) => (g.tag ? [g.tag] : [])),
  ]);
  tags.delete('TOTAL');

  // First vs last snapshot, with rates and time to exhaustion when times and !vm limits are known.
  const growth = growthOf(facts);
  const subjects: Subject[] = [];
  for (const tag of [...tags].sort()) {
    const s: Subject = { kind: 'tag', id: tag, facts: {}, summary: { tag }, evidence: {} };
    const value = k.tagValue(tag);
    const known = options.poolTags?.find((p) => p.tag === tag) ?? k.poolTag(tag);
    const row = current.get(tag);

    // Who owns the tag, by graded proof: the driver's own _FX_DRIVER_GLOBALS.Tag or the `Driver Tag:` that
    // !wdfdriverinfo / !wdfpoolusage print; then a driver frame on a stack that allocates through the
    // framework; then only the KMDF name rule (a module whose name gives the tag).
    const g = globals.find((x) => x.tag === tag);
    if (g) cite(s, 'globals', ref(`_FX_DRIVER_GLOBALS at ${g.address} has Tag ${hex(g.tagValue!)} (${tag})`, g.provenance));
    const printed = facts.wdfDrivers.find((d) => d.driverTag === tag) ?? facts.wdfPoolUsage.find((u) => u.driverTag === tag);
    const printedName = printed ? ('name' in printed ? printed.name : printed.driver) : undefined;
    const derived = [...modules.keys()].filter((m) => k.driverTag(m) === tag);
    const onStack = derived.filter((m) => creations.some((c) => c.allocating && c.driver?.toLowerCase() === m.toLowerCase()));
    // A pooltag.txt line (or the !poolused `Binary:`) naming the owner: not proof that KMDF chose the tag, but it
    // vetoes the name rule when it names another binary (`nt!io` owns IoWI whatever a module is called).
    const ownerText = row?.binary ?? known?.binary;
    const owner = ownerText?.match(/^([\w.-]+?)(?:\.sys)?$/i)?.[1] ?? ownerText?.match(/^(\w+)!/)?.[1];
    const vetoed = !!owner && !derived.some((m) => m.toLowerCase() === owner.toLowerCase());
    const proof = g ? 'fx-driver-globals' : printedName ? 'wdf-driver-tag' : onStack.length ? 'wdf-stack' : derived.length && !vetoed ? 'name-rule' : owner ? 'pooltag' : undefined;
    const drivers =
      proof === 'fx-driver-globals' || proof === 'wdf-driver-tag' ? [...new Set([printedName ?? derived[0], ...derived].filter((x): x is string => !!x))]
        : proof === 'wdf-stack' ? [...onStack]
          : proof === 'name-rule' ? [...derived]
            : [];
    if (owner && !isSystemModule(owner) && !drivers.some((d) => d.toLowerCase() === owner.toLowerCase())) drivers.push(owner);
    drivers.sort();
    if (proof !== 'pooltag' && !vetoed) for (const d of derived) for (const p of modules.get(d)!.slice(0, 2)) cite(s, 'tag', ref(`module ${d} derives tag ${tag}`, p));
    if (printed) cite(s, 'tag', ref(`${printedName ?? 'the driver'} prints Driver Tag ${tag}`, printed.provenance));
    const tagFacts: Record<string, unknown> = {
      name: tag,
      // Printed tags shorter than four characters are blank-padded in memory ('Abc ' = 0x20636241).
      value: hex(g?.tagValue ?? tagToValue(tag, ' ') ?? value),
      unknownInPooltag: row?.unknownTag === true,
      drivers,
      driver: drivers[0],
      /** How the owner is known: fx-driver-globals > wdf-driver-tag > wdf-stack > name-rule > pooltag. */
      driverProof: proof,
      kmdfDriverTag: !!g || !!printedName || (derived.length > 0 && !vetoed),
    };
    if (known) tagFacts['description'] = known.description;
    // Kernel tags that are large in normal use (registry hive cells …): rules/reference/pool-tags.json.
    tagFacts['normallyLarge'] = k.poolTag(tag)?.role === 'kernel-cache';
    if (row?.description) tagFacts['description'] = row.description;
    if (row?.binary) tagFacts['binary'] = row.binary;
    s.facts['tag'] = tagFacts;
    if (g) s.facts['globals'] = { address: g.address, tag: g.tag, matchesTag: true };

    if (row) {
      const pool: Record<string, unknown> = {
        nonpagedAllocs: row.nonpaged.allocs,
        nonpagedBytes: row.nonpaged.bytes,
        pagedAllocs: row.paged.allocs,
        pagedBytes: row.paged.bytes,
        shareOfListedOnly: totalsListedOnly,
        nonpagedShareOfListedOnly: totalsListedOnly,
        averageSize: row.nonpaged.allocs > 0 ? Math.round(row.nonpaged.bytes / row.nonpaged.allocs) : 0,
        nonpagedMB: Math.round(row.nonpaged.bytes / 1048576),
        listedTags: listed.length,
        source: now!.kind,
      };
      // Per pool: share of the pool, rank, and how many times the next tag's bytes it holds.
      let dominant: { pool: string; share: number; ratio: number; bytes: number } | undefined;
      for (const p of ['nonpaged', 'paged'] as const) {
        const order = rank[p];
        const at = order.findIndex((r) => r.tag === tag);
        const bytes = row[p].bytes;
        const total = poolTotal(p);
        const share = total > 0 ? round(bytes / total) : 0;
        const next = at === 0 ? order[1]?.[p].bytes : order[0]?.[p].bytes;
        const ratio = bytes > 0 ? (next ? round(bytes / next, 2) : listed.length > 1 ? 1000 : undefined) : 0;
        pool[`${p}Share`] = share;
        pool[`${p}Rank`] = bytes > 0 ? at + 1 : 0;
        if (ratio !== undefined) pool[`${p}RatioToNext`] = ratio;
        if (bytes > 0 && at === 0 && ratio !== undefined && (!dominant || share > dominant.share)) dominant = { pool: p, share, ratio, bytes };
      }
      if (dominant) {
        Object.assign(pool, { dominantPool: dominant.pool, dominantShare: dominant.share, dominantRatio: dominant.ratio, dominantBytes: dominant.bytes, dominantMB: Math.round(dominant.bytes / 1048576) });
      }
      s.facts['pool'] = pool;
      cite(s, 'pool', ref(`${now!.kind === 'poolmon' ? 'poolmon' : '!poolused'}: ${tag} ${row.nonpaged.allocs} nonpaged allocations, ${row.nonpaged.bytes} bytes; ${row.paged.allocs} paged allocations, ${row.paged.bytes} bytes`, row.provenance!));
      const before = earliest.get(tag);
      const grown = growth?.tags.filter((g) => g.tag === tag);
      if (before && grown) {
        const np = grown.find((g) => g.pool === 'nonpaged');
        // Growing means more allocations and more bytes, by rules/reference/thresholds.json's growth minimums.
        const grew = grown.filter((g) => g.delta.allocs > 0 && g.delta.bytes > 0 && (g.delta.bytes >= GROWTH_MIN_BYTES || g.delta.bytes >= g.before.bytes * GROWTH_MIN_FRACTION));
        s.facts['growth'] = {
          nonpagedAllocs: np?.delta.allocs ?? 0,
          nonpagedBytes: np?.delta.bytes ?? 0,
          growing: grew.length > 0,
          growingPool: grew[0]?.pool,
          bytesAdded: grew[0]?.delta.bytes,
          allocationsAdded: grew[0]?.delta.allocs,
          hours: growth!.hours,
          nonpagedBytesPerHour: np?.ratePerHour?.bytes,
          hoursToExhaustion: np?.hoursToExhaustion,
        };
        const mostAdded = Math.max(0, ...(growth?.tags ?? []).map((t) => t.delta.bytes));
        (s.facts['growth'] as Record<string, unknown>)['largestGrowth'] = grew.length > 0 && grew[0]!.delta.bytes >= mostAdded;
        cite(s, 'growth', ref(`earlier: ${before.nonpaged.allocs} nonpaged / ${before.paged.allocs} paged allocations, ${before.nonpaged.bytes + before.paged.bytes} bytes`, before.provenance!));
        cite(s, 'growth', ref(`later: ${row.nonpaged.allocs} nonpaged / ${row.paged.allocs} paged allocations, ${row.nonpaged.bytes + row.paged.bytes} bytes`, row.provenance!));
      }
      // The pool this tag's leak is in (where it grew, else where it dominates) and one sentence on it.
      const g = s.facts['growth'] as { growingPool?: 'nonpaged' | 'paged'; bytesAdded?: number; allocationsAdded?: number } | undefined;
      const leakPool = g?.growingPool ?? (dominant?.pool as 'nonpaged' | 'paged' | undefined) ?? (row.paged.bytes > row.nonpaged.bytes ? 'paged' : 'nonpaged');
      const share = pool[`${leakPool}Share`] as number;
      Object.assign(pool, {
        leakPool,
        leakPoolUpper: leakPool.toUpperCase(),
        leakBytes: row[leakPool].bytes,
        poolfindFlag: leakPool === 'paged' ? '-paged' : '-nonpaged',
        poolusedFlag: leakPool === 'paged' ? 4 : 2,
        leakSummary:
          `${row[leakPool].bytes} bytes in ${row[leakPool].allocs} allocations of ${leakPool} pool` +
          (share >= 0.01 ? ` (${Math.round(share * 100)}% of ${totalsListedOnly ? 'the tags listed' : 'the pool'})` : '') +
          (g?.bytesAdded ? `, ${g.bytesAdded} bytes and ${g.allocationsAdded} allocations more than in the earlier listing` : ''),
      });
      // Kernel tags a WDF object owns one allocation of (IoWI per WDFWORKITEM, Irp per WDFREQUEST):
      // `companion.<key>Allocs` and `companion.<key>Ratio` (this tag's nonpaged allocations per companion's).
      const companion: Record<string, unknown> = {};
      for (const c of COMPANION_TAGS) {
        const other = current.get(c.tag);
        if (!other || tag === c.tag || other.nonpaged.allocs <= 0) continue;
        const ratio = round(row.nonpaged.allocs / other.nonpaged.allocs, 4);
        companion[`${c.key}Allocs`] = other.nonpaged.allocs;
        companion[`${c.key}Ratio`] = ratio;
        // Only a companion that moves with the tag is evidence of anything.
        if (!isOneForOne(ratio)) continue;
        cite(s, 'companion', ref(`${c.tag} ${other.nonpaged.allocs} allocations`, other.provenance!));
        cite(s, 'companion', ref(`${tag} ${row.nonpaged.allocs} allocations`, row.provenance!));
      }
      if (Object.keys(companion).length) s.facts['companion'] = companion;
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
