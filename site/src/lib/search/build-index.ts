// The site's search index: documents in, a packed lunr index plus the result store out.
// Isomorphic and pure: the site calls it at build time, the tests call it directly. The store is
// an array and the lunr refs are its positions in base 36; the index travels in the packed form
// of pack.ts (a third of lunr's JSON after gzip) and is unpacked by `loadSearchIndex`.
import lunr from 'lunr';
import { identifierTerms } from './identifiers.js';
import { packBuilder, type PackedIndex } from './pack.js';

export type SearchKind = 'case' | 'signature' | 'fx-type' | 'api' | 'pool-tag' | 'layout' | 'fact' | 'page';

export interface SearchDocument {
  kind: SearchKind;
  title: string;
  /** Page URL relative to the site base, without a leading slash: `cases/acp-workitem-leak/`. */
  url: string;
  /** One or two sentences shown under the result. */
  summary?: string;
  /** Prose, already stripped of markup. */
  body?: string;
  /** Text scanned only for identifiers (debugger output, code). */
  code?: string;
  /** Identifiers indexed whatever they look like: pool tags, driver names, FX types, slugs. */
  keywords?: readonly string[];
}

/** One search hit as the page shows it. Short keys: the store ships to every reader. */
export interface SearchResultEntry {
  /** Title. */
  t: string;
  /** URL relative to the site base. */
  u: string;
  k: SearchKind;
  /** Summary, cut to {@link SUMMARY_MAX} characters. */
  s?: string;
}

export interface SearchBundle {
  version: 2;
  index: PackedIndex;
  /** Indexed by the base-36 ref. */
  store: SearchResultEntry[];
}

export const SEARCH_FIELDS = ['title', 'identifiers', 'summary', 'body'] as const;
const BOOSTS: Record<(typeof SEARCH_FIELDS)[number], number> = { title: 8, identifiers: 4, summary: 2, body: 1 };
export const SUMMARY_MAX = 240;
/**
 * Signatures and cases are the answers the site exists for; reference rows are short, which a word index
 * favours, so without this a one-line table row outranks the signature page that explains the leak.
 */
export const KIND_BOOST: Record<SearchKind, number> = { signature: 1.6, case: 1.4, page: 1.2, 'fx-type': 1, api: 1, layout: 1, 'pool-tag': 0.8, fact: 0.8 };

export function refOf(position: number): string {
  return position.toString(36);
}

export function positionOf(ref: string): number {
  return Number.parseInt(ref, 36);
}

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const at = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, at > max / 2 ? at : max - 1)}…`;
}

/** A lunr builder set up as `lunr()` sets one up, with the site's fields. */
export function createBuilder(): lunr.Builder {
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  builder.searchPipeline.add(lunr.stemmer);
  builder.ref('r');
  for (const field of SEARCH_FIELDS) builder.field(field, { boost: BOOSTS[field] });
  return builder;
}

/** The text of each field of one document, as indexed. */
export function fieldsOf(doc: SearchDocument): Record<(typeof SEARCH_FIELDS)[number], string> {
  const summary = doc.summary ?? '';
  const prose = `${doc.title}\n${summary}\n${doc.body ?? ''}`;
  return {
    title: doc.title,
    identifiers: identifierTerms(`${prose}\n${doc.code ?? ''}`, doc.keywords ?? []).join(' '),
    summary,
    body: doc.body ?? '',
  };
}

export function buildSearchIndex(docs: readonly SearchDocument[]): SearchBundle {
  const builder = createBuilder();
  const store: SearchResultEntry[] = [];
  const refs: string[] = [];
  docs.forEach((doc, position) => {
    const r = refOf(position);
    builder.add({ r, ...fieldsOf(doc) }, { boost: KIND_BOOST[doc.kind] });
    refs.push(r);
    const entry: SearchResultEntry = { t: doc.title, u: doc.url, k: doc.kind };
    if (doc.summary) entry.s = cut(doc.summary, SUMMARY_MAX);
    store.push(entry);
  });
  return { version: 2, index: packBuilder(builder, refs), store };
}
