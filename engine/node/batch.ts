// Batch analysis across cores: each transcript analyzed on its own in a pool of worker threads
// (engine/node/batch-worker.ts), records yielded as they complete or, with `ordered`, in input order.
// Memory stays bounded: at most `window` transcripts are dispatched ahead of the consumer, so a slow
// reader of the output (or one slow transcript in ordered mode) holds back the dispatch, not memory.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RulePack } from '../analyze.js';
import type { BatchRecord } from '../types/batch.js';
import { batchError, type BatchMapOptions } from './batch-map.js';
import type { BatchWorkerData } from './batch-worker.js';
import { packageRoot } from './package-root.js';

export interface BatchJob {
  index: number;
  file: string;
}

export interface BatchResult {
  index: number;
  record: BatchRecord;
}

export interface BatchOptions extends BatchMapOptions {
  pack: RulePack;
  /** Worker threads (default: the cores available to this process). */
  jobs?: number;
  /** Yield in the order of `files` instead of completion order. */
  ordered?: boolean;
}

/** Transcripts in flight or waiting to be taken, per worker. */
const AHEAD_PER_JOB = 8;

export function defaultJobs(): number {
  return availableParallelism();
}

/** The worker bundled into one file by the build (each thread starts faster); the sources run under vitest
 *  and the CLI is itself a bundle, so both start the built one. */
function workerFile(): string {
  const file = join(packageRoot(), 'dist', 'cli', 'batch-worker.cjs');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  return file;
}

export async function* analyzeBatch(files: readonly string[], options: BatchOptions): AsyncGenerator<BatchRecord> {
  if (files.length === 0) return;
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length));
  const window = jobs * AHEAD_PER_JOB;
  const { pack, jobs: _jobs, ordered, ...mapOptions } = options;
  const data: BatchWorkerData = { signatures: [...pack.signatures], options: mapOptions };
  const file = workerFile();
  const workers = new Set<Worker>();
  const results = new Map<number, BatchRecord>();
  const arrived: number[] = [];
  const idle: Array<() => void> = [];
  let next = 0;
  let taken = 0;
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const complete = (index: number, record: BatchRecord): void => {
    results.set(index, record);
    if (!ordered) arrived.push(index);
    notify();
  };

  const start = (): void => {
    const w = new Worker(file, { workerData: data });
    workers.add(w);
    let job: (BatchJob & { t0: number }) | undefined;
    const feed = (): void => {
      job = undefined;
      if (next >= files.length) return;
      if (next >= taken + window) {
        idle.push(feed);
        return;
      }
      job = { index: next, file: files[next]!, t0: performance.now() };
      next++;
      w.postMessage({ index: job.index, file: job.file } satisfies BatchJob);
    };
    w.on('message', (m: BatchResult) => {
      complete(m.index, m.record);
      feed();
    });
    w.on('error', (err) => {
      workers.delete(w);
      if (!job) {
        // Died before taking a file: the next one would too (a broken install, not a broken transcript).
        fatal ??= err;
        notify();
        return;
      }
      complete(job.index, batchError(job.file, 'internal', `the worker stopped: ${err.message}`, Math.round(performance.now() - job.t0)));
      job = undefined;
      start();
    });
    w.on('online', feed);
  };

  try {
    for (let i = 0; i < jobs; i++) start();
    while (taken < files.length) {
      if (fatal) throw fatal;
      const index = ordered ? (results.has(taken) ? taken : undefined) : arrived.shift();
      if (index === undefined) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      const record = results.get(index)!;
      results.delete(index);
      taken++;
      for (const feed of idle.splice(0)) feed();
      yield record;
    }
  } finally {
    await Promise.all([...workers].map((w) => w.terminate()));
  }
}
