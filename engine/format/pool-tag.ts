// Pool tags as text and as 32-bit values: the one codec every layer uses. A tag is four bytes in memory
// order; its value is their little-endian reading, which is what registers and `!poolfind 0x…` show:
// "amda" ↔ 0x61646d61. Padding of a tag shorter than four characters depends on where the text came from:
// a tag the debugger printed (`Abc `, `Io  `) is blank-padded, a KMDF tag derived from a 3-character
// name is NUL-padded; callers say which.

/** The tag's four characters as the bytes are in memory (NUL and other control bytes kept). */
export function tagFromValue(value: number): string {
  const v = value >>> 0;
  return String.fromCharCode(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

/**
 * Value of a tag of 1–4 characters (each one byte, 0–255). Shorter tags are padded with `pad`
 * (NUL by default, what a 3-character KMDF tag has). Undefined for empty, longer or wide text.
 */
export function tagToValue(tag: string, pad: '\0' | ' ' = '\0'): number | undefined {
  if (tag.length === 0 || tag.length > 4) return undefined;
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const c = i < tag.length ? tag.charCodeAt(i) : pad.charCodeAt(0);
    if (c > 0xff) return undefined;
    v += c * 2 ** (8 * i);
  }
  return v;
}

/** `0x61646d61`: eight lower-case hex digits. */
export function tagHex(value: number): string {
  return '0x' + (value >>> 0).toString(16).padStart(8, '0');
}

const printable = (c: number): boolean => c >= 0x20 && c < 0x7f;

/** The tag as debuggers print it: bytes outside printable ASCII become `.`. */
export function displayTag(tag: string | number): string {
  const s = typeof tag === 'number' ? tagFromValue(tag) : tag;
  let out = '';
  for (let i = 0; i < s.length; i++) out += printable(s.charCodeAt(i)) ? s[i] : '.';
  return out;
}

/** The C multi-character literal that produces the tag (reversed): "FxDr" → `'rDxF'`. */
export function tagCLiteral(tag: string): string {
  return `'${[...tag.padEnd(4, '\0')].reverse().join('')}'`;
}

/** A tag as typed: `amda`, `0x61646d61`, `61646d61` with 0x only. Undefined when it is neither. */
export function parseTag(text: string): { tag: string; value: number } | undefined {
  const t = text.trim();
  const hex = /^0x([0-9a-f]{1,8})$/i.exec(t);
  if (hex) {
    const value = parseInt(hex[1]!, 16);
    return { tag: tagFromValue(value), value };
  }
  const value = tagToValue(t);
  return value === undefined ? undefined : { tag: tagFromValue(value), value };
}

/** The value of a tag as a debugger printed it (short tags blank-padded); undefined for wildcards (`Ir*`). */
export function printedTagValue(tag: string): number | undefined {
  return /[*?]/.test(tag) ? undefined : tagToValue(tag, ' ');
}
