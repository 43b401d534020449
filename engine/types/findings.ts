// Findings and reports: what `analyze` returns. The types are generated from schemas/findings.schema.json
// into engine/types/generated/findings.ts (`npm run generate:types`; a test fails when they are stale):
// change the schema, never a twin of it here.
import type { WdfleakReport } from './generated/findings.js';

export type { CannotTell, ConfidenceLevel, Finding, FindingEvidence, FindingSubject, NextStep } from './generated/findings.js';

export type Report = WdfleakReport;
