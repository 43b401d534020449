// The built site as a crawler sees it: every internal link reaches a page or file, and every `#anchor`
// exists on its page. The reference pages carry an anchor for each API, FX type and tag a page links to.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, crawlSite, siteFiles, type LinkProblem, type Page } from './crawl.js';

let pages: Map<string, Page>;
let result: { checked: number; problems: LinkProblem[] };

beforeAll(() => {
  pages = crawlSite();
  result = checkLinks(pages, siteFiles());
});

describe('links of the built site', () => {
  it('crawls every page and a realistic number of links', () => {
    expect(pages.has('')).toBe(true);
    expect(pages.has('signatures/workitem-created-in-dpc/')).toBe(true);
    expect(pages.has('reference/apis/')).toBe(true);
    expect(result.checked).toBeGreaterThan(500);
  });

  it('has 0 missing pages', () => {
    expect(result.problems.filter((p) => p.problem === 'missing page')).toEqual([]);
  });

  it('has 0 missing anchors', () => {
    expect(result.problems.filter((p) => p.problem === 'missing anchor')).toEqual([]);
  });
});

describe('the crawler', () => {
  const page = (path: string, ids: string[], links: string[]): [string, Page] => [path, { path, html: '', ids: new Set(ids), links }];

  it('reports a missing page and a missing anchor, and follows relative and same-page links', () => {
    const site = new Map([
      page('', ['top'], ['/a/', '/a/#x', '/a/#nope', '/gone/', '#top', '#none', 'a/', '/file.json', 'https://example.com/#y']),
      page('a/', ['x'], ['../#top', '../b/']),
    ]);
    const { checked, problems } = checkLinks(site, new Set(['index.html', 'a/index.html', 'file.json']));
    expect(checked).toBe(10);
    expect(problems).toEqual([
      { from: '', href: '/a/#nope', problem: 'missing anchor' },
      { from: '', href: '/gone/', problem: 'missing page' },
      { from: '', href: '#none', problem: 'missing anchor' },
      { from: 'a/', href: '../b/', problem: 'missing page' },
    ]);
  });
});
