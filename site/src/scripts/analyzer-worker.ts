// The analyzer's engine run, off the page's thread: a large paste keeps the page responsive, shows
// progress and can be cancelled (the page terminates this worker). One worker per run; it reads the
// text in chunks so it can say how far it got, then matches the signatures and posts the report.
import type { Arch } from '../../../engine/types/facts.js';
import type { Report } from '../../../engine/types/findings.js';
import type { SignatureStatus } from '../../../engine/types/signature.js';
import { analyze, createDecoder, createIngest, quoteFromText, signatures } from './analyzer-engine.js';

export interface AnalyzeRequest {
  name: string;
  /** The pasted text, or the bytes of a file too big for the text box. */
  input: string | Uint8Array;
  status: Exclude<SignatureStatus, 'deprecated'>;
  arch?: Arch;
}

export type AnalyzerMessage =
  | { kind: 'progress'; done: number; total: number; lines: number }
  | { kind: 'matching'; lines: number }
  | { kind: 'done'; report: Report }
  | { kind: 'failed'; message: string };

/** Characters (or bytes) read between two looks at the clock: tens of milliseconds of work. */
const CHUNK = 64 * 1024;
/** Least time between two progress messages, so the page gets at most ten a second. */
const PROGRESS_MS = 100;

const scope = globalThis as unknown as {
  postMessage(message: AnalyzerMessage): void;
  onmessage: ((event: MessageEvent<AnalyzeRequest>) => void) | null;
};

async function run({ name, input, status, arch }: AnalyzeRequest): Promise<Report> {
  const ingest = createIngest(arch ? { arch } : {});
  const writer = ingest.source(name);
  const total = input.length;
  let posted = performance.now();
  for (let at = 0; at < total; at += CHUNK) {
    if (typeof input === 'string') writer.text(input.slice(at, at + CHUNK));
    else writer.bytes(input.subarray(at, at + CHUNK));
    const now = performance.now();
    if (now - posted >= PROGRESS_MS) {
      posted = now;
      scope.postMessage({ kind: 'progress', done: Math.min(at + CHUNK, total), total, lines: writer.lines() });
    }
  }
  writer.end();
  scope.postMessage({ kind: 'matching', lines: writer.lines() });
  let source = input;
  if (typeof source !== 'string') {
    const decoder = createDecoder();
    source = decoder.write(source) + decoder.end();
  }
  return analyze(ingest.finish(), { signatures }, { status, ...(arch ? { arch } : {}), quote: quoteFromText(name, source) });
}

scope.onmessage = ({ data }) => {
  run(data).then(
    (report) => scope.postMessage({ kind: 'done', report }),
    (error: unknown) => scope.postMessage({ kind: 'failed', message: String((error as Error)?.message ?? error) }),
  );
};
