// The site's search index: documents in, a serialized lunr index plus the result store out.
// Isomorphic and pure: the site calls it at build time, the tests call it directly. The store is
// an array and the lunr refs are its positions in base 36, because refs repeat in every posting
// list and field vector of the serialized index: short refs keep 500 cases under the size budget.
import lunr from 'lunr';
import { identifierTerms } from './identifiers.js';

export type SearchKind = 'case' | 'signature' | 'fx-type' | 'api' | 'pool-tag' | 'layout' | 'page';

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
  version: 1;
  /** `lunr.Index#toJSON()`. */
  index: object;
  /** Indexed by the base-36 ref. */
  store: SearchResultEntry[];
}

export const SEARCH_FIELDS = ['title', 'identifiers', 'summary', 'body'] as const;
export const SUMMARY_MAX = 240;

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

export function buildSearchIndex(docs: readonly SearchDocument[]): SearchBundle {
  const store: SearchResultEntry[] = [];
  const index = lunr(function build() {
    this.ref('r');
    this.field('title', { boost: 8 });
    this.field('identifiers', { boost: 4 });
    this.field('summary', { boost: 2 });
    this.field('body');
    docs.forEach((doc, position) => {
      const summary = doc.summary ?? '';
      const prose = `${doc.title}\n${summary}\n${doc.body ?? ''}`;
      this.add({
        r: refOf(position),
        title: doc.title,
        identifiers: identifierTerms(`${prose}\n${doc.code ?? ''}`, doc.keywords ?? []).join(' '),
        summary,
        body: doc.body ?? '',
      });
      const entry: SearchResultEntry = { t: doc.title, u: doc.url, k: doc.kind };
      if (summary !== '') entry.s = cut(summary, SUMMARY_MAX);
      store.push(entry);
    });
  });
  return { version: 1, index: index.toJSON(), store };
}
