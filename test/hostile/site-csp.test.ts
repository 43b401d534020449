// The site's layout forbids images from other origins: a case write-up whose Markdown slipped an
// image through would still load nothing from elsewhere.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('the layout carries a Content-Security-Policy with img-src limited to the site', () => {
  const layout = readFileSync(new URL('../../site/src/layouts/Base.astro', import.meta.url), 'utf8');
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(layout);
  expect(m).not.toBeNull();
  const img = m![1]!.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'))!;
  expect(img.split(/\s+/).slice(1).sort()).toEqual(["'self'", 'data:']);
});
