// Text chunks → lines. Accepts LF, CRLF and lone CR, also when a CRLF pair is split across chunks,
// and cleans the noise that pastes add to every line (trailing blanks, documentation `## ` prefixes).

/** Splits streamed text into lines; calls `onLine` with each line (without its terminator). */
export interface LineSplitter {
  write(text: string): void;
  end(): void;
  /** True between lines: no partial line held, no CR waiting for its LF. */
  idle(): boolean;
}

/** Longest line kept whole; binary junk without newlines must not grow one string without bound. */
export const MAX_LINE = 65536;

export function createLineSplitter(onLine: (line: string, cut: boolean) => void): LineSplitter {
  let carry = '';
  let cut = false;
  const emit = (line: string): void => {
    const over = cut || line.length > MAX_LINE;
    onLine(over ? line.slice(0, MAX_LINE) : line, over);
    cut = false;
  };
  let lastWasCr = false;
  return {
    write(text) {
      if (text.length === 0) return;
      let start = 0;
      if (lastWasCr && text.charCodeAt(0) === 10) start = 1;
      lastWasCr = false;
      const len = text.length;
      let i = start;
      // Next CR at or after i; -1 once none is left. Found once per CR, not once per line: a
      // fresh search per line would rescan the rest of the chunk for every line of an LF file.
      let cr = text.indexOf('\r', i);
      while (i < len) {
        // indexOf is far faster than a per-char loop; CR is rare, so look for LF first.
        let nl = text.indexOf('\n', i);
        if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
        let crlf = false;
        if (cr !== -1 && (nl === -1 || cr < nl)) {
          crlf = cr + 1 < len && text.charCodeAt(cr + 1) === 10;
          if (cr + 1 === len) lastWasCr = true;
          nl = cr;
        }
        if (nl === -1) break;
        const piece = text.slice(i, nl);
        emit(carry.length ? carry + piece : piece);
        carry = '';
        i = nl + (crlf ? 2 : 1);
      }
      if (i < len) {
        carry += text.slice(i);
        if (carry.length > MAX_LINE) {
          carry = carry.slice(0, MAX_LINE);
          cut = true;
        }
      }
    },
    end() {
      if (carry.length || cut) emit(carry);
      carry = '';
    },
    idle: () => carry.length === 0 && !cut && !lastWasCr,
  };
}

/**
 * Removes what copies add but the debugger never printed: trailing blanks and a documentation
 * site's `## ` / `# ` heading marks before output lines. TABs inside the line are kept.
 */
export function cleanLine(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 0xfeff) break;
    end--;
  }
  let s = end === line.length ? line : line.slice(0, end);
  if (s.charCodeAt(0) === 35 && s.charCodeAt(1) === 35 && (s.charCodeAt(2) === 32 || s.length === 2)) {
    s = s.slice(3);
  }
  return s;
}
