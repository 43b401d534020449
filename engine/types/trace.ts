// Why a signature does or does not match a subject: its condition trees as json-rules-engine evaluated
// them, each leaf with the value it read. `wdfleak explain --signature` and `rules test --explain` print it.
import type { Finding } from './findings.js';
import type { SignatureStatus, SubjectKind } from './signature.js';

export type TraceNode =
  | { kind: 'all' | 'any'; result: boolean; items: TraceNode[] }
  | { kind: 'not'; result: boolean; item: TraceNode }
  | TraceLeaf;

export interface TraceLeaf {
  kind: 'leaf';
  fact: string;
  path?: string;
  operator: string;
  /** The value as the signature writes it (`{ "fact": … }` when it names another fact). */
  expected: unknown;
  /** What a `{ "fact": … }` value resolved to. */
  expectedValue?: unknown;
  /** Whether the subject has a value at fact + path. */
  present: boolean;
  /** The value read at fact + path (only when present). */
  actual?: unknown;
  result: boolean;
}

export interface EvidenceTrace {
  id: string;
  description: string;
  weight: number;
  result: boolean;
  condition: TraceNode;
}

/** One signature on one subject's facts. */
export interface SignatureTrace {
  /** The required conditions held: a finding of at least `suspected`. */
  matched: boolean;
  required: TraceNode;
  /** Every evidence item, evaluated even when the required conditions fail. */
  evidence: EvidenceTrace[];
}

export interface SubjectTrace {
  kind: SubjectKind;
  id: string;
  trace: SignatureTrace;
  /** When matched: the confidence analyze would report. */
  confidence?: Finding['confidence'];
  /** Matched, but a signature that explains it better matched too, so analyze reports that one instead. */
  supersededBy?: string[];
}

/** A signature explained over every subject of its kind in one facts document. */
export interface SignatureExplanation {
  signature: { id: string; slug: string; title: string; status: SignatureStatus; subject: SubjectKind };
  subjects: SubjectTrace[];
  /** When no subject of the kind exists: what produces one. */
  producers?: { what: string; commands: string[] };
}
