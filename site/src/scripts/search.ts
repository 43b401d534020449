// Site search in the browser. The index (search-index.json) and lunr load on first use — focus or
// typing in a search box — never with the page. Results are built with DOM calls and textContent
// only, and only site-relative links are followed, so nothing in the index can inject markup.
import type { LoadedIndex, SearchHit, SearchOutcome } from '../lib/search/query.js';
import type { SearchKind } from '../lib/search/build-index.js';
import { isSitePath, joinBase } from '../lib/url.js';
import { resultCountText } from '../lib/search/result-count.js';

const KIND_LABEL: Record<SearchKind, string> = {
  case: 'Case',
  signature: 'Signature',
  'fx-type': 'FX type',
  api: 'API',
  'pool-tag': 'Pool tag',
  fact: 'Fact',
  layout: 'Layout',
  page: 'Page',
};

interface Searcher {
  run(query: string, limit?: number): SearchOutcome;
}

const base = (): string => document.body.dataset.base ?? '/';

let pending: Promise<Searcher> | undefined;

/** Loads the index once; a failed load may be retried by the next keystroke. */
export function loadSearcher(): Promise<Searcher> {
  if (!pending) {
    pending = (async () => {
      const [query, response] = await Promise.all([
        import('../lib/search/query.js'),
        fetch(joinBase(base(), 'search-index.json')),
      ]);
      if (!response.ok) throw new Error(`the search index could not be loaded (HTTP ${response.status})`);
      const loaded: LoadedIndex = query.loadSearchIndex(await response.json());
      return { run: (q: string, limit?: number) => query.searchIndex(loaded, q, limit) };
    })();
    pending.catch(() => {
      pending = undefined;
    });
  }
  return pending;
}

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

/** One list item per hit; hits whose URL is not a site path are left out. */
export function renderHits(list: HTMLElement, hits: readonly SearchHit[]): number {
  const items: HTMLLIElement[] = [];
  for (const hit of hits) {
    if (!isSitePath(hit.u)) continue;
    const a = document.createElement('a');
    a.href = joinBase(base(), hit.u);
    a.append(span('hit-kind', KIND_LABEL[hit.k] ?? 'Page'), span('hit-title', String(hit.t)));
    if (hit.s) a.append(span('hit-summary', String(hit.s)));
    const li = document.createElement('li');
    li.append(a);
    items.push(li);
  }
  list.replaceChildren(...items);
  return items.length;
}

/** Runs a query and fills a status line and a list. */
export async function showResults(query: string, status: HTMLElement, list: HTMLElement, limit: number): Promise<number> {
  status.classList.remove('error');
  if (query.trim() === '') {
    status.textContent = '';
    list.replaceChildren();
    return 0;
  }
  let searcher: Searcher;
  try {
    if (!pending) status.textContent = 'Loading the search index…';
    searcher = await loadSearcher();
  } catch (error) {
    status.classList.add('error');
    status.textContent = `Search is unavailable: ${(error as Error).message}. The pages are still reachable from the menu.`;
    list.replaceChildren();
    return 0;
  }
  const outcome = searcher.run(query, limit);
  if (outcome.error) {
    status.classList.add('error');
    status.textContent = outcome.error;
    list.replaceChildren();
    return 0;
  }
  const shown = renderHits(list, outcome.hits);
  status.textContent = resultCountText(query, outcome.total, shown);
  return shown;
}

/** Arrow keys move between the input and the result links (reopening closed results); Escape closes. */
function keyboard(form: HTMLElement, input: HTMLInputElement, list: HTMLElement, open: (yes: boolean) => void, close: () => void): void {
  form.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'ArrowDown' && links.length > 0) {
      event.preventDefault();
      open(true);
      links[Math.min(at + 1, links.length - 1)]!.focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus();
      else links[at - 1]!.focus();
    } else if (event.key === 'Escape') {
      // Escape closes the results; it does not also wipe the query (a search input's default), so
      // ArrowDown brings the same results back.
      event.preventDefault();
      close();
      input.focus();
    }
  });
}

export function initHeaderSearch(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-search]');
  const input = form?.querySelector<HTMLInputElement>('input[type=search]');
  const panel = form?.querySelector<HTMLElement>('.search-panel');
  const status = panel?.querySelector<HTMLElement>('.search-status');
  const list = panel?.querySelector<HTMLElement>('.search-results');
  if (!form || !input || !panel || !status || !list) return;
  const open = (yes: boolean) => {
    panel.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
  };
  const all = panel.querySelector<HTMLAnchorElement>('.search-all a');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shownFor: string | undefined;
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value;
      open(q.trim() !== '');
      // The same query again (focus coming back to the box): keep the list, and the link the keyboard is on.
      if (q === shownFor) return;
      if (all) all.href = `${joinBase(base(), 'search/')}?q=${encodeURIComponent(q)}`;
      shownFor = q;
      await showResults(q, status, list, 8);
      // A failed search (index not loaded) is tried again the next time.
      if (status.classList.contains('error')) shownFor = undefined;
    }, 60);
  };
  input.addEventListener('focus', () => {
    loadSearcher().catch(() => undefined);
    if (input.value.trim() !== '') update();
  });
  input.addEventListener('input', update);
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) open(false);
  });
  // Closing also drops a pending update, which would open the results again.
  const close = () => {
    clearTimeout(timer);
    open(false);
  };
  keyboard(form, input, list, open, close);
}

/** The search page: results for `?q=`, updated as the reader types. */
export function initSearchPage(): void {
  const input = document.querySelector<HTMLInputElement>('#search-page-input');
  const status = document.querySelector<HTMLElement>('#search-page-status');
  const list = document.querySelector<HTMLElement>('#search-page-results');
  if (!input || !status || !list) return;
  const q = new URLSearchParams(location.search).get('q') ?? '';
  input.value = q;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void showResults(input.value, status, list, 50);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });
  input.closest('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  if (q.trim() !== '') void showResults(q, status, list, 50);
}
