// The few hast shapes the site's Markdown plugins touch. Kept local so the plugins depend on no
// type package beyond what the repository declares.
export interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
  value?: string;
  data?: Record<string, unknown>;
}

export function element(tagName: string, properties: Record<string, unknown>, children: HastNode[]): HastNode {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): HastNode {
  return { type: 'text', value };
}

/** The text content of a node, as `textContent` would give it. */
export function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}
