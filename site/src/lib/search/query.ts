// Querying the site's search index, in the browser and in tests. Plain input (words and driver
// identifiers as pasted from WinDbg) is turned into lunr clauses here, so `FxWorkItem::_Create`
// or `Wdf01000!FxPoolAllocator+0x81` never trips lunr's query syntax; input that uses the syntax
// on purpose (`+dpc -timer`, `title:leak`, `work*`) goes to lunr's parser, and its errors come
// back as a message instead of an exception.
import lunr from 'lunr';
import { conceptTerms, joinedPairs, normalizeIdentifier, splitIdentifier } from './identifiers.js';
import { positionOf, refOf, SEARCH_FIELDS, type SearchBundle, type SearchResultEntry } from './build-index.js';
import { unpackIndex } from './pack.js';

export interface SearchHit extends SearchResultEntry {
  score: number;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** How many pages match in all; `hits` holds the first `limit` of them. Every view reports this number. */
  total: number;
  /** Set when the query could not be run; written for the reader. */
  error?: string;
}

export interface LoadedIndex {
  index: lunr.Index;
  store: readonly SearchResultEntry[];
}

export function loadSearchIndex(bundle: SearchBundle): LoadedIndex {
  if (bundle?.version !== 2) throw new Error('search index has an unknown format (expected version 2)');
  return { index: lunr.Index.load(unpackIndex(bundle.index, refOf)), store: bundle.store };
}

const FIELD_PREFIX = new RegExp(`(^|\\s)(${SEARCH_FIELDS.join('|')}):`, 'i');

/** True when the reader wrote lunr query syntax on purpose. */
export function usesQuerySyntax(query: string): boolean {
  return /(^|\s)[+-]\S/.test(query) || /[*~^]/.test(query) || FIELD_PREFIX.test(query);
}

/** The parts of lunr.Index that lunr's typings leave out. */
interface IndexInternals {
  invertedIndex: Record<string, unknown>;
  pipeline: lunr.Pipeline;
}

/** Does the index hold this term after the search pipeline (stemming, trimming)? */
function indexed(index: lunr.Index, term: string): boolean {
  const { invertedIndex: inverted, pipeline } = index as unknown as IndexInternals;
  const processed: string[] = pipeline.runString(term);
  return processed.length > 0 && processed.every((t) => Object.hasOwn(inverted, t));
}

/** Words that name the same thing, each list one concept; a query word also searches for the others. */
export const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['spinlock', 'spin lock', 'wdfspinlock', 'kspin_lock'],
  ['workitem', 'work item', 'wdfworkitem'],
  ['dpc', 'deferred procedure call', 'wdfdpc'],
  ['isr', 'interrupt service routine', 'interrupt'],
  ['irql', 'interrupt request level'],
  ['request', 'wdfrequest', 'irp'],
  ['registry', 'wdfkey', 'registry key'],
  ['verifier', 'driver verifier', 'kmdf verifier'],
  ['poolused', '!poolused', 'pool usage'],
  ['pooltag', 'pool tag', 'driver tag'],
];

/** The other spellings of a (lowercased) word or two-word phrase. */
function synonymsOf(phrase: string): string[] {
  return SYNONYMS.filter((set) => set.includes(phrase)).flatMap((set) => set.filter((s) => s !== phrase));
}

function plainQuery(loaded: LoadedIndex, query: string): lunr.Index.Result[] {
  const words = query.split(/\s+/).filter((w) => normalizeIdentifier(w) !== '');
  const last = words.length - 1;
  const lowered = words.map((w) => normalizeIdentifier(w));
  // Extra optional terms: `spin lock` also searches `spinlock`; a word or phrase with synonyms also searches them.
  const extra = new Map<string, number>();
  for (const pair of joinedPairs(lowered)) extra.set(pair, 2);
  const phrases = [...lowered, ...lowered.slice(1).map((w, i) => `${lowered[i]} ${w}`)];
  for (const synonym of phrases.flatMap(synonymsOf)) extra.set(synonym, 3);
  return loaded.index.query((q) => {
    for (const [phrase, boost] of extra) {
      for (const term of phrase.split(/\s+/).flatMap((p) => [normalizeIdentifier(p), ...conceptTerms(p)])) {
        if (term !== '' && indexed(loaded.index, term)) q.term(term, { boost });
      }
    }
    words.forEach((word, i) => {
      // The concept forms of an identifier (`WDFSPINLOCK` → `spinlock`) meet its other spellings.
      for (const concept of word.split(/!|::/).flatMap(conceptTerms)) {
        if (concept !== normalizeIdentifier(word) && indexed(loaded.index, concept)) q.term(concept, { boost: 3 });
      }
      const whole = normalizeIdentifier(word);
      // The whole identifier when the index knows it; its parts when it does not (a symbol
      // typed with a different module prefix or offset still finds its words).
      const terms = indexed(loaded.index, whole) ? [whole] : splitIdentifier(word);
      for (const term of terms) {
        for (const token of term.split(/[\s-]+/)) {
          if (token !== '') q.term(token, { boost: term === whole ? 10 : 1 });
        }
      }
      // Search as you type: the word being typed also matches as a prefix.
      if (i === last && whole.length >= 3 && !/[\s-]/.test(whole)) {
        q.term(whole, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 1 });
      }
    });
  });
}

export function searchIndex(loaded: LoadedIndex, query: string, limit = 20): SearchOutcome {
  const text = query.trim();
  if (text === '') return { hits: [], total: 0 };
  let results: lunr.Index.Result[];
  try {
    results = usesQuerySyntax(text) ? loaded.index.search(text) : plainQuery(loaded, text);
  } catch (error) {
    if (error instanceof lunr.QueryParseError) {
      return { hits: [], total: 0, error: `The search could not read “${text}”: ${error.message}. Remove the special characters (: ^ ~ * + -) or search for plain words.` };
    }
    throw error;
  }
  const found = results.filter((r) => loaded.store[positionOf(r.ref)] !== undefined);
  const hits: SearchHit[] = found.slice(0, limit).map((r) => ({ ...loaded.store[positionOf(r.ref)]!, score: r.score }));
  return { hits, total: found.length };
}
