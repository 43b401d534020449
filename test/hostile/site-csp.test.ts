// The site's layout forbids images from other origins: a case write-up whose Markdown slipped an
// image through would still load nothing from elsewhere. Workers (the analyzer's engine) may come
// only from the site's own scripts.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const layout = readFileSync(new URL('../../site/src/layouts/Base.astro', import.meta.url), 'utf8');
const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(layout)?.[1];
const sources = (directive: string) =>
  policy
    ?.split(';')
    .map((d) => d.trim().split(/\s+/))
    .find((d) => d[0] === directive)
    ?.slice(1)
    .sort();

it('the layout carries a Content-Security-Policy with img-src limited to the site', () => {
  expect(policy).toBeDefined();
  expect(sources('img-src')).toEqual(["'self'", 'data:']);
});

it('the layout allows workers from the site only', () => {
  expect(sources('worker-src')).toEqual(["'self'"]);
});
