// Bug check subjects: one per bug check the text shows (`!analyze -v` in any era, `*** Fatal System
// Error`, `BugCheck CB, {…}`), with its code, arguments, meaning and the image it names. Signatures
// that rest on a bug check alone (locked pages left behind, 0xCB/0x76) read these.
import type { BugcheckFact, FactsDocument } from '../types/facts.js';
import { cite, ref, type Subject } from './subject.js';

const hex = (n: number): string => `0x${n.toString(16)}`;
/** `0000000000000062` → `0x62`; undefined when not hex. */
const argHex = (a: string | undefined): string | undefined => {
  const s = a?.trim().replace(/^0x/i, '').replace(/`/g, '').replace(/^0+(?=.)/, '');
  return s && /^[0-9a-f]+$/i.test(s) ? `0x${s.toLowerCase()}` : undefined;
};

/** The module a bug check blames: IMAGE_NAME, MODULE_NAME, `Probably caused by : x.sys`. */
function imageOf(b: BugcheckFact): string | undefined {
  if (b.imageName) return b.imageName;
  if (b.moduleName) return `${b.moduleName}.sys`;
  return b.probablyCausedBy?.match(/^(\S+\.(?:sys|dll|exe))\b/i)?.[1];
}

export function deriveBugcheckSubjects(facts: FactsDocument): Subject[] {
  // The same crash shown twice (`BugCheck CB, {…}` and then `!analyze -v`) is one subject: keep, per
  // code, the record that says the most.
  const best = new Map<number, BugcheckFact>();
  for (const b of facts.bugchecks) {
    const was = best.get(b.code);
    if (!was || weight(b) > weight(was)) best.set(b.code, b);
  }
  const subjects: Subject[] = [];
  for (const b of best.values()) {
    const code = `0x${b.code.toString(16).toUpperCase()}`;
    const arg1 = argHex(b.args[0]);
    // Arg1 is part of the id where it is a subcode (0xC4/0x62, 0x10D/0x5), not where it is an address.
    const id = b.subcode !== undefined && arg1 ? `${code}/${arg1}` : code;
    const image = imageOf(b);
    const s: Subject = { kind: 'bugcheck', id, facts: {}, summary: { bugcheck: code }, evidence: {} };
    if (arg1) s.summary.bugcheckArg1 = arg1;
    if (image) s.summary.driver = image.replace(/\.\w+$/, '');
    const f: Record<string, unknown> = {
      code: hex(b.code),
      codeValue: b.code,
      name: b.name,
      arg1,
      arg2: argHex(b.args[1]),
      arg3: argHex(b.args[2]),
      arg4: argHex(b.args[3]),
      subcode: b.subcode,
      meaning: b.meaning,
      image,
      codeText: code,
      imageOrUnknown: image ?? 'UNKNOWN',
      driverLabel: image ?? 'a driver (its name is not in the text)',
      driverNamed: !!image,
      failureBucket: b.failureBucketId ?? b.defaultBucketId ?? b.bucketId,
      process: b.processName,
    };
    s.facts['bugcheck'] = f;
    s.facts['subject'] = { kind: 'bugcheck', id };
    s.facts['arch'] = facts.arch ?? 'x64';
    cite(s, 'bugcheck', ref(`bug check ${code}${b.name ? ` ${b.name}` : ''}${arg1 ? `, Arg1 ${arg1}` : ''}${b.meaning ? `: ${b.meaning}` : ''}`, b.provenance));
    subjects.push(s);
  }
  return subjects;
}

/** How much a bug check record says: arguments, names and fields. */
function weight(b: BugcheckFact): number {
  return b.args.filter(Boolean).length * 2 + (b.name ? 2 : 0) + (b.imageName || b.moduleName ? 3 : 0) + Object.keys(b.fields ?? {}).length / 100;
}
