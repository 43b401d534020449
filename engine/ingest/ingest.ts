// Transcript → facts: decode bytes, split lines, segment blocks, run the parsers. Streaming and
// isomorphic: the caller pushes chunks (from a file, stdin or a browser File) and gets one document.
import type { Arch, FactsDocument, SourceInfo } from '../types/facts.js';
import type { CommandFamily } from '../types/ingest.js';
import { createDecoder, type AsciiText, type Encoding } from '../transcript/decode.js';
import { cleanLine, createLineSplitter, MAX_LINE } from '../transcript/lines.js';
import { createSegmenter } from '../transcript/segment.js';
import { isFenceLine, isQuoted, unpaste } from '../transcript/paste.js';
import { createSink, DOCUMENT_BUDGET, emptyFacts, RECORDS_PER_COLLECTION } from '../facts/document.js';
import { createDiagnosticsLimiter } from '../facts/diagnostics.js';
import { FAMILIES } from './families.js';

/** Lines in a row a byte lane may decline before a stretch of LANE_STRETCH bytes is decoded as text. */
const LANE_GIVE_UP = 16;
const LANE_STRETCH = 8192;
/** Bytes decoded at a time while the open block has no lane (so a block with one is noticed). */
const TEXT_STRETCH = 65536;
/** Bytes the decoder looks at to tell UTF-8 from BOM-less UTF-16 (see sniffEncoding). */
const SNIFF_BYTES = 512;

export interface IngestOptions {
  families?: readonly CommandFamily[];
  /** Architecture to assume when the text does not prove one. */
  arch?: Arch;
  /** Platform shortcut for pure-ASCII chunks (Node: `isAscii` + `latin1Slice`); see decode.ts. */
  asciiText?: AsciiText;
}

export interface SourceWriter {
  bytes(chunk: Uint8Array): void;
  text(chunk: string): void;
  /** Lines seen so far (for progress reporting). */
  lines(): number;
  end(): void;
}

export interface Ingest {
  source(name: string, encoding?: Encoding): SourceWriter;
  finish(): FactsDocument;
}

export function createIngest(options: IngestOptions = {}): Ingest {
  const doc = emptyFacts();
  const sink = createSink(doc);
  const limiter = createDiagnosticsLimiter(doc);
  const families = options.families ?? FAMILIES;
  return {
    source(name, encoding) {
      const info: SourceInfo = { name, encoding: encoding ?? 'utf-8', bytes: 0, lines: 0 };
      doc.sources.push(info);
      const decoder = createDecoder(encoding, options.asciiText);
      const segmenter = createSegmenter(name, doc, sink, families, limiter);
      let lineNo = 0;
      const splitter = createLineSplitter((raw, cut) => {
        lineNo++;
        if (cut) {
          segmenter.diag({
            level: 'warning',
            code: 'line-too-long',
            source: name,
            line: lineNo,
            message: `line longer than ${MAX_LINE} characters was cut (binary data or a missing line break?)`,
          });
        }
        const clean = cleanLine(raw);
        const text = unpaste(clean);
        // A fence always unpastes to '': only such lines need the fence test.
        segmenter.line(text, lineNo, clean.length > 0 && isQuoted(clean), text.length === 0 && clean.length > 2 && isFenceLine(clean));
      });
      /** Split decoded text; where two logs of different encodings were joined, say so once per change. */
      const split = (text: string): void => {
        let at = 0;
        for (const s of decoder.switches()) {
          splitter.write(text.slice(at, s.at));
          at = s.at;
          segmenter.diag({
            level: 'warning',
            code: 'encoding-changed',
            source: name,
            line: lineNo + 1,
            message: `the text switches from ${s.from.toUpperCase()} to ${s.to.toUpperCase()} here (two logs joined?); read on as ${s.to.toUpperCase()}`,
            expected: 'one encoding per file (split the file where the encoding changes)',
          });
        }
        splitter.write(at === 0 ? text : text.slice(at));
      };
      /** Decode and split bytes the usual way. */
      const slow = (bytes: Uint8Array): void => split(decoder.write(bytes));
      return {
        bytes(chunk) {
          info.bytes += chunk.length;
          // Byte lane: while the open block's parser can read lines straight from bytes (and no
          // line or character is half read), hand it the chunk; decode only the lines it leaves.
          const n = chunk.length;
          let pos = 0;
          let declined = 0;
          /** Decode from `pos` through the first LF at or after `from` (or to the end). */
          const slowTo = (from: number): void => {
            const nl = from >= n ? -1 : chunk.indexOf(10, from);
            const end = nl < 0 ? n : nl + 1;
            slow(pos === 0 && end === n ? chunk : chunk.subarray(pos, end));
            pos = end;
          };
          while (pos < n) {
            if (!decoder.ready()) {
              // The decoder settles the encoding on its first SNIFF_BYTES.
              slowTo(pos + SNIFF_BYTES);
            } else if (!decoder.utf8AtBoundary() || !segmenter.hasLane()) {
              // No lane here: decode a stretch, then look again (a block with a lane may start in it).
              slowTo(pos + TEXT_STRETCH);
              declined = 0;
            } else if (declined >= LANE_GIVE_UP) {
              // Many other lines in a row: decode a stretch in one go, then offer the lane again.
              slowTo(pos + LANE_STRETCH);
              declined = 0;
            } else {
              if (splitter.idle()) {
                const taken = segmenter.takeBytes(chunk, pos, n, lineNo + 1);
                if (taken > 0) {
                  lineNo += taken;
                  pos = segmenter.laneNext;
                  declined = 0;
                  continue;
                }
              }
              // A line of another kind, or the end of a line the last chunk began: decode up to its
              // LF the usual way, then offer the lane the next line.
              slowTo(pos);
              declined++;
            }
          }
        },
        text(chunk) {
          info.bytes += chunk.length;
          splitter.write(chunk);
        },
        lines: () => lineNo,
        end() {
          split(decoder.end());
          splitter.end();
          segmenter.end(lineNo);
          info.lines = lineNo;
          info.encoding = decoder.encoding() ?? info.encoding;
          doc.stats.lines += lineNo;
        },
      };
    },
    finish() {
      for (const d of sink.dropped()) {
        limiter.add({
          level: 'warning',
          code: 'facts-capped',
          source: d.source,
          line: d.line,
          message:
            d.reason === 'collection'
              ? `kept the first ${RECORDS_PER_COLLECTION} ${d.collection} records and left out ${d.count} more (memory bound); the facts of this collection are incomplete from here`
              : `the facts document reached its ${DOCUMENT_BUDGET / 2 ** 20} MiB budget here: left out ${d.count} ${d.collection} records from this line on (memory bound); analyze a shorter excerpt around the moment of interest`,
        });
      }
      limiter.finish();
      if (!doc.arch && options.arch) {
        doc.arch = options.arch;
        doc.archEvidence = 'assumed (--arch)';
      }
      return doc;
    },
  };
}

/** Facts of one text (a paste, a test sample). */
export function ingestText(text: string, name = '<text>', options: IngestOptions = {}): FactsDocument {
  const ingest = createIngest(options);
  const w = ingest.source(name);
  w.text(text);
  w.end();
  return ingest.finish();
}

/** Facts of one byte buffer (a log file read whole, a browser File). */
export function ingestBytes(bytes: Uint8Array, name: string, options: IngestOptions = {}): FactsDocument {
  const ingest = createIngest(options);
  const w = ingest.source(name);
  w.bytes(bytes);
  w.end();
  return ingest.finish();
}
