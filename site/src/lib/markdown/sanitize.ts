// Makes write-up Markdown safe to put on a page with rehype-sanitize (hast-util-sanitize), the
// maintained sanitizer of the unified ecosystem: GitHub's allowlist (its `defaultSchema`), narrowed and
// widened only where the site needs it. It is the second line: the site's config already turns raw HTML
// off in remark-rehype; this step removes anything a later config change or plugin lets through (`raw`
// nodes, script, on* attributes, script URLs). It runs last, after the code-line markup.
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import type { HastNode } from './hast.js';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * The site's schema:
 * - links: http(s), mailto and relative URLs only (GitHub also allows irc and xmpp);
 * - no images (write-ups quote debugger text; an image is a tracking pixel or a broken box);
 * - the code-line markup of code-lines.ts: `figure.code-figure`, `pre.code.numbered`, `span.line`,
 *   `mark.line.hl` with `data-line`, `span.evidence-note`;
 * - ids kept as written (no `user-content-` prefix), so links to a write-up's own headings work.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => t !== 'img'), 'figure', 'figcaption', 'mark'],
  attributes: {
    ...defaultSchema.attributes,
    figure: [['className', 'code-figure']],
    pre: [['className', 'code', 'numbered']],
    span: [['className', 'line', 'evidence-note'], 'dataLine'],
    mark: [['className', 'line', 'hl'], 'dataLine'],
  },
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], cite: ['http', 'https'] },
  clobberPrefix: '',
  clobber: [],
};

/** The unified plugin with the site's schema, for `rehypePlugins`. */
export const rehypeSanitizeSite: [typeof rehypeSanitize, SanitizeSchema] = [rehypeSanitize, SANITIZE_SCHEMA];

/** Sanitise a hast tree (returns the cleaned tree; the input is not reused). */
export function sanitizeTree(tree: HastNode): HastNode {
  const transform = (rehypeSanitize as unknown as (schema: SanitizeSchema) => (tree: unknown) => unknown)(SANITIZE_SCHEMA);
  return transform(tree) as HastNode;
}

/**
 * True for URLs a reader may follow: relative paths, fragments, http(s) and mailto. For URLs that come
 * from the JSON data (reference sources, signature references) rather than Markdown. Browsers ignore
 * control characters and spaces inside a scheme (`java\tscript:`), so those are removed before the
 * scheme is read.
 */
export function isSafeUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const compact = url.replace(/[\u0000-\u0020\u007f-\u00a0\u2028\u2029\ufeff]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return scheme ? SAFE_SCHEMES.has(scheme[1]!.toLowerCase()) : true;
}
