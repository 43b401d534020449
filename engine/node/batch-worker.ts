// A worker thread of a batch (engine/node/batch.ts): builds the mapper once from the rule pack it is
// given, then answers each { index, file } with { index, record }.
import { parentPort, workerData } from 'node:worker_threads';
import { createBatchMapper, type BatchMapOptions } from './batch-map.js';
import type { Signature } from '../types/signature.js';
import type { BatchJob, BatchResult } from './batch.js';

export interface BatchWorkerData {
  signatures: Signature[];
  options: BatchMapOptions;
}

const data = workerData as BatchWorkerData;
const map = createBatchMapper({ signatures: data.signatures }, data.options);
parentPort!.on('message', (job: BatchJob) => {
  void map(job.file).then((record) => parentPort!.postMessage({ index: job.index, record } satisfies BatchResult));
});
