// Text from a transcript is shown, never obeyed: control characters (C0, DEL, C1 with ESC, OSC
// and BEL among them), line and paragraph separators and bidirectional overrides become visible
// escapes before a report reaches a terminal; in Markdown, names are escaped and quotes fenced with
// a fence longer than any backtick run they hold. Colour comes only from wdfleak's own Style.

// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b`, `\x07`, `\u202e`: the character's code, visible and inert. TAB is kept. */
export function visible(s: string): string {
  HIDDEN.lastIndex = 0;
  if (!HIDDEN.test(s)) return s;
  return s.replace(HIDDEN, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** A copy of plain data (a report) with every string made visible. */
export function visibleDeep<T>(x: T): T {
  if (typeof x === 'string') return visible(x) as T;
  if (Array.isArray(x)) return x.map(visibleDeep) as T;
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = visibleDeep(v);
    return out as T;
  }
  return x;
}

/** Markdown inline text: characters that start emphasis, links (and so images: `![`), HTML or code are escaped. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** Longest run of backticks in the lines. */
function longestBacktickRun(lines: readonly string[]): number {
  let best = 0;
  for (const l of lines) {
    let run = 0;
    for (let i = 0; i < l.length; i++) {
      if (l.charCodeAt(i) === 96) {
        run++;
        if (run > best) best = run;
      } else run = 0;
    }
  }
  return best;
}

/** A code span that holds any text: more backticks than inside it, padded when it starts or ends with one. */
export function mdCode(s: string): string {
  const ticks = '`'.repeat(longestBacktickRun([s]) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/** A fence for a code block holding these lines: at least three backticks, more than any run inside. */
export function fenceFor(lines: readonly string[]): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(lines) + 1));
}
