/// <reference types="vite/client" />
// The engine and the signature pack for the analyzer's worker (analyzer-worker.ts), so the page
// itself stays light. The signatures are the repository's rules/signatures/*.json, bundled at build
// time. The modules are imported directly rather than through engine/index.ts, whose validation
// exports would add ajv and every JSON schema to the download.
import type { Signature } from '../../../engine/types/signature.js';

export { analyze, quoteFromText } from '../../../engine/analyze.js';
export { createIngest } from '../../../engine/ingest/ingest.js';
export { createDecoder } from '../../../engine/transcript/decode.js';

const modules = import.meta.glob<Signature>('../../../rules/signatures/*.json', { eager: true, import: 'default' });
export const signatures: Signature[] = Object.values(modules).filter((s) => typeof s?.slug === 'string');
