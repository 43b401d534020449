// The built pages: signature pages with one section per topic, fixtures published as pages, source links
// from the one repository setting, and wording checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, type Page } from './crawl.js';
import { REPO, signaturesOnDisk } from '../helpers.js';
import { groupFixtures } from '../../../site/src/lib/signature-view.js';
import { repositoryOf } from '../../../site/src/lib/repository.js';

let pages: Map<string, Page>;
beforeAll(() => {
  pages = crawlSite();
});

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
const headings = (html: string, level: number): string[] =>
  [...html.matchAll(new RegExp(`<h${level}\\b[^>]*>([\\s\\S]*?)</h${level}>`, 'g'))].map((m) => text(m[1]!));

describe('the facts page', () => {
  it('lists every fact of every subject kind under its anchor, with its paths, and the reference index links it', () => {
    const page = pages.get('reference/facts/')!;
    const body = text(page.html);
    for (const kind of ['tag', 'driver', 'object-type', 'unload', 'bugcheck', 'pool']) expect(page.html).toContain(`<h2 id="${kind}">`);
    expect(page.html).toContain('<h3 id="tag-creation">');
    expect(body).toMatch(/\$\.context string (?:&quot;|")dpc(?:&quot;|") Execution context found below the driver frames/);
    expect(body).toContain('From !analyze -v.');
    expect(pages.get('reference/')!.html).toMatch(/href="[^"]*reference\/facts\/"/);
  });
});

describe('signature pages', () => {
  it('have one section per topic: no heading twice, no doc topic repeated as a sub-heading', () => {
    for (const s of signaturesOnDisk()) {
      const page = pages.get(`signatures/${s.slug}/`)!;
      const h2 = headings(page.html, 2);
      expect(new Set(h2).size, `${s.slug}: ${h2.join(' | ')}`).toBe(h2.length);
      for (const topic of [/^why it leaks/i, /^how to fix/i, /^fixtures$/i, /confirm/i, /^what it means/i]) {
        const all = [2, 3, 4].flatMap((l) => headings(page.html, l)).filter((h) => topic.test(h));
        expect(all.length, `${s.slug} ${topic}`).toBeLessThanOrEqual(1);
      }
      expect(h2).toContain('Why it leaks');
      expect(h2).toContain('How to fix it');
      expect(h2).toContain('Fixtures');
    }
  });

  it('say "an object type", never "a object type"', () => {
    const bad = [...pages.values()].filter((p) => /\ba object\b/i.test(text(p.html))).map((p) => p.path);
    expect(bad).toEqual([]);
    expect(text(pages.get('signatures/request-completed-not-deleted/')!.html) + text(pages.get('signatures/driver-parented-objects-accumulate/')!.html)).toMatch(/an (object type|driver)|a driver/);
  });
});

describe('units', () => {
  it('no page states sizes in KB, MB or GB: binary units are labelled KiB, MiB, GiB', () => {
    const bad = [...pages.values()].flatMap((p) => [...text(p.html).matchAll(/.{0,30}\b\d[\d.,]* ?[KMGT]B\b.{0,10}/g)].map((m) => `${p.path}: ${m[0]}`));
    expect(bad).toEqual([]);
  });
});

describe('fixtures', () => {
  it('each fixture transcript has its page, linked from its signature page, with the transcript on it', () => {
    const paths: string[] = [];
    const walk = (dir: string, rel: string): void => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (d.isDirectory()) walk(join(dir, d.name), `${rel}/${d.name}`);
        else paths.push(`${rel}/${d.name}`);
      }
    };
    walk(join(REPO, 'rules/signatures'), 'rules/signatures');
    let count = 0;
    for (const [slug, fixtures] of groupFixtures(paths)) {
      const sigPage = pages.get(`signatures/${slug}/`)!;
      for (const direction of ['positive', 'negative'] as const) {
        for (const file of fixtures[direction].filter((f) => f.endsWith('.log'))) {
          const path = `signatures/${slug}/fixtures/${direction}/${file.slice(0, -4)}/`;
          const page = pages.get(path);
          expect(page, path).toBeDefined();
          expect(sigPage.links).toContain(`/${path}`);
          const firstLine = readFileSync(join(REPO, 'rules/signatures', slug, direction, file), 'utf8').split(/\r?\n/).find((l) => l.trim() !== '')!;
          expect(text(page!.html).replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'), path).toContain(firstLine.trim().replace(/\s+/g, ' '));
          count++;
        }
      }
    }
    expect(count).toBeGreaterThanOrEqual(30);
  });
});

describe('source links', () => {
  it('all point at the repository of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const repo = repositoryOf(pkg.repository).url;
    // A link to a file of this repository (`…/blob/<ref>/rules/x.json` where rules/x.json exists here),
    // whatever the host: it must be built from the setting, not written by hand.
    const foreign = [...pages.values()].flatMap((p) =>
      p.links
        .filter((l) => {
          const m = /^https?:\/\/[^/]+\/[^/]+\/[^/]+\/(?:blob|tree)\/[^/]+\/([^#?]+)/.exec(l);
          return m !== null && existsSync(join(REPO, decodeURIComponent(m[1]!))) && !l.startsWith(`${repo}/`);
        })
        .map((l) => `${p.path}: ${l}`),
    );
    expect(foreign).toEqual([]);
    const own = [...pages.values()].flatMap((p) => p.links.filter((l) => l.startsWith(repo)));
    expect(own.length).toBeGreaterThan(20);
  });
});

describe('the corpus page', () => {
  it('shows the scoreboard the runner recorded in the README, and each signature page links to its corpus hits', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const kept = /literal values kept\s+(\d+)\/(\d+)/.exec(readme)!;
    const named = /leak cases named\s+(\d+)\/(\d+)/.exec(readme)!;
    const page = pages.get('corpus/')!.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain(`Literal values kept ${kept[1]} of ${kept[2]}`);
    expect(page).toContain(`Leak cases named with their subject ${named[1]} of ${named[2]}`);
    const sig = text(pages.get('signatures/verifier-pool-leak-at-unload/')!.html);
    expect(sig).toMatch(/In the real-transcript corpus it names \d+ leak case\(s\)/);
  });
});
