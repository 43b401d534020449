import { it } from 'vitest';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.js';
import { fileURLToPath } from 'node:url';
const ARGS = ['--no-sandbox','--disable-background-networking','--disable-gpu','--disable-component-update','--disable-sync','--no-first-run'];
it('shoot', async () => {
  const server = await serveStatic(fileURLToPath(new URL('../../site/dist', import.meta.url)));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const pages = (process.env.SHOT_PAGES ?? '').split(',');
  const scheme = process.env.SHOT_DARK ? 'dark' : 'light';
  for (const p of pages) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme as 'dark' });
    page.on('console', (m) => console.log('console', p, m.type(), m.text()));
    page.on('pageerror', (e) => console.log('pageerror', p, e.message));
    await page.goto(server.url + p);
    if (process.env.SHOT_ACTION) await eval(process.env.SHOT_ACTION);
    const name = (p.replace(/[^a-z0-9]/gi, '_') || 'home') + (process.env.SHOT_DARK ? '_dark' : '');
    if (process.env.SHOT_Y) {
      for (const y of process.env.SHOT_Y.split(',')) await page.screenshot({ path: `/tmp/shots/${name}_${y}.png`, fullPage: true, clip: { x: 0, y: Number(y), width: 1280, height: 1400 } });
    } else await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: process.env.SHOT_FULL === '1' });
    await page.close();
  }
  await browser.close(); await server.close();
}, 120000);
