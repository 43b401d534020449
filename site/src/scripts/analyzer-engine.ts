// The engine and the signature pack for the analyzer page, loaded on first use so the page itself
// stays light. The signatures are the repository's rules/signatures/*.json, bundled at build time.
import type { Signature } from '../../../engine/types/signature.js';

export { analyze, ingestBytes, ingestText } from '../../../engine/index.js';
export { createDecoder } from '../../../engine/transcript/decode.js';

const modules = import.meta.glob<Signature>('../../../rules/signatures/*.json', { eager: true, import: 'default' });
export const signatures: Signature[] = Object.values(modules).filter((s) => typeof s?.slug === 'string');
