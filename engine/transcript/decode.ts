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

/** A streaming decoder: feed chunks, get text; the first chunk decides the encoding. */
export interface TextSource {
  encoding(): Encoding | undefined;
  /** Decode a chunk; the chunk is not kept after the call returns, so callers may reuse it. */
  write(chunk: Uint8Array): string;
  end(): string;
  /**
   * True when the encoding is settled as UTF-8 and no character is split across the last chunk:
   * bytes up to a line end may then be read directly (an LF byte never sits inside a UTF-8 character).
   */
  utf8AtBoundary(): boolean;
  /** The encoding is decided (enough bytes were seen). */
  ready(): boolean;
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
  const open = (head: Uint8Array): void => {
    enc ??= sniffEncoding(head);
    label = enc === 'utf-16le' ? 'utf-16le' : enc === 'utf-16be' ? 'utf-16be' : 'utf-8';
  };
  // ignoreBOM:false strips a BOM; invalid bytes become U+FFFD instead of throwing.
  const textDecoder = (): TextDecoder => (decoder ??= new TextDecoder(label, { fatal: false, ignoreBOM: emitted }));
  const decode = (chunk: Uint8Array): string => {
    if (chunk.length === 0) return '';
    if (asciiText && !midChar && label === 'utf-8') {
      const fast = asciiText(chunk);
      if (fast !== undefined) {
        emitted = true;
        return fast;
      }
    }
    const text = textDecoder().decode(chunk, { stream: true });
    // A chunk ending in an ASCII byte leaves nothing pending in the decoder.
    midChar = chunk[chunk.length - 1]! >= 0x80;
    if (text.length) emitted = true;
    return text;
  };
  return {
    encoding: () => enc,
    utf8AtBoundary: () => label === 'utf-8' && !midChar,
    ready: () => label !== undefined,
    write(chunk) {
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
      if (!label) {
        const head = pending ?? new Uint8Array(0);
        pending = undefined;
        open(head);
        const text = decode(head);
        return text + (decoder ? decoder.decode() : '');
      }
      return decoder ? decoder.decode() : '';
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
