// Findings and reports: what `analyze` returns. Mirrors schemas/findings.schema.json.
import type { Arch, Diagnostic, Severity, SourceInfo, FactsDocument } from './facts.js';
import type { Reference, SignatureStatus, SubjectKind } from './signature.js';

export type ConfidenceLevel = 'confirmed' | 'likely' | 'suspected';

export interface FindingEvidence {
  /** Evidence item id from the signature, or the fact family for required conditions. */
  id: string;
  description: string;
  source: string;
  lines: [number, number];
  command?: string;
  /** The transcript lines themselves, when available. */
  quote?: string[];
}

export interface FindingSubject {
  kind: SubjectKind;
  id: string;
  tag?: string;
  driver?: string;
  /** Bug check code, hex (`0xC4`), for findings that rest on a bug check. */
  bugcheck?: string;
  /** Its first argument, hex (`0x62`): the verifier's subcode. */
  bugcheckArg1?: string;
  /** For findings about a pool as a whole. */
  pool?: 'nonpaged' | 'paged';
  fxType?: string;
  fxTypeValue?: string;
  handleType?: string;
  callback?: string;
  creator?: string;
  creatorChain?: string[];
  context?: string;
  parent?: string;
}

export interface NextStep {
  command: string;
  why: string;
}

/** Something the signature would check but this text does not show, and the command that would show it. */
export interface CannotTell {
  /** The evidence item's description: what is not known from this text. */
  what: string;
  /** The next-step command that would show it, when the signature has one. */
  command?: string;
}

export interface Finding {
  signature: { id: string; slug: string; title: string; status: SignatureStatus };
  severity: Severity;
  confidence: { score: number; level: ConfidenceLevel; matched: string[]; missing: string[] };
  subject: FindingSubject;
  /** Stable across runs and machines: `WDF_LEAK_WORKITEM_amdacpbus2!AcpDspSwInterruptDpc`. */
  bucket: string;
  summary: string;
  description: string;
  lifetimeRule: string;
  evidence: FindingEvidence[];
  remediation: string[];
  references: Reference[];
  nextSteps: NextStep[];
  /** Cannot tell from this text: missing evidence, each with the command that would show it. */
  cannotTell: CannotTell[];
}

export interface Report {
  tool: { name: 'wdfleak'; version: string };
  sources: SourceInfo[];
  arch?: Arch;
  findings: Finding[];
  /** Per-subject derived facts, for `--with-facts` and debugging a signature. */
  subjects?: Array<{ kind: SubjectKind; id: string; facts: Record<string, unknown> }>;
  diagnostics: Diagnostic[];
  stats: FactsDocument['stats'] & { findings: number; signatures: number };
  facts?: FactsDocument;
}
