// The repository's rules as the pages see them, read at build time through Vite's import.meta.glob
// so a new signature file shows up on the next build (or live in `astro dev`).
import type { Signature } from '../../../engine/types/signature.js';
import { compareSignatures, groupFixtures, type Fixtures } from './signature-view.js';
import { filesUnder } from './repo-files.js';

const signatureModules = import.meta.glob<Signature>('../../../rules/signatures/*.json', { eager: true, import: 'default' });

/** Every signature, in index order. Files without a slug are skipped (the validator reports them). */
export const signatures: Signature[] = Object.values(signatureModules)
  .filter((s): s is Signature => typeof s?.slug === 'string' && typeof s?.id === 'string')
  .sort(compareSignatures);

export const signaturesBySlug = new Map(signatures.map((s) => [s.slug, s]));

/** Fixture files of a signature (rules/signatures/<slug>/positive|negative/…), listed from disk. */
export function fixturesOf(slug: string): Fixtures {
  const paths = filesUnder(`rules/signatures/${slug}`).map((p) => `rules/signatures/${slug}/${p}`);
  return groupFixtures(paths).get(slug) ?? { positive: [], negative: [] };
}

/** Repository path of a signature's JSON file. */
export const signatureFile = (slug: string) => `rules/signatures/${slug}.json`;
export const signatureDocFile = (slug: string) => `rules/signatures/${slug}.md`;
export const fixtureFolder = (slug: string, direction: keyof Fixtures) => `rules/signatures/${slug}/${direction}`;
