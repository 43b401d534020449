// Reads the built site (site/dist) as a crawler would: every HTML page, its ids and its links.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO } from '../helpers.js';

export const DIST = join(REPO, 'site/dist');

export interface Page {
  /** Site path of the page: `signatures/x/`, `` for the home page, `404.html`. */
  path: string;
  html: string;
  ids: Set<string>;
  links: string[];
}

const decode = (s: string): string =>
  s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return htmlFiles(p);
    return d.name.endsWith('.html') ? [p] : [];
  });
}

/** All pages of the built site; throws when the site is not built. */
export function crawlSite(dist = DIST): Map<string, Page> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('site/dist is not built: run `npm run site:build` first');
  const pages = new Map<string, Page>();
  for (const file of htmlFiles(dist)) {
    const rel = relative(dist, file).split(sep).join('/');
    const path = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
    const html = readFileSync(file, 'utf8');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)));
    const links = [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => decode(m[1]!));
    pages.set(path, { path, html, ids, links });
  }
  return pages;
}

/** Every file of the built site (not only pages), as site paths. */
export function siteFiles(dist = DIST): Set<string> {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [relative(dist, join(dir, d.name)).split(sep).join('/')]));
  return new Set(walk(dist));
}

export interface LinkProblem {
  from: string;
  href: string;
  problem: 'missing page' | 'missing anchor';
}

/**
 * Internal links (site-absolute `/…` under `base`, or relative) that point at no page or file, or at an
 * anchor the target page does not have. External links are not followed.
 */
export function checkLinks(pages: Map<string, Page>, files: Set<string>, base = '/'): { checked: number; problems: LinkProblem[] } {
  const problems: LinkProblem[] = [];
  let checked = 0;
  for (const page of pages.values()) {
    for (const href of page.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      checked++;
      const [pathPart = '', hash] = href.split('#') as [string, string | undefined];
      let target: string;
      if (pathPart === '') target = page.path;
      else {
        const url = new URL(pathPart, `http://site${base}${page.path}`);
        target = decodeURIComponent(url.pathname).slice(base.length);
      }
      const asPage = target === '' || target.endsWith('/') ? target : files.has(target) ? undefined : `${target}/`;
      const found = asPage === undefined ? files.has(target) : pages.has(asPage);
      if (!found) {
        problems.push({ from: page.path, href, problem: 'missing page' });
        continue;
      }
      if (hash && asPage !== undefined && !pages.get(asPage)!.ids.has(decodeURIComponent(hash))) {
        problems.push({ from: page.path, href, problem: 'missing anchor' });
      }
    }
  }
  return { checked, problems };
}
