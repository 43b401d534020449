// Unload subjects: one per driver image that Driver Verifier caught unloading with pool still allocated —
// bug check 0xC4 with Arg1 0x62 (FAILURE_BUCKET_ID `0xc4_62_LEAKED_POOL_IMAGE_x.sys`), or a `!verifier 3`
// entry `(Loaded and Unloaded)` / `(Unloaded)` whose current allocations are not zero — with the
// outstanding allocations, their tags and callers from `!verifier 3`.
import type { BugcheckFact, FactsDocument, VerifierDriverFact } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import { cite, ref, type Subject } from './subject.js';
import { driverKey } from './wdf-handles.js';

const LEAKED_POOL = 0x62;
const VERIFIER_VIOLATION = 0xc4;
const BUCKET_IMAGE = /^0xc4_62_LEAKED_POOL_IMAGE_(.+)$/i;

/** Arg values print as `0000000000000062` or `0x62`. */
function argValue(arg: string | undefined): number | undefined {
  if (!arg) return undefined;
  const s = arg.trim().replace(/^0x/i, '').replace(/`/g, '');
  if (!/^[0-9a-f]{1,16}$/i.test(s)) return undefined;
  const v = parseInt(s.slice(-13), 16);
  return Number.isFinite(v) ? v : undefined;
}

const isLeakAtUnload = (b: BugcheckFact): boolean => b.code === VERIFIER_VIOLATION && argValue(b.args[0]) === LEAKED_POOL;

/** The image a 0xC4/0x62 names: the failure bucket, then IMAGE_NAME, MODULE_NAME. */
function imageOf(b: BugcheckFact): string | undefined {
  for (const id of [b.failureBucketId, b.bucketId, b.defaultBucketId]) {
    const m = id ? BUCKET_IMAGE.exec(id.trim()) : null;
    if (m) return m[1]!;
  }
  if (b.imageName) return b.imageName;
  return b.moduleName ? `${b.moduleName}.sys` : undefined;
}

const unloaded = (v: VerifierDriverFact): boolean => v.loaded === 'unloaded' || v.loaded === 'loaded-and-unloaded';
const currentAllocations = (v: VerifierDriverFact): number => (v.currentNonpagedAllocations ?? 0) + (v.currentPagedAllocations ?? 0);

export function deriveUnloadSubjects(facts: FactsDocument, k: Knowledge): Subject[] {
  const leaks = facts.bugchecks.filter(isLeakAtUnload);
  const modules = new Map<string, { image: string; bugcheck?: BugcheckFact; verifier?: VerifierDriverFact }>();
  const entry = (image: string) => {
    const key = driverKey(image);
    let e = modules.get(key);
    if (!e) modules.set(key, (e = { image: /\.\w+$/.test(image) ? image : `${image}.sys` }));
    return e;
  };
  for (const b of leaks) {
    const image = imageOf(b);
    if (image) entry(image).bugcheck = b;
  }
  for (const v of facts.verifierDrivers) {
    const key = driverKey(v.module);
    if (modules.has(key) || (unloaded(v) && currentAllocations(v) + v.allocations.length > 0)) entry(v.module).verifier = v;
  }
  // A bug check that names no image goes with the only verified driver that still holds allocations.
  const anonymous = leaks.filter((b) => !imageOf(b));
  if (anonymous.length) {
    const holders = facts.verifierDrivers.filter((v) => v.allocations.length > 0 || currentAllocations(v) > 0);
    if (holders.length === 1) {
      const e = entry(holders[0]!.module);
      e.verifier = holders[0]!;
      e.bugcheck ??= anonymous[0]!;
    }
  }

  const subjects: Subject[] = [];
  for (const [key, e] of [...modules].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const s: Subject = { kind: 'unload', id: e.image, facts: {}, summary: { driver: key }, evidence: {} };
    const module = e.image.replace(/\.\w+$/, '');
    const u: Record<string, unknown> = { image: e.image, module };
    const b = e.bugcheck;
    if (b) {
      const arg4 = argValue(b.args[3]);
      Object.assign(u, {
        bugcheck: `0x${b.code.toString(16)}`,
        arg1: `0x${LEAKED_POOL.toString(16)}`,
        bugcheckLeak: true,
        leakedAllocations: arg4,
        failureBucket: b.failureBucketId,
        bucketNamesImage: !!b.failureBucketId && BUCKET_IMAGE.test(b.failureBucketId.trim()),
      });
      cite(s, 'unload', ref(`bug check 0xC4, Arg1 0x62: ${e.image} unloaded with ${arg4 ?? '?'} allocations not freed`, b.provenance));
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
        unloadedWithAllocations: unloaded(v) && (currentAllocations(v) > 0 || rows.length > 0),
        listed: rows.length,
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
        tagIsDriverTag: topTag !== undefined && k.driverTag(module) === topTag,
      });
      if (b) u['listedMatchesArg4'] = u['leakedAllocations'] === rows.length || u['leakedAllocations'] === currentAllocations(v);
      cite(s, 'verifier', ref(`!verifier 3: ${v.module}${v.loaded ? ` (${v.loaded})` : ''}, ${currentAllocations(v)} current allocations`, v.provenance));
      for (const a of rows.slice(0, 3)) {
        if (a.line) cite(s, 'verifier', ref(`allocation ${a.address} tag ${a.tag} size 0x${a.size.toString(16)} by ${a.callerSymbol ?? a.caller ?? '?'}`, { ...v.provenance, lines: [a.line, a.line] }));
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
