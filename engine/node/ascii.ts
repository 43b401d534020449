// Node's shortcut for pure-ASCII chunks, which most WinDbg logs are: a native check and a byte copy
// instead of UTF-8 decoding (the decoder falls back to TextDecoder for anything else).
import { isAscii } from 'node:buffer';
import type { AsciiText } from '../transcript/decode.js';

export const nodeAsciiText: AsciiText = (chunk) => {
  if (!isAscii(chunk)) return undefined;
  const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  // Same bytes as latin1 for ASCII; toString('latin1') is the typed form of Buffer#latin1Slice.
  return buf.toString('latin1');
};
