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

/** A streaming decoder: feed chunks, get text; the first chunk decides the encoding. */
export interface TextSource {
  encoding(): Encoding | undefined;
  write(chunk: Uint8Array): string;
  end(): string;
}

export function createDecoder(forced?: Encoding): TextSource {
  let enc: Encoding | undefined = forced;
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array | undefined;
  const open = (head: Uint8Array): TextDecoder => {
    enc ??= sniffEncoding(head);
    const label = enc === 'utf-16le' ? 'utf-16le' : enc === 'utf-16be' ? 'utf-16be' : 'utf-8';
    // ignoreBOM:false strips a BOM; invalid bytes become U+FFFD instead of throwing.
    return new TextDecoder(label, { fatal: false, ignoreBOM: false });
  };
  return {
    encoding: () => enc,
    write(chunk) {
      if (!decoder) {
        // Wait for enough bytes to sniff BOM-less UTF-16 reliably.
        const head = pending ? concat(pending, chunk) : chunk;
        if (head.length < 64 && !forced) {
          pending = head;
          return '';
        }
        pending = undefined;
        decoder = open(head);
        return decoder.decode(head, { stream: true });
      }
      return decoder.decode(chunk, { stream: true });
    },
    end() {
      if (!decoder) {
        const head = pending ?? new Uint8Array(0);
        pending = undefined;
        decoder = open(head);
        return decoder.decode(head);
      }
      return decoder.decode();
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
