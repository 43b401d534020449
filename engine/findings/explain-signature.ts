// Why a signature gives, or does not give, a finding: for every subject of its kind, the trace of its
// conditions, the confidence analyze would report when they hold, and the signature that supersedes it
// when one does; with no subject of its kind at all, what debugger output would produce one.
import type { Signature } from '../types/signature.js';
import type { SignatureExplanation, SubjectTrace } from '../types/trace.js';
import type { Subject } from '../derive/subject.js';
import { evidenceRuleName } from '../signatures/compile.js';
import { traceSignature } from '../signatures/trace.js';
import { SUBJECT_SOURCES } from '../signatures/subject-sources.js';
import { confidenceOf } from './build.js';

export async function explainSignature(sig: Signature, subjects: readonly Subject[], signatures: readonly Signature[]): Promise<SignatureExplanation> {
  const mine = subjects.filter((s) => s.kind === sig.subject);
  const superseders = signatures.filter((s) => s.status !== 'deprecated' && s.subject === sig.subject && s.supersedes?.includes(sig.slug));
  const traces: SubjectTrace[] = [];
  for (const subject of mine) {
    const trace = await traceSignature(sig, subject.facts);
    const out: SubjectTrace = { kind: subject.kind, id: subject.id, trace };
    if (trace.matched) {
      const passed = new Set(trace.evidence.filter((e) => e.result).map((e) => evidenceRuleName(sig.slug, e.id)));
      out.confidence = confidenceOf(sig, passed);
      const by: string[] = [];
      for (const other of superseders) if ((await traceSignature(other, subject.facts)).matched) by.push(other.slug);
      if (by.length) out.supersededBy = by;
    }
    traces.push(out);
  }
  const explanation: SignatureExplanation = {
    signature: { id: sig.id, slug: sig.slug, title: sig.title, status: sig.status, subject: sig.subject },
    subjects: traces,
  };
  if (mine.length === 0) explanation.producers = SUBJECT_SOURCES[sig.subject];
  return explanation;
}
