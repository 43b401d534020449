// Transcript → facts: decode bytes, split lines, segment blocks, run the parsers. Streaming and
// isomorphic: the caller pushes chunks (from a file, stdin or a browser File) and gets one document.
import type { Arch, FactsDocument, SourceInfo } from '../types/facts.js';
import type { CommandFamily } from '../types/ingest.js';
import { createDecoder, type Encoding } from '../transcript/decode.js';
import { cleanLine, createLineSplitter, MAX_LINE } from '../transcript/lines.js';
import { createSegmenter } from '../transcript/segment.js';
import { createSink, emptyFacts } from '../facts/document.js';
import { FAMILIES } from './families.js';

export interface IngestOptions {
  families?: readonly CommandFamily[];
  /** Architecture to assume when the text does not prove one. */
  arch?: Arch;
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
  const families = options.families ?? FAMILIES;
  return {
    source(name, encoding) {
      const info: SourceInfo = { name, encoding: encoding ?? 'utf-8', bytes: 0, lines: 0 };
      doc.sources.push(info);
      const decoder = createDecoder(encoding);
      const segmenter = createSegmenter(name, doc, sink, families);
      let lineNo = 0;
      const splitter = createLineSplitter((raw, cut) => {
        lineNo++;
        if (cut) {
          doc.diagnostics.push({
            level: 'warning',
            code: 'line-too-long',
            source: name,
            line: lineNo,
            message: `line longer than ${MAX_LINE} characters was cut (binary data or a missing line break?)`,
          });
        }
        segmenter.line(cleanLine(raw), lineNo);
      });
      return {
        bytes(chunk) {
          info.bytes += chunk.length;
          splitter.write(decoder.write(chunk));
        },
        text(chunk) {
          info.bytes += chunk.length;
          splitter.write(chunk);
        },
        lines: () => lineNo,
        end() {
          splitter.write(decoder.end());
          splitter.end();
          segmenter.end(lineNo);
          info.lines = lineNo;
          info.encoding = decoder.encoding() ?? info.encoding;
          doc.stats.lines += lineNo;
        },
      };
    },
    finish() {
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
