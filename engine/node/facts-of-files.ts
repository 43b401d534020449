// Files (or stdin) → one facts document. Kept apart from the analyzer so `wdfleak facts` loads no rules.
import type { Arch, FactsDocument } from '../types/facts.js';
import { createIngest } from '../ingest/ingest.js';
import { InputError } from './errors.js';
import { readInto, type ReadOptions, type ReadResult } from './read-input.js';
import { nodeAsciiText } from './ascii.js';

export interface ReadFactsOptions extends ReadOptions {
  arch?: Arch;
}

export interface FactsOfFiles {
  facts: FactsDocument;
  inputs: ReadResult[];
}

export async function readFacts(files: readonly string[], options: ReadFactsOptions = {}): Promise<FactsOfFiles> {
  if (files.length === 0) throw new InputError('no input: give a file, or - for stdin');
  if (files.filter((f) => f === '-').length > 1) throw new InputError('stdin (-) can be read only once');
  const ingest = createIngest({ asciiText: nodeAsciiText, ...(options.arch ? { arch: options.arch } : {}) });
  const inputs: ReadResult[] = [];
  for (const file of files) {
    inputs.push(await readInto(ingest, file, options));
  }
  return { facts: ingest.finish(), inputs };
}

/** The normalized facts of one or more transcripts. */
export async function factsOfFiles(files: readonly string[], options: ReadFactsOptions = {}): Promise<FactsDocument> {
  return (await readFacts(files, options)).facts;
}
