// The site's Markdown settings, shared by astro.config.mjs and the tests so the tests exercise the
// pipeline the pages are built with.
import type { RehypePlugins } from 'astro';
import { rehypeSanitizeSite } from './sanitize.js';
import { rehypeCodeLines } from './code-lines.js';

export const markdownOptions: {
  syntaxHighlight: false;
  remarkRehype: { allowDangerousHtml: boolean };
  rehypePlugins: RehypePlugins;
  gfm: boolean;
  smartypants: boolean;
} = {
  // Code blocks get the site's own line markup (code-lines.ts), not Shiki's colours.
  syntaxHighlight: false as const,
  // Raw HTML in a write-up is dropped, never rendered.
  remarkRehype: { allowDangerousHtml: false },
  // Sanitising runs last, so it also checks the markup the code-line step adds.
  rehypePlugins: [rehypeCodeLines, rehypeSanitizeSite],
  gfm: true,
  // Straight quotes stay straight: readers copy commands out of prose, and smartypants doubled the
  // Markdown cost per page (test/bench/site-build.js).
  smartypants: false,
};
