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

/**
 * Where the quote marks of a line end (0 when it has none): up to three blanks, `>`, one optional blank,
 * repeated. Before the first mark, a Markdown code indent (four blanks, a tab) too: a quoted e-mail
 * pasted as a code block.
 */
function quoteEnd(line: string): number {
  let i = 0;
  const k = indentOf(line).length;
  if (k > 0 && k <= 8 && line.charCodeAt(k) === 62 && isDeepIndent(line.slice(0, k))) i = k;
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
  const s = unquote(line);
  // The marks below may also sit behind a Markdown code indent (a list or an inline-code paste, indented
  // as a code block); the indent stays for the segmenter, which takes the block's indent off.
  const indent = indentOf(s);
  const k = isDeepIndent(indent) ? indent.length : 0;
  let body = k > 0 ? s.slice(k) : s;
  // A list item per line (`- 1: kd> !analyze -v`, a pastebin list view).
  if (body.charCodeAt(0) === 45 && body.charCodeAt(1) === 32 && body.length > 2 && body.charCodeAt(2) !== 32) body = body.slice(2);
  // Each line wrapped in inline-code backticks (`` `Arg1: 0000000d, …` ``); WinDbg never starts a line with one.
  if (body.length > 2 && body.charCodeAt(0) === 96 && body.charCodeAt(1) !== 96 && body.charCodeAt(body.length - 1) === 96 && body.charCodeAt(body.length - 2) !== 96) {
    body = body.slice(1, -1);
  }
  // Markdown source escapes the stars of WinDbg banners (`\*\*\* Virtual Memory Usage \*\*\*`); a
  // star is never part of a path, so its escape is the paste's.
  if (body.includes('\\*')) body = body.replaceAll('\\*', '*');
  const j = indentOf(body).length;
  if (j < body.length && isFence(body, j)) return '';
  // A documentation site's `## ` heading marks (see cleanLine), here behind the paste's quote or indent.
  if (body.charCodeAt(0) === 35 && body.charCodeAt(1) === 35 && (body.charCodeAt(2) === 32 || body.length === 2)) body = body.slice(3);
  // A fence glued to the first or last line of the paste (```1: kd> k, …output```).
  if (body.startsWith('```') && body.charCodeAt(3) !== 96) body = body.slice(3);
  if (body.endsWith('```') && body.charCodeAt(body.length - 4) !== 96) body = body.slice(0, -3);
  return k > 0 ? s.slice(0, k) + body : body;
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
