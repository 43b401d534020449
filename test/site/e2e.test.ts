// The built site in a real browser: Debian's chromium driven by playwright-core against site/dist
// served on localhost. `npm test` builds the site first (npm run site:build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './static-server.js';
import { REPO } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const DIST = join(REPO, 'site/dist');
const OUTPUT = join(REPO, 'test/output');
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'];
const hasBrowser = existsSync(CHROMIUM);
const ACP_TRANSCRIPT = readFileSync(join(REPO, 'site/cases/acp-workitem-leak/transcript.log'), 'utf8');

if (!hasBrowser && process.env.CI === 'true') {
  describe('browser tests', () => {
    it('need chromium', () => {
      throw new Error(`${CHROMIUM} not found: CI must install Debian's chromium (apt-get install -y chromium) before the tests.`);
    });
  });
} else if (!hasBrowser) {
  console.warn(`\n*** SKIPPED: site browser tests need ${CHROMIUM} (apt-get install -y chromium). ***\n`);
  describe('browser tests', () => {
    it.skip(`skipped: ${CHROMIUM} not found (apt-get install -y chromium); under CI=true this fails`, () => {});
  });
} else {
  describe('the built site in chromium', () => {
    let browser: Browser;
    let server: StaticServer;
    const errors: string[] = [];

    beforeAll(async () => {
      if (!existsSync(join(DIST, 'index.html'))) {
        throw new Error('site/dist/index.html is missing: run `npm run site:build` first (`npm test` does it for you).');
      }
      mkdirSync(OUTPUT, { recursive: true });
      server = await serveStatic(DIST);
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(path: string, options: { dark?: boolean } = {}): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: options.dark ? 'dark' : 'light' });
      page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
      page.on('dialog', (dialog) => {
        errors.push(`${path}: unexpected dialog "${dialog.message()}"`);
        void dialog.dismiss();
      });
      await page.goto(server.url + path);
      return page;
    }

    async function searchFor(page: Page, query: string): Promise<string[]> {
      const input = page.locator('#site-search-input');
      await input.click();
      await input.fill(query);
      await page.locator('#site-search-panel .search-status').filter({ hasText: /result|Nothing found|could not/ }).waitFor();
      return page.locator('#site-search-panel .search-results a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    }

    it('loads the search index only on first use', async () => {
      const page = await open('');
      await page.waitForLoadState('networkidle');
      expect(server.requests.some((r) => r.includes('search-index.json'))).toBe(false);
      // Listen before focusing: a response that arrives before the listener would never be seen.
      const index = page.waitForResponse((r) => r.url().endsWith('/search-index.json'));
      await page.locator('#site-search-input').focus();
      await index;
      await page.close();
    }, 60_000);

    it.each(['work item dpc', 'AcpDspSwInterruptDpc', 'Wdf01000!FxPoolAllocator', '0x1025', 'IoWI'])(
      'search "%s" finds the ACP case',
      async (query) => {
        const page = await open('');
        const hrefs = await searchFor(page, query);
        expect(hrefs).toContain('/cases/acp-workitem-leak/');
        if (query === 'work item dpc') await page.screenshot({ path: join(OUTPUT, 'site-search.png') });
        await page.close();
      },
      60_000,
    );

    it('search is usable from the keyboard', async () => {
      const page = await open('signatures/');
      const hrefs = await searchFor(page, 'AcpDspSwInterruptDpc');
      expect(hrefs.length).toBeGreaterThan(1);
      const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id);
      await page.keyboard.press('ArrowDown');
      expect(await focusedHref()).toBe(hrefs[0]);
      await page.keyboard.press('ArrowDown');
      expect(await focusedHref()).toBe(hrefs[1]);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect(await focusedHref()).toBe('site-search-input');
      await page.keyboard.press('Escape');
      expect(await page.locator('#site-search-panel').isHidden()).toBe(true);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === hrefs[0]);
      await page.close();
    }, 60_000);

    it('shows a query syntax error politely', async () => {
      const page = await open('search/?q=' + encodeURIComponent('title:leak ~'));
      const status = page.locator('#search-page-status');
      await status.filter({ hasText: /could not read/ }).waitFor();
      expect(await page.locator('#search-page-results li').count()).toBe(0);
      await page.close();
    }, 60_000);

    it('renders hostile search results as text, never as markup or script links', async () => {
      const page = await browser.newPage();
      page.on('dialog', (dialog) => {
        errors.push(`hostile index: dialog "${dialog.message()}"`);
        void dialog.dismiss();
      });
      const real = JSON.parse(readFileSync(join(DIST, 'search-index.json'), 'utf8')) as { store: Array<Record<string, string>> };
      // Every entry of the store replaced by a hostile one, so any hit shows it.
      const hostile = {
        ...real,
        store: real.store.map((_, i) => ({
          t: i % 2 ? '<b>bold</b> title' : '<img src=x onerror="alert(1)">evil title',
          u: i % 3 ? 'cases/acp-workitem-leak/' : 'javascript:alert(2)',
          k: 'case',
          s: i % 2 ? '<svg onload="alert(4)">' : '<script>alert(3)</script>',
        })),
      };
      await page.route('**/search-index.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(hostile) }));
      await page.goto(server.url);
      const hrefs = await searchFor(page, 'work');
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.every((h) => h === '/cases/acp-workitem-leak/')).toBe(true);
      const panel = page.locator('#site-search-panel');
      expect(await panel.locator('img, script, svg, b').count()).toBe(0);
      expect(await panel.textContent()).toMatch(/<b>bold<\/b> title|<img src=x onerror="alert\(1\)">evil title/);
      await page.waitForTimeout(200);
      expect(errors.filter((e) => e.startsWith('hostile'))).toEqual([]);
      await page.close();
    }, 60_000);

    it('a signature page renders its conditions, evidence, fix and source link', async () => {
      const page = await open('signatures/workitem-created-in-dpc/');
      expect(await page.locator('h1').textContent()).toContain('WDFWORKITEM');
      expect(await page.locator('#sig-when ~ .condition-group, section[aria-labelledby="sig-when"] .condition-group').count()).toBeGreaterThan(0);
      expect(await page.locator('section[aria-labelledby="sig-when"]').textContent()).toContain('execution-contexts#elevated');
      expect(await page.locator('section[aria-labelledby="sig-fix"] li').count()).toBeGreaterThan(0);
      expect(await page.locator('a[href$="rules/signatures/workitem-created-in-dpc.json"]').count()).toBe(1);
      expect(await page.locator('section[aria-labelledby="sig-cases"] a[href="/cases/acp-workitem-leak/"]').count()).toBe(1);
      await page.screenshot({ path: join(OUTPUT, 'site-signature.png'), fullPage: true });
      await page.close();
    }, 60_000);

    it('the signature index filters by severity without reloading', async () => {
      const page = await open('signatures/');
      const rows = page.locator('#signature-table tbody tr');
      const total = await rows.count();
      expect(total).toBeGreaterThan(0);
      await page.selectOption('select[name=severity]', 'high');
      const visible = await rows.evaluateAll((trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).length);
      const high = await page.locator('#signature-table tbody tr[data-severity=high]').count();
      expect(visible).toBe(high);
      expect(page.url()).toContain('severity=high');
      await page.close();
    }, 60_000);

    it('the tag calculator derives amda and RawB', async () => {
      const page = await open('reference/pool-tags/');
      const out = page.locator('#calc-service-out');
      await expect.poll(() => out.textContent()).toContain('0x61646d61');
      await page.fill('#calc-service', 'WdfRawBusEnumTest');
      await expect.poll(() => out.textContent()).toContain('RawB');
      await page.close();
    }, 60_000);

    it('the analyzer, given the ACP transcript, shows the work-item finding without sending it anywhere', async () => {
      const page = await open('analyzer/');
      const requests: string[] = [];
      page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
      await page.locator('#analyzer-input').fill(ACP_TRANSCRIPT);
      await page.getByRole('button', { name: 'Analyze' }).click();
      await page.locator('#analyzer-status').filter({ hasText: /Done|did not finish/ }).waitFor({ timeout: 30_000 });
      const report = page.locator('#analyzer-report');
      const text = (await report.textContent()) ?? '';
      expect(text, text.slice(0, 400)).not.toContain('stopped with an error');
      const finding = report.locator('article.finding').filter({ has: page.locator('a[href="/signatures/workitem-created-in-dpc/"]') });
      expect(await finding.count()).toBe(1);
      const findingText = (await finding.textContent()) ?? '';
      expect(findingText).toContain('amda');
      expect(findingText).toContain('AcpDspSwInterruptDpc');
      expect(await finding.locator('mark.line').count()).toBeGreaterThan(0);
      // Only the page's own scripts and chunks from localhost; nothing carries the pasted text.
      expect(requests.every((r) => r.startsWith(`GET ${server.url}`)), requests.join('\n')).toBe(true);
      await page.screenshot({ path: join(OUTPUT, 'site-analyzer.png'), fullPage: true });
      await page.close();
    }, 90_000);

    it('the analyzer runs a large paste in a worker: no long task, progress moves, a run cancels and the next one works', async () => {
      const page = await open('analyzer/');
      const big = ACP_TRANSCRIPT.repeat(Math.ceil(4_000_000 / ACP_TRANSCRIPT.length));
      const input = page.locator('#analyzer-input');
      const status = page.locator('#analyzer-status');
      const report = page.locator('#analyzer-report');
      const workItemFinding = report.locator('a[href="/signatures/workitem-created-in-dpc/"]');
      // A paste as the browser delivers it (the clipboard is not reachable from a headless test).
      await input.evaluate((el, text) => {
        const clipboardData = new DataTransfer();
        clipboardData.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
      }, big);
      expect(await page.locator('#analyzer-file-status').textContent()).toMatch(/^Pasted 4,0\d\d,\d\d\d characters: too many to show here/);
      expect(await input.inputValue()).toBe('');
      // From here on: every main-thread task over 50 ms, and every value the progress bar takes.
      await page.evaluate(() => {
        const w = window as unknown as { longTasks: number[]; progressSeen: number[] };
        w.longTasks = [];
        w.progressSeen = [];
        new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
        const bar = document.querySelector('#analyzer-progress progress') as HTMLProgressElement;
        new MutationObserver(() => w.progressSeen.push(bar.position)).observe(bar, { attributes: true });
      });
      const measured = () =>
        page.evaluate(() => {
          const w = window as unknown as { longTasks: number[]; progressSeen: number[] };
          return { longTasks: w.longTasks, progressSeen: w.progressSeen };
        });

      await page.getByRole('button', { name: 'Analyze' }).click();
      await status.filter({ hasText: /Done|did not finish/ }).waitFor({ timeout: 120_000 });
      const first = await measured();
      const longest = Math.max(0, ...first.longTasks);
      console.log(`analyzer, ${(big.length / 1e6).toFixed(1)} MB paste: ${await status.textContent()} Longest main-thread task ${longest} ms (${first.longTasks.length} over 50 ms), ${first.progressSeen.length} progress updates.`);
      expect(longest).toBeLessThan(100);
      // The bar moved through at least two values part-way before it was full.
      expect(new Set(first.progressSeen.filter((p) => p > 0 && p < 1)).size).toBeGreaterThanOrEqual(2);
      expect(await workItemFinding.count()).toBeGreaterThan(0);
      expect(await page.locator('#analyzer-progress').isHidden()).toBe(true);

      // A second run of the same paste, cancelled once it reports progress (Cancel shows only while a run is under way).
      await page.getByRole('button', { name: 'Analyze' }).click();
      await page.locator('#analyzer-progress-text').filter({ hasText: /characters? read/ }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(await status.textContent()).toBe('Analysis cancelled.');
      expect(await page.locator('#analyzer-progress').isHidden()).toBe(true);
      await page.waitForTimeout(1_000);
      expect(await status.textContent()).toBe('Analysis cancelled.');
      expect(await report.locator('*').count()).toBe(0);
      expect(Math.max(0, ...(await measured()).longTasks)).toBeLessThan(100);

      // A new run after the cancelled one works, on text typed into the box this time.
      await input.fill(ACP_TRANSCRIPT);
      expect(await page.locator('#analyzer-file-status').textContent()).toBe('The text box is analyzed, not what was loaded before.');
      await page.getByRole('button', { name: 'Analyze' }).click();
      await status.filter({ hasText: /Done|did not finish/ }).waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toMatch(/^Done in \d+ ms: \d+ findings?\.$/);
      expect(await workItemFinding.count()).toBeGreaterThan(0);
      await page.close();
    }, 240_000);

    it('pages render in dark mode', async () => {
      const page = await open('cases/acp-workitem-leak/', { dark: true });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(16, 20, 24)');
      await page.screenshot({ path: join(OUTPUT, 'site-case-dark.png') });
      await page.close();
    }, 60_000);

    it('raised no page errors or dialogs', () => {
      expect(errors).toEqual([]);
    });
  });
}
