// Rehype step for code blocks, WinDbg output first: one element per line, the evidence lines
// marked, and the transcript's own line numbers shown. The fence's meta says how:
//
//   ```windbg from=72 {76,78-84} title="!poolfind amda -nonpaged"
//
// `from` is the transcript line of the block's first line (numbers are shown and `{…}` counts in
// them); without it, `{…}` counts from 1. `title` becomes the figure caption, set as code (it is
// the command); `caption="…"` is a plain-text caption instead. Runs after the sanitiser: what it
// adds is trusted markup.
import { element, text, textOf, type HastNode } from './hast.js';

export interface CodeMeta {
  /** Line number of the first line; absent = 1 and no numbers shown. */
  from?: number;
  marks: Set<number>;
  title?: string;
  /** Plain-text caption (a title is shown as code: it is the command). */
  caption?: string;
}

/** Parses `from=72 {76,78-84} title="…"`; unknown words are ignored. */
export function parseCodeMeta(meta: string | undefined): CodeMeta {
  const out: CodeMeta = { marks: new Set() };
  if (!meta) return out;
  const from = /(?:^|\s)from=(\d+)/.exec(meta);
  if (from) out.from = Number(from[1]);
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(meta);
  if (title) out.title = title[1] ?? title[2] ?? title[3];
  const caption = /(?:^|\s)caption=(?:"([^"]*)"|'([^']*)')/.exec(meta);
  if (caption) out.caption = caption[1] ?? caption[2];
  const marks = /\{([\d,\s-]+)\}/.exec(meta);
  if (marks) {
    for (const part of marks[1]!.split(',')) {
      const range = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
      if (!range) continue;
      const first = Number(range[1]);
      const last = range[2] ? Number(range[2]) : first;
      for (let n = first; n <= last && n - first < 10_000; n++) out.marks.add(n);
    }
  }
  return out;
}

/** `{76,78,79,80}` → `76, 78–80`, for the caption. */
export function rangesText(marks: Iterable<number>): string {
  const sorted = [...marks].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function languageOf(code: HastNode): string | undefined {
  const classes = code.properties?.className;
  const list = Array.isArray(classes) ? classes : [];
  const lang = list.find((c): c is string => typeof c === 'string' && c.startsWith('language-'));
  return lang?.slice('language-'.length);
}

/** Builds the figure (or bare pre) for one fenced block. */
export function renderCodeBlock(source: string, meta: CodeMeta, language?: string): HastNode {
  const lines = source.replace(/\n$/, '').split('\n');
  const first = meta.from ?? 1;
  const children: HastNode[] = [];
  lines.forEach((line, i) => {
    const number = first + i;
    const marked = meta.marks.has(number);
    const props: Record<string, unknown> = { className: marked ? ['line', 'hl'] : ['line'] };
    if (meta.from !== undefined) props.dataLine = String(number);
    if (i > 0) children.push(text('\n'));
    children.push(element(marked ? 'mark' : 'span', props, [text(line)]));
  });
  const codeProps: Record<string, unknown> = {};
  if (language) codeProps.className = [`language-${language}`];
  const preClasses = ['code'];
  if (meta.from !== undefined) preClasses.push('numbered');
  // tabIndex: a scrollable block must be reachable from the keyboard.
  const pre = element('pre', { className: preClasses, tabIndex: 0 }, [element('code', codeProps, children)]);
  if (meta.title === undefined && meta.caption === undefined && meta.marks.size === 0) return pre;
  const caption: HastNode[] = [];
  if (meta.title !== undefined) caption.push(element('code', {}, [text(meta.title)]));
  if (meta.caption !== undefined) caption.push(element('span', {}, [text(meta.caption)]));
  if (meta.marks.size > 0) {
    const where = meta.from !== undefined ? `line${meta.marks.size > 1 ? 's' : ''} ${rangesText(meta.marks)}` : 'highlighted';
    caption.push(element('span', { className: ['evidence-note'] }, [text(`evidence: ${where}`)]));
  }
  return element('figure', { className: ['code-figure'] }, [element('figcaption', {}, caption), pre]);
}

function transform(parent: HastNode): void {
  const children = parent.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'element') continue;
    const code = node.tagName === 'pre' ? node.children?.find((c) => c.type === 'element' && c.tagName === 'code') : undefined;
    if (code) {
      const meta = parseCodeMeta(typeof code.data?.meta === 'string' ? code.data.meta : undefined);
      children[i] = renderCodeBlock(textOf(code), meta, languageOf(code));
    } else {
      transform(node);
    }
  }
}

/** The unified plugin. */
export function rehypeCodeLines() {
  return (tree: unknown) => {
    transform(tree as HastNode);
  };
}
