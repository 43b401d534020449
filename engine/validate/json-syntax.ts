// Where a JSON text stops being JSON, as line and column. JSON.parse's messages differ between
// engines and often carry no position, so a small scanner retraces the grammar after a failure.

export interface JsonSyntaxError {
  /** 1-based line and column of the offending character. */
  line: number;
  column: number;
  message: string;
}

class Stop {
  constructor(readonly at: number, readonly message: string) {}
}

const MAX_DEPTH = 512;

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    const end = value(text, ws(text, 0), 0);
    const after = ws(text, end);
    if (after < text.length) throw new Stop(after, `unexpected ${found(text, after)} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ...lineColumn(text, e.at), message: e.message };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function found(text: string, at: number): string {
  if (at >= text.length) return 'end of file';
  const c = text[at]!;
  if (c === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) return 'comment (JSON has no comments)';
  if (c === "'") return "' (JSON strings use double quotes)";
  const code = c.charCodeAt(0);
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0')}`;
  return `'${c}'`;
}

function ws(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else return i;
  }
}

/** Scans one value starting at `i` (whitespace already skipped); returns the offset after it. */
function value(text: string, i: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Stop(i, `nesting deeper than ${MAX_DEPTH} levels`);
  const c = text[i];
  if (c === '{') return object(text, i, depth);
  if (c === '[') return array(text, i, depth);
  if (c === '"') return string(text, i);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  throw new Stop(i, `expected a value (object, array, string, number, true, false or null), found ${found(text, i)}`);
}

function object(text: string, i: number, depth: number): number {
  i = ws(text, i + 1);
  if (text[i] === '}') return i + 1;
  for (;;) {
    if (text[i] !== '"') throw new Stop(i, `expected a property name in double quotes, found ${found(text, i)}`);
    i = ws(text, string(text, i));
    if (text[i] !== ':') throw new Stop(i, `expected ':' after the property name, found ${found(text, i)}`);
    i = ws(text, value(text, ws(text, i + 1), depth + 1));
    if (text[i] === '}') return i + 1;
    if (text[i] !== ',') throw new Stop(i, `expected ',' or '}' after a property value, found ${found(text, i)}`);
    const comma = i;
    i = ws(text, i + 1);
    if (text[i] === '}') throw new Stop(comma, "trailing comma before '}' (JSON allows none)");
  }
}

function array(text: string, i: number, depth: number): number {
  i = ws(text, i + 1);
  if (text[i] === ']') return i + 1;
  for (;;) {
    i = ws(text, value(text, i, depth + 1));
    if (text[i] === ']') return i + 1;
    if (text[i] !== ',') throw new Stop(i, `expected ',' or ']' after an array item, found ${found(text, i)}`);
    const comma = i;
    i = ws(text, i + 1);
    if (text[i] === ']') throw new Stop(comma, "trailing comma before ']' (JSON allows none)");
  }
}

function string(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw new Stop(start, 'string is not closed (missing ")');
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) {
      throw new Stop(i, code === 0x0a ? 'line break inside a string (close the string or write \\n)' : `${found(text, i)} inside a string (escape it)`);
    }
    if (code === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'invalid \\u escape (needs four hex digits)');
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i, `invalid escape \\${e ?? ''} in a string`);
      i += 2;
      continue;
    }
    i++;
  }
}

function number(text: string, start: number): number {
  const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  m.lastIndex = start;
  const hit = m.exec(text);
  if (!hit || hit[0] === '-') throw new Stop(start, 'invalid number');
  const end = start + hit[0].length;
  const next = text[end];
  if (next !== undefined && /[0-9.eE+\-xX]/.test(next)) throw new Stop(start, 'invalid number (JSON numbers are decimal, without leading zeros)');
  return end;
}
