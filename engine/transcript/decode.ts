// Bytes → text for WinDbg logs: UTF-8 (with or without BOM) and UTF-16 (`.logopen /u`), detected by BOM
// or, without one, by where the NUL bytes sit in the first bytes of the file.
import type { SourceInfo } from '../types/facts.js';

export type Encoding = SourceInfo['encoding'];

/** Guess the encoding from the first bytes (at least 2; more is better for BOM-less UTF-16). */
export function sniffEncoding(head: Uint8Array): Encoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // BOM-less UTF-16 of mostly ASCII text: NULs at odd offsets (LE) or even offsets (BE).
  const n = Math.min(head.length & ~1, 512);
  if (n < 4) return 'utf-8';
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return 'utf-8';
}

/**
 * Optional platform shortcut: the text of a chunk that is pure ASCII, or undefined. UTF-8 decoding
 * in JS engines runs near 300 MB/s; Node can check and copy ASCII ten times faster
 * (`buffer.isAscii` + `latin1Slice`). The core stays platform-free: callers pass it in.
 */
export type AsciiText = (chunk: Uint8Array) => string | undefined;

/** Two logs joined in one file: the text turns from one encoding into the other at `at`. */
export interface EncodingSwitch {
  /** Offset in the text the last write or end returned. */
  at: number;
  from: Encoding;
  to: Encoding;
}

/** A streaming decoder: feed chunks, get text; the first chunk decides the encoding. */
export interface TextSource {
  encoding(): Encoding | undefined;
  /** Decode a chunk; the chunk is not kept after the call returns, so callers may reuse it. */
  write(chunk: Uint8Array): string;
  end(): string;
  /** Where the text the last write or end returned changes encoding (usually none). */
  switches(): readonly EncodingSwitch[];
  /**
   * True when the encoding is settled as UTF-8 and no character is split across the last chunk:
   * bytes up to a line end may then be read directly (an LF byte never sits inside a UTF-8 character).
   */
  utf8AtBoundary(): boolean;
  /** The encoding is decided (enough bytes were seen). */
  ready(): boolean;
}

/** Code units of ASCII each followed by a NUL that show UTF-8 text turning into UTF-16LE (a `.logopen /u` log appended). */
const UTF16_UNITS = 8;
/** Bytes without a NUL, two line ends among them, that show UTF-16 text turning into UTF-8 (plain text appended). */
const UTF8_RUN = 256;

/** An ASCII letter of UTF-16LE text (the low byte of a code unit whose high byte is NUL). */
const isLetter = (c: number): boolean => c !== 0 && c < 0x80;

/**
 * Where UTF-16LE starts in UTF-8 bytes (its BOM included), or -1: a stray NUL of binary junk is not enough.
 * `afterLetter`: the byte before b[0] was a letter, so a NUL at b[0] may be its high byte (UTF-16 then
 * starts at b[1]). `tail` is where bytes that may open UTF-16LE start (held back until the next chunk
 * tells), else b.length.
 */
function utf16Start(b: Uint8Array, afterLetter: boolean, final: boolean): { start: number; tail: number } {
  for (let z = b.indexOf(0); z >= 0; z = b.indexOf(0, z + 1)) {
    if (z === 0 && !afterLetter) continue;
    // The first unit to check: the letter before the NUL, or after it when that letter was in the last chunk.
    const s = z === 0 ? 1 : z - 1;
    let units = z === 0 ? 1 : 0;
    let p = s;
    for (; units < UTF16_UNITS && p + 1 < b.length && isLetter(b[p]!) && b[p + 1] === 0; p += 2) units++;
    // The pattern broke before UTF16_UNITS units and before the end of the bytes: a stray NUL.
    if (units < UTF16_UNITS && p + 1 < b.length) continue;
    const start = s >= 2 && b[s - 2] === 0xff && b[s - 1] === 0xfe ? s - 2 : s;
    if (units === UTF16_UNITS || (final && units >= 2)) return { start, tail: b.length };
    return { start: -1, tail: final ? b.length : start };
  }
  // A BOM at the end (and the letter after it) may open UTF-16LE whose NULs come with the next chunk.
  let t = b.length;
  if (!final) {
    if (t >= 3 && b[t - 3] === 0xff && b[t - 2] === 0xfe && isLetter(b[t - 1]!)) t -= 3;
    else if (t >= 2 && b[t - 2] === 0xff && b[t - 1] === 0xfe) t -= 2;
    else if (t >= 1 && b[t - 1] === 0xff) t--;
  }
  return { start: -1, tail: t };
}

/**
 * Where UTF-8 starts in UTF-16 bytes, at a code-unit boundary (`odd`: b[0] is the second byte of a unit), or -1;
 * `tail` is then where the last run without a NUL starts. At the end of the input one line end is enough.
 */
function utf8Start(b: Uint8Array, odd: boolean, final: boolean): { start: number; tail: number } {
  let run = 0;
  let lfs = 0;
  const align = (p: number): number => ((p + (odd ? 1 : 0)) % 2 === 0 ? p : p + 1);
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0) {
      run = i + 1;
      lfs = 0;
    } else {
      if (c === 10) lfs++;
      if (lfs >= 2 && i + 1 - run >= UTF8_RUN) return { start: align(run), tail: run };
    }
  }
  // A run longer than UTF8_RUN with fewer line ends is binary in UTF-16, not the start of UTF-8 text.
  if (final && lfs >= 1 && b.indexOf(10, align(run)) >= 0) return { start: align(run), tail: run };
  return { start: -1, tail: b.length - run < UTF8_RUN ? run : b.length };
}

export function createDecoder(forced?: Encoding, asciiText?: AsciiText): TextSource {
  let enc: Encoding | undefined = forced;
  let decoder: TextDecoder | undefined;
  let label: string | undefined;
  let pending: Uint8Array | undefined;
  // Text was already returned (by the ASCII shortcut): a BOM seen later is content, not a marker.
  let emitted = false;
  // The TextDecoder may hold the first bytes of a character split across chunks.
  let midChar = false;
  /** UTF-16 bytes after the last NUL, held back until the next chunk shows whether UTF-8 starts there. */
  let carry: Uint8Array | undefined;
  /** UTF-16 bytes decoded since the encoding was set, for the code-unit boundary. */
  let fed16 = 0;
  /** The last UTF-8 byte decoded was a letter (see utf16Start). */
  let lastLetter = false;
  let switched: EncodingSwitch[] = [];
  const open = (head: Uint8Array): void => {
    enc ??= sniffEncoding(head);
    label = enc === 'utf-16le' ? 'utf-16le' : enc === 'utf-16be' ? 'utf-16be' : 'utf-8';
  };
  // ignoreBOM:false strips a BOM; invalid bytes become U+FFFD instead of throwing.
  const textDecoder = (): TextDecoder => (decoder ??= new TextDecoder(label, { fatal: false, ignoreBOM: emitted }));
  const decodeAs = (chunk: Uint8Array): string => {
    if (chunk.length === 0) return '';
    if (asciiText && !midChar && label === 'utf-8') {
      const fast = asciiText(chunk);
      if (fast !== undefined) {
        emitted = true;
        lastLetter = isLetter(chunk[chunk.length - 1]!);
        return fast;
      }
    }
    if (label !== 'utf-8') fed16 += chunk.length;
    else lastLetter = isLetter(chunk[chunk.length - 1]!);
    const text = textDecoder().decode(chunk, { stream: true });
    // A chunk ending in an ASCII byte leaves nothing pending in the decoder.
    midChar = chunk[chunk.length - 1]! >= 0x80;
    if (text.length) emitted = true;
    return text;
  };
  /** Decode bytes, following the text into the other encoding where two logs were joined. */
  const decode = (chunk: Uint8Array, final = false): string => {
    let b = carry && carry.length > 0 ? concat(carry, chunk) : chunk;
    carry = undefined;
    let text = '';
    while (b.length > 0) {
      const from: Encoding = label === 'utf-8' ? 'utf-8' : (label as Encoding);
      const found = label === 'utf-8' ? utf16Start(b, lastLetter, final) : utf8Start(b, fed16 % 2 === 1, final);
      const at = found.start;
      if (at < 0 && found.tail < b.length && !final) {
        carry = b.slice(found.tail);
        b = b.subarray(0, found.tail);
      }
      if (at < 0) return text + decodeAs(b);
      text += decodeAs(b.subarray(0, at)) + textDecoder().decode();
      const to: Encoding = label === 'utf-8' ? 'utf-16le' : 'utf-8';
      switched.push({ at: text.length, from, to });
      label = to;
      decoder = undefined;
      // A BOM where UTF-16 starts is a marker again.
      emitted = false;
      midChar = false;
      fed16 = 0;
      b = b.subarray(at);
    }
    return text;
  };
  return {
    encoding: () => enc,
    switches: () => switched,
    utf8AtBoundary: () => label === 'utf-8' && !midChar && carry === undefined,
    ready: () => label !== undefined,
    write(chunk) {
      switched = [];
      if (!label) {
        // Wait for enough bytes to sniff BOM-less UTF-16 reliably.
        const head = pending ? concat(pending, chunk) : chunk;
        if (head.length < 64 && !forced) {
          pending = head === chunk ? chunk.slice() : head;
          return '';
        }
        pending = undefined;
        open(head);
        return decode(head);
      }
      return decode(chunk);
    },
    end() {
      switched = [];
      let head: Uint8Array = new Uint8Array(0);
      if (!label) {
        head = pending ?? head;
        pending = undefined;
        open(head);
      }
      const text = decode(head, true);
      return text + (decoder ? decoder.decode() : '');
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
