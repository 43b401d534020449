// A leak signature as stored in rules/signatures/<slug>.json. Mirrors schemas/signature.schema.json.
import type { Severity } from './facts.js';

export type SignatureStatus = 'experimental' | 'test' | 'stable' | 'deprecated';

/** The kinds of subject a signature is evaluated against; each subject gets its own almanac. */
export type SubjectKind = 'tag' | 'driver' | 'object-type' | 'unload' | 'bugcheck' | 'pool';

/** A json-rules-engine condition (leaf or nested all/any/not), kept as plain JSON. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; operator: string; value: unknown; path?: string; params?: Record<string, unknown> };

export interface EvidenceItem {
  /** Stable id within the signature, e.g. `fxobject-type-workitem`. */
  id: string;
  /** What this evidence shows, in words, for the finding and the doc page. */
  description: string;
  /** Added to the confidence score when the condition holds. */
  weight: number;
  condition: Condition;
}

export interface NextStepTemplate {
  /** A WinDbg command with `{placeholders}` filled from the subject (see derive/subjects). */
  command: string;
  why: string;
  /** Only offered when this evidence item is missing (to confirm it) … */
  unless?: string;
  /** … or only when it is present. */
  when?: string;
}

export interface Reference {
  title: string;
  url: string;
}

export interface Signature {
  $schema?: string;
  /** Permanent id, never reused: `WDFLEAK-0001`. */
  id: string;
  /** Readable, unique, no dots: `workitem-created-in-dpc`. */
  slug: string;
  title: string;
  status: SignatureStatus;
  /** Set when status is deprecated. */
  replacedBy?: string;
  severity: Severity;
  subject: SubjectKind;
  fxTypes: string[];
  apis: string[];
  /** What is happening, in words a driver developer reads first. */
  description: string;
  /** Why it leaks: the WDF lifetime rule. */
  lifetimeRule: string;
  /** How to fix it, one step per entry. */
  remediation: string[];
  references: Reference[];
  confidence: {
    /** Score when only `conditions` hold (the suspected level). */
    base: number;
    /** At or above this score the finding is `confirmed`; between base and it, `likely`. */
    confirmed: number;
    evidence: EvidenceItem[];
  };
  nextSteps: NextStepTemplate[];
  /**
   * Slugs of more general signatures this one explains: when both match the same subject, only this
   * finding is reported (the work-item signature supersedes "IoWI tracks a driver tag").
   */
  supersedes?: string[];
  /** The minimum for a (suspected) finding. */
  conditions: { all: Condition[] } | { any: Condition[] };
  event: {
    type: 'wdf-leak' | 'pool-leak' | 'reference-leak' | 'verifier-report';
    params: {
      /** Bucket template, e.g. `WDF_LEAK_WORKITEM_{creation.creator}`. */
      bucket: string;
      /** One-line summary template. */
      message: string;
    };
  };
}
