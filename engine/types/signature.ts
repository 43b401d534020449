// A leak signature as stored in rules/signatures/<slug>.json. The types are generated from
// schemas/signature.schema.json into engine/types/generated/signature.ts (`npm run generate:types`; a test
// fails when they are stale): change the schema, never a twin of it here.
import type { WdfleakLeakSignature } from './generated/signature.js';

export type { Condition, EvidenceItem, NextStepTemplate, Reference, SignatureStatus, SubjectKind } from './generated/signature.js';

export type Signature = WdfleakLeakSignature;
