// What pasting adds around debugger text and the debugger never printed: e-mail and GitHub quote
// marks (`> `, `>> `), Markdown code fences, list items, inline-code backticks and escaped stars.
// Indentation is handled per block by the segmenter, since only the block knows which indent is the
// paste's and which is the output's.

/** A Markdown fence line (``` or ~~~, optionally with an info string such as `shell`). */
function isFence(line: string, from: number): boolean {
  const c = line.charCodeAt(from);
  if (c !== 96 && c !== 126) return false;
  let i = from;
  while (i < line.length && line.charCodeAt(i) === c) i++;
  if (i - from < 3) return false;
  // The info string is one word (```text, ```shell, ~~~ windbg); a longer line is output.
  for (let j = i; j < line.length; j++) {
    const d = line.charCodeAt(j);
    if (d === 32 || d === 9) {
      for (let k = j; k < line.length; k++) if (line.charCodeAt(k) !== 32 && line.charCodeAt(k) !== 9) return false;
      return true;
    }
    if (d === 96) return false;
  }
  return true;
}

/** Where the quote marks of a line end (0 when it has none): up to three blanks, `>`, one optional blank, repeated. */
function quoteEnd(line: string): number {
  let i = 0;
  for (;;) {
    let j = i;
    while (j < line.length && j - i < 3 && line.charCodeAt(j) === 32) j++;
    if (line.charCodeAt(j) !== 62) return i;
    j++;
    if (line.charCodeAt(j) === 32) j++;
    i = j;
  }
}

/** The line without its quote marks (`> `, `>> `). */
function unquote(line: string): string {
  const q = quoteEnd(line);
  return q > 0 ? line.slice(q) : line;
}

/** True when the line is a Markdown fence, quoted or not: the segmenter ends a block there. */
export function isFenceLine(line: string): boolean {
  const s = unquote(line);
  const k = indentOf(s).length;
  return k < s.length && isFence(s, k);
}

/**
 * The line without its paste marks; a fence line becomes an empty line (so it separates like one).
 * Linear: one pass over the leading marks.
 */
export function unpaste(line: string): string {
  let s = unquote(line);
  // A list item per line (`- 1: kd> !analyze -v`, a pastebin list view).
  if (s.charCodeAt(0) === 45 && s.charCodeAt(1) === 32 && s.length > 2 && s.charCodeAt(2) !== 32) s = s.slice(2);
  // Each line wrapped in inline-code backticks (`` `Arg1: 0000000d, …` ``); WinDbg never starts a line with one.
  if (s.length > 2 && s.charCodeAt(0) === 96 && s.charCodeAt(1) !== 96 && s.charCodeAt(s.length - 1) === 96 && s.charCodeAt(s.length - 2) !== 96) {
    s = s.slice(1, -1);
  }
  // Markdown source escapes the stars of WinDbg banners (`\*\*\* Virtual Memory Usage \*\*\*`); a
  // star is never part of a path, so its escape is the paste's.
  if (s.includes('\\*')) s = s.replaceAll('\\*', '*');
  const k = indentOf(s).length;
  if (k < s.length && isFence(s, k)) return '';
  // A fence glued to the first or last line of the paste (```1: kd> k, …output```).
  if (s.startsWith('```') && s.charCodeAt(3) !== 96) s = s.slice(3);
  if (s.endsWith('```') && s.charCodeAt(s.length - 4) !== 96) s = s.slice(0, -3);
  return s;
}

/** True when the line carries e-mail/GitHub quote marks (`> `). */
export function isQuoted(line: string): boolean {
  return quoteEnd(line) > 0;
}

/** Leading blanks and tabs of a line. */
export function indentOf(line: string): string {
  let k = 0;
  while (k < line.length && (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9)) k++;
  return line.slice(0, k);
}

/** Markdown's code indent: a tab or four blanks. Shallower indents are the output's own. */
export function isDeepIndent(indent: string): boolean {
  return indent.includes('\t') || indent.length >= 4;
}
