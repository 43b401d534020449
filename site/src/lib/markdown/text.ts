// Markdown → plain text for the search index: prose (what readers search in words) and code
// (debugger output, scanned for identifiers only). Not a renderer; markup characters just go away.

export interface MarkdownText {
  prose: string;
  code: string;
  headings: string[];
}

export function markdownText(markdown: string): MarkdownText {
  const code: string[] = [];
  const headings: string[] = [];
  const prose = markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm, (_m, _fence: string, body: string) => {
      code.push(body);
      return '\n';
    })
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/^#{1,6}\s+(.*)$/gm, (_m, heading: string) => {
      headings.push(heading.trim());
      return heading;
    })
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__|~~)(\S[\s\S]*?)\1/g, '$2')
    .replace(/(^|\s)[*_](\S[^*_\n]*?)[*_](?=\s|[.,;:!?)]|$)/g, '$1$2')
    .replace(/^\s*(?:>\s?)+/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|?)+\s*$/gm, ' ')
    .replace(/[ \t]*\|[ \t]*/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/gm, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return { prose, code: code.join('\n'), headings };
}
