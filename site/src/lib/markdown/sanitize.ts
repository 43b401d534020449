// Rehype step that makes write-up Markdown safe to put on a page: an allowlist of the elements and
// attributes Markdown (with GFM) produces, and links limited to http(s), mailto and relative URLs.
// It is the second line: the site's config already turns raw HTML off in remark-rehype; this step
// also removes anything a later config change or plugin lets through (`raw` nodes, script, on*).
import type { HastNode } from './hast.js';

/** Elements removed with everything inside them. */
const DROP = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'textarea',
  'select', 'button', 'link', 'meta', 'base', 'svg', 'math', 'template', 'noscript', 'title', 'head',
  'audio', 'video', 'source', 'track', 'canvas', 'portal', 'dialog',
]);

const GLOBAL_ATTRIBUTES = ['id', 'className'];

/** Element → attributes it may keep (hast property names), besides the global ones. */
const ALLOWED: Record<string, readonly string[]> = {
  a: ['href', 'title', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaLabel', 'ariaDescribedBy'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  input: ['type', 'checked', 'disabled'],
  ol: ['start'],
  th: ['align'],
  td: ['align'],
  section: ['dataFootnotes'],
  ...Object.fromEntries(
    [
      'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'li', 'blockquote', 'pre', 'code', 'em', 'strong',
      'del', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'sup', 'sub', 'span', 'div', 'kbd', 'dl',
      'dt', 'dd', 'abbr', 'figure', 'figcaption', 'mark', 'small', 'b', 'i', 's', 'q', 'cite', 'details', 'summary',
    ].map((tag) => [tag, [] as string[]]),
  ),
};

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * True for URLs a reader may follow: relative paths, fragments, http(s) and mailto. Browsers
 * ignore control characters and spaces inside a scheme (`java\tscript:`), so those are removed
 * before the scheme is read.
 */
export function isSafeUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const compact = url.replace(/[\u0000-\u0020\u007f-\u00a0\u2028\u2029\ufeff]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return scheme ? SAFE_SCHEMES.has(scheme[1]!.toLowerCase()) : true;
}

function cleanElement(node: HastNode): HastNode[] {
  const tag = node.tagName ?? '';
  if (DROP.has(tag)) return [];
  const allowed = ALLOWED[tag];
  const children = cleanChildren(node.children ?? []);
  // Unknown elements lose their tag but keep their text.
  if (!allowed) return children;
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node.properties ?? {})) {
    if (GLOBAL_ATTRIBUTES.includes(name) || allowed.includes(name)) properties[name] = value;
  }
  if (tag === 'a' && 'href' in properties && !isSafeUrl(properties.href)) return children;
  if (tag === 'img' && !isSafeUrl(properties.src)) return [];
  if (tag === 'input' && !(properties.type === 'checkbox' && properties.disabled)) return [];
  // `data` never reaches the HTML; later steps read it (a code fence's meta string).
  const clean: HastNode = { type: 'element', tagName: tag, properties, children };
  if (node.data) clean.data = node.data;
  return [clean];
}

function cleanChildren(children: HastNode[]): HastNode[] {
  const out: HastNode[] = [];
  for (const child of children) {
    if (child.type === 'text') out.push(child);
    else if (child.type === 'element') out.push(...cleanElement(child));
    // comments, doctypes, `raw` HTML strings and unknown node types are dropped
  }
  return out;
}

/** Sanitise a hast tree in place. */
export function sanitizeTree(tree: HastNode): HastNode {
  tree.children = cleanChildren(tree.children ?? []);
  return tree;
}

/** The unified plugin. */
export function rehypeSanitize() {
  // `unknown`: unified hands over a hast Root; this module reads it through its own HastNode shape.
  return (tree: unknown) => {
    sanitizeTree(tree as HastNode);
  };
}
