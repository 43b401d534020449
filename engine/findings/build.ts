// A matched signature + the subject's derived facts → a Finding with confidence, bucket, evidence
// and next steps filled with real values.
import type { Severity } from '../types/facts.js';
import type { CannotTell, ConfidenceLevel, Finding, FindingEvidence, FindingSubject, NextStep } from '../types/findings.js';
import type { Signature } from '../types/signature.js';
import { evidenceRuleName, factsOf } from '../signatures/compile.js';
import { fillCommand, fillLoose } from './template.js';
import { UNKNOWN } from './command-values.js';
import type { Subject } from '../derive/subject.js';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const rank = (s: Severity): number => SEVERITY_ORDER.indexOf(s);

export function severityAtLeast(s: Severity, min: Severity): boolean {
  return rank(s) <= rank(min);
}

export function confidenceOf(sig: Signature, passed: ReadonlySet<string>): Finding['confidence'] {
  const matched: string[] = [];
  const missing: string[] = [];
  let score = sig.confidence.base;
  for (const ev of sig.confidence.evidence) {
    if (passed.has(evidenceRuleName(sig.slug, ev.id))) {
      matched.push(ev.id);
      score += ev.weight;
    } else {
      missing.push(ev.id);
    }
  }
  score = Math.min(1, Math.round(score * 100) / 100);
  // Halfway between the base and the confirmed threshold separates suspected from likely.
  const likely = (sig.confidence.base + sig.confidence.confirmed) / 2;
  const level: ConfidenceLevel = score >= sig.confidence.confirmed ? 'confirmed' : score >= likely ? 'likely' : 'suspected';
  return { score, level, matched, missing };
}

export function buildFinding(sig: Signature, subject: Subject, passed: ReadonlySet<string>): Finding {
  const confidence = confidenceOf(sig, passed);
  const facts = subject.facts;
  const have = new Set(confidence.matched);
  const nextSteps: NextStep[] = [];
  const seen = new Set<string>();
  for (const step of sig.nextSteps) {
    if (step.when && !have.has(step.when)) continue;
    if (step.unless && have.has(step.unless)) continue;
    const filled = fillCommand(step.command, facts);
    if (!filled || seen.has(filled.command)) continue;
    seen.add(filled.command);
    let why = fillLoose(step.why, facts);
    // A refused value is not quoted in the note either: it may be the hostile text itself.
    for (const r of filled.refused) why += ` (${r.path} from the transcript is not a valid ${r.kind}: replace ${UNKNOWN} by hand)`;
    nextSteps.push({ command: filled.command, why });
  }
  // What the text does not show: each missing evidence item, with the step offered to find it out.
  const cannotTell: CannotTell[] = [];
  for (const id of confidence.missing) {
    const item = sig.confidence.evidence.find((e) => e.id === id)!;
    const step = sig.nextSteps.find((x) => x.unless === id);
    const filled = step ? fillCommand(step.command, facts) : undefined;
    cannotTell.push(filled && filled.refused.length === 0 ? { what: item.description, command: filled.command } : { what: item.description });
  }
  // Evidence = where the facts read by the required conditions and by each matched item were found.
  const evidence: FindingEvidence[] = [];
  const quoteFacts = (id: string, description: string, factNames: Set<string>): void => {
    for (const fact of factNames) {
      for (const r of subject.evidence[fact] ?? []) evidence.push({ ...r, id, description: `${description}: ${r.description}` });
    }
  };
  const read = factsRead(sig);
  quoteFacts('required', 'required', read.required);
  for (const id of confidence.matched) quoteFacts(id, read.descriptions.get(id)!, read.evidence.get(id)!);
  return {
    signature: { id: sig.id, slug: sig.slug, title: sig.title, status: sig.status },
    severity: sig.severity,
    confidence,
    subject: subjectSummary(subject),
    bucket: fillLoose(sig.event.params.bucket, facts).replace(/\s+/g, '_'),
    summary: fillLoose(sig.event.params.message, facts),
    description: sig.description,
    lifetimeRule: sig.lifetimeRule,
    evidence: dedupeEvidence(evidence),
    remediation: sig.remediation,
    references: sig.references,
    nextSteps,
    cannotTell,
  };
}

interface FactsRead {
  required: Set<string>;
  evidence: Map<string, Set<string>>;
  descriptions: Map<string, string>;
}

const factsReadCache = new WeakMap<Signature, FactsRead>();

/** Which facts a signature's conditions and evidence items read; computed once per signature. */
function factsRead(sig: Signature): FactsRead {
  let r = factsReadCache.get(sig);
  if (r) return r;
  const required = new Set<string>();
  for (const c of 'all' in sig.conditions ? sig.conditions.all : sig.conditions.any) factsOf(c, required);
  r = {
    required,
    evidence: new Map(sig.confidence.evidence.map((e) => [e.id, factsOf(e.condition)])),
    descriptions: new Map(sig.confidence.evidence.map((e) => [e.id, e.description])),
  };
  factsReadCache.set(sig, r);
  return r;
}

function subjectSummary(subject: Subject): FindingSubject {
  return { kind: subject.kind, id: subject.id, ...subject.summary };
}

function dedupeEvidence(items: FindingEvidence[]): FindingEvidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = `${e.source}|${e.lines[0]}|${e.lines[1]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const LEVEL_ORDER: readonly ConfidenceLevel[] = ['confirmed', 'likely', 'suspected'];

/** Severity, then confidence, then subject, then signature id: byte-identical output for the same input. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    b.confidence.score - a.confidence.score ||
    LEVEL_ORDER.indexOf(a.confidence.level) - LEVEL_ORDER.indexOf(b.confidence.level) ||
    cmp(a.subject.kind, b.subject.kind) ||
    cmp(a.subject.id, b.subject.id) ||
    cmp(a.signature.id, b.signature.id)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
