// The KMDF verifier reports leaks in the in-flight recorder, not on the console. This pure function
// turns IFR records into WdfVerifierReportFacts: FxPoolDump totals, `FX_POOL ... leaked non-paged
// memory alloc ... (tracking block ...)`, `PMDL ... leaked`, abandoned references and the "excessive
// number of allocated WDF objects" pair. The texts are wdf01000's format strings (wdfpool.cpp,
// fxtagtracker.cpp, fxobject.cpp). Matching ignores whitespace, because a terminal that wraps a long
// record may cut it anywhere (`(track` / `ing block ...)`) and copies drop the blank at the cut.
import type { IfrRecord, Provenance, WdfVerifierReportFact } from '../../types/facts.js';
import { normalizeHex } from '../common.js';

export interface VerifierMessageContext {
  driver?: string;
  provenance(first: number, last: number): Provenance;
}

const H = '((?:0x)?[0-9a-f`]+)';
const SUMMARY = new RegExp(
  'NonPagedBytes(\\d+),PagedBytes(\\d+),NonPagedAllocations(\\d+),PagedAllocations(\\d+),?' +
    '(?:PeakNonPagedBytes(\\d+),PeakPagedBytes(\\d+),?)?(?:FxPoolDump:)?(?:PeakNonPagedAllocations(\\d+),PeakPagedAllocations(\\d+))?',
  'i',
);
const PEAK_ALLOCS = /PeakNonPagedAllocations(\d+),PeakPagedAllocations(\d+)/i;
const FXPOOL_LEAK = new RegExp(`FX_POOL${H}leaked(non-paged|paged)memoryalloc${H}\\(trackingblock${H}\\)`, 'i');
const PMDL = new RegExp(`PMDL${H}leaked(?:,FxObjectowner${H})?(?:,CallersAddress${H})?`, 'i');
const DESTROYING = new RegExp(`DestroyingPool${H}`, 'i');
// `(file @ line)`: the file is what stands before the first `@` (trimmed in code, so no blank run meets another).
const ABANDONED = /(Possibly\s*)?Abandon\w*\s*ref\s*on\s*object\s*((?:0x)?[0-9a-f`]+)\s*tag\s*((?:0x)?[0-9a-f`]+)\s*\(([^@]*)@\s*(\d+)\s*\)/i;
const DROPPED = new RegExp(`Droppedreferencesonatagtracker.*?!wdftagtracker${H}`, 'i');
const EXCESSIVE = /excessivenumberofallocatedWDFobjects/i;
const FOUND = /found(\d+)objectsallocated,limit=(\d+)(?:,andthescaledlimit=(\d+))?/i;
/** Cheap pre-check: a record that mentions none of these cannot be a verifier report. */
const TRIGGER = /FxPoolDump|FX_POOL|PMDL|Abandon|Dropped ref|excessive|objects allocated|Destroying Pool|PeakNonPagedAllocations/i;
/** A record that starts a report but may have been cut before its end. */
const STARTS = /FxPoolDump|FX_POOL|PMDL|Abandon|Dropped ref|excessive|found\s*\d+\s*objects/i;

const squash = (s: string): string => s.replace(/\s+/g, '');
const hex = (s: string | undefined): string | undefined => (s ? normalizeHex(s) : undefined);

/** Verifier reports found in the records of one IFR log, in record order. */
export function verifierReports(records: readonly IfrRecord[], base: VerifierMessageContext): WdfVerifierReportFact[] {
  const out: WdfVerifierReportFact[] = [];
  let pool: string | undefined;
  let lastSummary: WdfVerifierReportFact | undefined;
  let lastExcessive: WdfVerifierReportFact | undefined;

  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    if (!TRIGGER.test(rec.message)) continue;
    let message = rec.message;
    let lastLine = rec.lastLine ?? rec.line;
    let found = match(message);
    // A record cut by a wrap that the log parser could not rejoin shows up as two records.
    if (!found.kind && STARTS.test(message) && i + 1 < records.length) {
      const next = records[i + 1]!;
      const joined = match(message + next.message);
      if (joined.kind) {
        found = joined;
        message += next.message;
        lastLine = next.lastLine ?? next.line;
        i++;
      }
    }
    if (found.destroying) pool = found.destroying;
    if (!found.kind) {
      if (found.peaks && lastSummary && lastSummary.peakNonpagedAllocations === undefined) {
        lastSummary.peakNonpagedAllocations = found.peaks[0];
        lastSummary.peakPagedAllocations = found.peaks[1];
      }
      continue;
    }
    const report: WdfVerifierReportFact = { kind: found.kind, message, provenance: base.provenance(rec.line, lastLine) };
    if (base.driver) report.driver = base.driver;
    Object.assign(report, found.fields);
    if (found.kind === 'fxpool-summary') {
      if (pool) report.fxPool = pool;
      lastSummary = report;
    }
    if (found.kind === 'excessive-objects') {
      // The count comes in the record after the warning; fold it into the same report.
      if (found.fromFound && lastExcessive && lastExcessive.objectCount === undefined) {
        Object.assign(lastExcessive, found.fields);
        lastExcessive.message += ' ' + message;
        lastExcessive.provenance = base.provenance(lastExcessive.provenance.lines[0], lastLine);
        continue;
      }
      lastExcessive = report;
    }
    out.push(report);
  }
  return out;
}

interface Match {
  kind?: WdfVerifierReportFact['kind'];
  fields?: Partial<WdfVerifierReportFact>;
  destroying?: string;
  peaks?: [number, number];
  fromFound?: boolean;
}

/** Reads one (possibly joined) record message. */
export function match(message: string): Match {
  const s = squash(message);
  let m = FXPOOL_LEAK.exec(s);
  if (m) {
    return {
      kind: 'fxpool-leak',
      fields: {
        fxPool: normalizeHex(m[1]!),
        pool: m[2]!.toLowerCase() === 'paged' ? 'paged' : 'nonpaged',
        address: normalizeHex(m[3]!),
        trackingBlock: normalizeHex(m[4]!),
      },
    };
  }
  if (/FxPoolDump/i.test(s) && (m = SUMMARY.exec(s))) {
    const f: Partial<WdfVerifierReportFact> = {
      nonpagedBytes: Number(m[1]),
      pagedBytes: Number(m[2]),
      nonpagedAllocations: Number(m[3]),
      pagedAllocations: Number(m[4]),
    };
    if (m[5] !== undefined) f.peakNonpagedBytes = Number(m[5]);
    if (m[6] !== undefined) f.peakPagedBytes = Number(m[6]);
    if (m[7] !== undefined) f.peakNonpagedAllocations = Number(m[7]);
    if (m[8] !== undefined) f.peakPagedAllocations = Number(m[8]);
    return { kind: 'fxpool-summary', fields: f };
  }
  if ((m = PMDL.exec(s))) {
    const f: Partial<WdfVerifierReportFact> = { address: normalizeHex(m[1]!) };
    const owner = hex(m[2]);
    const caller = hex(m[3]);
    if (owner) f.owner = owner;
    if (caller) f.caller = caller;
    return { kind: 'mdl-leak', fields: f };
  }
  if ((m = ABANDONED.exec(message))) {
    const f: Partial<WdfVerifierReportFact> = {
      address: normalizeHex(m[2]!),
      tag: normalizeHex(m[3]!),
      file: m[4]!.trim(),
      sourceLine: Number(m[5]),
    };
    if (m[1]) f.possible = true;
    return { kind: 'abandoned-reference', fields: f };
  }
  if ((m = DROPPED.exec(s))) return { kind: 'abandoned-reference', fields: { tagTracker: normalizeHex(m[1]!) } };
  const found = FOUND.exec(s);
  if (EXCESSIVE.test(s) || found) {
    const f: Partial<WdfVerifierReportFact> = {};
    if (found) {
      f.objectCount = Number(found[1]);
      f.limit = Number(found[2]);
      if (found[3] !== undefined) f.scaledLimit = Number(found[3]);
    }
    return { kind: 'excessive-objects', fields: f, fromFound: !EXCESSIVE.test(s) };
  }
  if ((m = DESTROYING.exec(s))) return { destroying: normalizeHex(m[1]!) };
  if ((m = PEAK_ALLOCS.exec(s))) return { peaks: [Number(m[1]), Number(m[2])] };
  return {};
}
