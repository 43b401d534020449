// A subject is what a signature is evaluated against: a pool tag, a driver, an unload report …
// Each has its own facts (the almanac of one json-rules-engine run) and the provenance of each fact.
import type { Provenance } from '../types/facts.js';
import type { FindingSubject } from '../types/findings.js';
import type { SubjectKind } from '../types/signature.js';

export interface EvidenceRef {
  description: string;
  source: string;
  lines: [number, number];
  command?: string;
}

export interface Subject {
  kind: SubjectKind;
  id: string;
  /** Fact name → value; signatures read these through `fact` + `path`. */
  facts: Record<string, unknown>;
  /** What a finding says about its subject. */
  summary: Omit<FindingSubject, 'kind' | 'id'>;
  /** Fact name → where in the transcript that fact was read. */
  evidence: Record<string, EvidenceRef[]>;
}

export function ref(description: string, p: Provenance): EvidenceRef {
  const r: EvidenceRef = { description, source: p.source, lines: [p.lines[0], p.lines[1]] };
  if (p.command) r.command = p.command;
  return r;
}

/** Add evidence for a fact, keeping at most a few references per fact. */
export function cite(subject: Subject, fact: string, r: EvidenceRef, max = 6): void {
  const list = (subject.evidence[fact] ??= []);
  if (list.length < max && !list.some((x) => x.source === r.source && x.lines[0] === r.lines[0])) list.push(r);
}
