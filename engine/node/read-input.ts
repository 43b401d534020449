// Stream a file or stdin into an ingest run in large chunks; the decoder sniffs the encoding
// (UTF-8, UTF-16LE/BE with or without BOM). Memory stays bounded whatever the size.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Ingest } from '../ingest/ingest.js';
import { fsError, InputError } from './errors.js';

export const STDIN_NAME = '<stdin>';
/** Chunk size: large enough that per-chunk overhead vanishes, small enough for smooth progress. */
export const CHUNK_BYTES = 1024 * 1024;

export interface ReadProgress {
  source: string;
  bytes: number;
  /** File size when known (not for stdin). */
  total?: number;
  lines: number;
}

export interface ReadOptions {
  /** Stream to read for `-` (default process.stdin); any async iterable of byte or string chunks. */
  stdin?: AsyncIterable<Uint8Array | string>;
  onProgress?: (p: ReadProgress) => void;
  /** Keep up to this many bytes of stdin so evidence can be quoted later (files are re-read). */
  retainStdin?: number;
}

export interface ReadResult {
  /** Source name used in the facts (`<stdin>` or the path as given). */
  name: string;
  /** Path to re-read for quotes; absent for stdin. */
  path?: string;
  bytes: number;
  lines: number;
  /** stdin bytes kept for quoting (absent when over the limit). */
  retained?: Uint8Array[];
}

/** Read `file` (a path, or `-` for stdin) into a new source of `ingest`. */
export async function readInto(ingest: Ingest, file: string, options: ReadOptions = {}): Promise<ReadResult> {
  if (file === '-') return readStdin(ingest, options);
  // Synchronous reads: one file at a time needs no concurrency, and they skip the thread pool's
  // latency, which dominates a small log's run time. Memory stays one chunk.
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw fsError(err, file);
  }
  const writer = ingest.source(file);
  let bytes = 0;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const total = st.size;
    // One buffer, reused: the decoder does not keep a chunk after the call returns.
    const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(total, 65536)));
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      writer.bytes(buf.subarray(0, n));
      bytes += n;
      options.onProgress?.({ source: file, bytes, total, lines: writer.lines() });
      // Let a pending signal (Ctrl-C) or stderr write through on long reads.
      if (bytes % (64 * CHUNK_BYTES) === 0) await new Promise((r) => setImmediate(r));
    }
  } catch (err) {
    throw fsError(err, file);
  } finally {
    closeSync(fd);
  }
  writer.end();
  return { name: file, path: file, bytes, lines: writer.lines() };
}

async function readStdin(ingest: Ingest, options: ReadOptions): Promise<ReadResult> {
  const stream = options.stdin ?? process.stdin;
  const writer = ingest.source(STDIN_NAME);
  const limit = options.retainStdin ?? 0;
  let retained: Uint8Array[] | undefined = limit > 0 ? [] : undefined;
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buf: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      writer.bytes(buf);
      bytes += buf.length;
      if (retained) {
        if (bytes <= limit) retained.push(buf);
        else retained = undefined;
      }
      options.onProgress?.({ source: STDIN_NAME, bytes, lines: writer.lines() });
    }
  } catch (err) {
    throw new InputError(`cannot read: ${(err as Error).message}`, STDIN_NAME);
  }
  writer.end();
  return { name: STDIN_NAME, bytes, lines: writer.lines(), ...(retained ? { retained } : {}) };
}
