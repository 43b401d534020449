// Unload subjects: one per driver image that Driver Verifier caught unloading with pool still allocated —
// bug check 0xC4 with Arg1 0x62 (or the older 0x60), FAILURE_BUCKET_ID `0xc4_62_[VRF_]LEAKED_POOL_IMAGE_x.sys`,
// or a `!verifier 3` entry `(Loaded and Unloaded)` / `(Unloaded)` whose current allocations are not zero —
// with the outstanding allocations, their tags and callers from `!verifier 3`. A bug check whose text never
// names the driver is still a certain leak at unload: its subject says the driver is not named and how
// to read the name (Arg2 for 0x62, nt!ViBadDriver for 0x60).
import type { BugcheckFact, FactsDocument, VerifierDriverFact } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type EvidenceRef, type Subject } from './subject.js';
import { driverKey } from './wdf-handles.js';

const LEAK_SUBCODES = new Set([0x60, 0x62]);
const VERIFIER_VIOLATION = 0xc4;
const BUCKET_IMAGE = /^0xc4_6[02]_(?:VRF_)?LEAKED_POOL_IMAGE_(.+)$/i;
const VERIFIER_COMMAND = /^!(?:verifier)\s+(?:0x)?[0-9a-f]+\s+(\S+\.(?:sys|dll))\s*$/i;
/** Subject id of a leak at unload whose driver the text never names. */
export const UNNAMED_DRIVER = 'driver not named in the text';

/** Arg values print as `0000000000000062` or `0x62`. */
function argValue(arg: string | undefined): number | undefined {
  if (!arg) return undefined;
  const s = arg.trim().replace(/^0x/i, '').replace(/`/g, '');
  if (!/^[0-9a-f]{1,16}$/i.test(s)) return undefined;
  const v = parseInt(s.slice(-13), 16);
  return Number.isFinite(v) ? v : undefined;
}

const isLeakAtUnload = (b: BugcheckFact): boolean => b.code === VERIFIER_VIOLATION && LEAK_SUBCODES.has(argValue(b.args[0]) ?? -1);

interface Naming {
  image: string;
  how: EvidenceRef;
}

/**
 * The image a 0xC4/0x62 names, strongest first: the failure bucket, IMAGE_NAME, MODULE_NAME, the
 * string `du`/`dS` read at Arg2, the image of a `!verifier 3 x.sys` the engineer ran next.
 */
function imageOf(b: BugcheckFact, facts: FactsDocument): Naming | undefined {
  const at = (d: string): EvidenceRef => ref(d, b.provenance);
  for (const id of [b.failureBucketId, b.bucketId, b.defaultBucketId, b.fields?.['PRIMARY_PROBLEM_CLASS'], b.bugcheckStr]) {
    const m = id ? BUCKET_IMAGE.exec(id.trim()) : null;
    if (m) return { image: m[1]!, how: at(`the failure bucket ${id!.trim()} names the image`) };
  }
  if (b.imageName) return { image: b.imageName, how: at(`IMAGE_NAME: ${b.imageName}`) };
  if (b.moduleName) return { image: `${b.moduleName}.sys`, how: at(`MODULE_NAME: ${b.moduleName}`) };
  const arg2 = b.args[1]?.replace(/^0+(?=.)/, '');
  if (arg2 && argValue(b.args[0]) === 0x62) {
    const name = facts.memory.find((m) => m.text && m.address.replace(/^0+(?=.)/, '') === arg2);
    if (name?.text) return { image: name.text.trim(), how: ref(`${name.command}: Arg2 points at "${name.text.trim()}"`, name.provenance) };
  }
  // `dt nt!_MI_VERIFIER_DRIVER_ENTRY <Arg3>`: the verifier's own entry for the driver, BaseName its image.
  const arg3 = b.args[2]?.replace(/^0+(?=.)/, '');
  const entry = arg3 ? facts.typedObjects.find((o) => /_MI_VERIFIER_DRIVER_ENTRY$/i.test(o.type) && o.address.replace(/^0+(?=.)/, '') === arg3) : undefined;
  const baseName = entry?.fields.find((f) => f.name === 'BaseName')?.raw.match(/"([^"]+)"/)?.[1];
  if (entry && baseName) return { image: baseName, how: ref(`dt nt!_MI_VERIFIER_DRIVER_ENTRY (Arg3): BaseName "${baseName}"`, entry.provenance) };
  for (const block of facts.blocks) {
    const m = block.command ? VERIFIER_COMMAND.exec(block.command) : null;
    if (m) return { image: m[1]!, how: { description: `the engineer ran \`${block.command}\` on this bug check`, source: block.source, lines: [block.lines[0], block.lines[0]], command: block.command! } };
  }
  return undefined;
}

const unloaded = (v: VerifierDriverFact): boolean => v.loaded === 'unloaded' || v.loaded === 'loaded-and-unloaded';
const currentAllocations = (v: VerifierDriverFact): number => (v.currentNonpagedAllocations ?? 0) + (v.currentPagedAllocations ?? 0);

export function deriveUnloadSubjects(facts: FactsDocument, k: Knowledge): Subject[] {
  const leaks = facts.bugchecks.filter(isLeakAtUnload);
  const modules = new Map<string, { image: string; bugcheck?: BugcheckFact; naming?: EvidenceRef; verifier?: VerifierDriverFact }>();
  const entry = (image: string) => {
    const key = image === UNNAMED_DRIVER ? image : driverKey(image);
    let e = modules.get(key);
    if (!e) modules.set(key, (e = { image: image === UNNAMED_DRIVER || /\.\w+$/.test(image) ? image : `${image}.sys` }));
    return e;
  };
  const anonymous: BugcheckFact[] = [];
  for (const b of leaks) {
    const named = imageOf(b, facts);
    if (!named) {
      anonymous.push(b);
      continue;
    }
    const e = entry(named.image);
    e.bugcheck = b;
    e.naming = named.how;
  }
  for (const v of facts.verifierDrivers) {
    const key = driverKey(v.module);
    if (modules.has(key) || (unloaded(v) && currentAllocations(v) + v.allocations.length > 0)) entry(v.module).verifier = v;
  }
  // A bug check that names no image goes with the only verified driver that still holds allocations;
  // with none, the subject is the leak itself, driver unknown.
  if (anonymous.length) {
    const holders = facts.verifierDrivers.filter((v) => v.allocations.length > 0 || currentAllocations(v) > 0);
    const e = holders.length === 1 ? entry(holders[0]!.module) : entry(UNNAMED_DRIVER);
    if (holders.length === 1) e.verifier = holders[0]!;
    e.bugcheck ??= anonymous[0]!;
  }

  const subjects: Subject[] = [];
  for (const [key, e] of [...modules].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const named = e.image !== UNNAMED_DRIVER;
    const s: Subject = { kind: 'unload', id: e.image, facts: {}, summary: named ? { driver: key } : {}, evidence: {} };
    const module = named ? e.image.replace(/\.\w+$/, '') : undefined;
    const u: Record<string, unknown> = { driverNamed: named, driverLabel: named ? e.image : 'a driver (its name is not in the text)' };
    if (named) Object.assign(u, { image: e.image, module });
    const b = e.bugcheck;
    if (b) {
      const subcode = argValue(b.args[0])!;
      // 0x62: Arg2 the driver name, Arg4 the count; 0x60 (older): Arg2/Arg3 paged/nonpaged bytes, Arg4 the count.
      const arg4 = argValue(b.args[3]);
      Object.assign(u, {
        bugcheck: `0x${b.code.toString(16)}`,
        arg1: `0x${subcode.toString(16)}`,
        leakedAllocations: arg4,
        failureBucket: b.failureBucketId,
        bucketNamesImage: [b.failureBucketId, b.bucketId, b.defaultBucketId].some((id) => !!id && BUCKET_IMAGE.test(id.trim())),
        bucket: `0xc4_${subcode.toString(16)}_LEAKED_POOL_IMAGE_${named ? e.image : 'UNKNOWN'}`,
      });
      if (subcode === 0x60) Object.assign(u, { pagedBytes: argValue(b.args[1]), nonpagedBytes: argValue(b.args[2]) });
      if (!named && subcode === 0x62 && b.args[1]) u['driverNameAddress'] = `0x${b.args[1].replace(/^0x/i, '')}`;
      if (!named && subcode === 0x60) u['badDriverPointer'] = 'nt!ViBadDriver';
      s.summary.bugcheck = '0xC4';
      s.summary.bugcheckArg1 = `0x${subcode.toString(16)}`;
      cite(s, 'unload', ref(`bug check 0xC4, Arg1 0x${subcode.toString(16)}: ${named ? e.image : 'a driver'} unloaded with ${arg4 ?? '?'} allocations not freed`, b.provenance));
      if (e.naming) cite(s, 'unload', e.naming);
    } else {
      u['bucket'] = `VERIFIER_POOL_LEAKED_AT_UNLOAD_${e.image}`;
    }
    const v = e.verifier;
    if (v) {
      const rows = v.allocations;
      const tags = countBy(rows.map((a) => a.tag));
      const callers = countBy(rows.map((a) => a.callerSymbol ?? a.caller).filter((c): c is string => !!c));
      const [topTag, topTagCount] = tags[0] ?? [];
      const [topCaller, topCallerCount] = callers[0] ?? [];
      Object.assign(u, {
        verifierListed: true,
        loaded: v.loaded,
        unloaded: unloaded(v) || !!b,
        currentAllocations: currentAllocations(v),
        currentBytes: (v.currentNonpagedBytes ?? 0) + (v.currentPagedBytes ?? 0),
        listed: rows.length + (v.unlistedAllocations ?? 0),
        tags: tags.map(([t]) => t),
        tagCount: tags.length,
        topTag,
        topTagCount,
        topTagShare: rows.length ? round((topTagCount ?? 0) / rows.length) : undefined,
        topCaller,
        topCallerFunction: topCaller?.replace(/\+0x[0-9a-f]+$/i, ''),
        topCallerCount,
        callersSymbolized: rows.length > 0 && rows.every((a) => !!a.callerSymbol),
        firstAddress: rows[0] ? withPrefix(rows[0].address) : undefined,
        topCallerAddress: withPrefixOpt(rows.find((a) => (a.callerSymbol ?? a.caller) === topCaller)?.caller),
        tagIsDriverTag: topTag !== undefined && module !== undefined && k.driverTag(module) === topTag,
      });
      if (b) u['listedMatchesArg4'] = u['leakedAllocations'] === u['listed'] || u['leakedAllocations'] === currentAllocations(v);
      cite(s, 'unload', ref(`!verifier 3: ${v.module}${v.loaded ? ` (${v.loaded})` : ''}, ${currentAllocations(v)} current allocations`, v.provenance));
      for (const a of rows.slice(0, 3)) {
        if (a.line) cite(s, 'unload', ref(`allocation ${a.address} tag ${a.tag} size 0x${a.size.toString(16)} by ${a.callerSymbol ?? a.caller ?? '?'}`, { ...v.provenance, lines: [a.line, a.line] }));
      }
      if (typeof topTag === 'string') s.summary.tag = topTag;
      if (typeof topCaller === 'string') s.summary.creator = topCaller;
    }
    // What the message reports: the bug check's count, else the verifier's current count.
    u['outstanding'] = u['leakedAllocations'] ?? u['currentAllocations'] ?? u['listed'];
    s.facts['unload'] = u;
    s.facts['subject'] = { kind: 'unload', id: e.image };
    s.facts['arch'] = facts.arch ?? 'x64';
    subjects.push(s);
  }
  return subjects;
}

const withPrefix = (a: string): string => (/^0x/i.test(a) ? a : `0x${a}`);
const withPrefixOpt = (a: string | undefined): string | undefined => (a ? withPrefix(a) : undefined);

function countBy(xs: string[]): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
