// The site's Markdown settings, shared by astro.config.mjs and the tests so the tests exercise the
// pipeline the pages are built with.
import { rehypeSanitize } from './sanitize.js';
import { rehypeCodeLines } from './code-lines.js';

export const markdownOptions = {
  // Code blocks get the site's own line markup (code-lines.ts), not Shiki's colours.
  syntaxHighlight: false as const,
  // Raw HTML in a write-up is dropped, never rendered.
  remarkRehype: { allowDangerousHtml: false },
  rehypePlugins: [rehypeSanitize, rehypeCodeLines],
  gfm: true,
  // Straight quotes stay straight: readers copy commands out of prose, and smartypants doubled the
  // Markdown cost per page (test/bench/site-build.js).
  smartypants: false,
};
