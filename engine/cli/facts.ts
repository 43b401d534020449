// `wdfleak facts <file|-> [more]`: the normalized debugger facts as JSON (schemas/facts.schema.json).
import { flag, str, type OptionSpec } from './args.js';
import { EXIT, type CommandModule } from './command.js';
import { ARCHES, inputFiles, requireDebuggerOutput } from './analyze.js';
import { createProgress } from './progress.js';
import type { Arch } from '../types/facts.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'pretty', short: 'p', type: 'boolean', description: 'indent the JSON for reading' },
  { name: 'arch', type: 'string', values: ARCHES, description: 'architecture to assume when the text does not show it' },
];

export const command: CommandModule = {
  help: {
    usage: ['facts <file|-> [more files] [--pretty]'],
    summary: 'print the normalized debugger facts of WinDbg text as JSON',
    description: [
      'Segments the text into command blocks, parses each block it knows (!poolused, !poolfind, !pool, dt, k, r, db/dq, x, bp, !vm, !wdfkd …) and prints one facts document: pool usage per tag, pool blocks per tag and size, typed objects, stacks, registers, memory, with the source lines of every record, plus diagnostics for lines it could not read. Streaming: logs of any size are read in bounded memory.',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak facts test/fixtures/cases/acp-poolused-only.log --pretty', 'the !poolused rows of the ACP case'],
      ['wdfleak facts big.log | jq .poolBlockGroups', 'the !poolfind blocks aggregated per tag, pool and size'],
    ],
    exitCodes: [
      [0, 'printed the facts'],
      [2, 'usage or input error (bad option, missing or unreadable file, input with no debugger output)'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    const files = inputFiles(args, io, 'facts');
    const arch = str(args, 'arch') as Arch | undefined;
    const { readFacts } = await import('../node/facts-of-files.js');
    const progress = createProgress(process.stderr, io.progress);
    let read;
    try {
      read = await readFacts(files, { ...(arch ? { arch } : {}), onProgress: (p) => progress.update(p) });
    } finally {
      progress.done();
    }
    // Like analyze: input with no block wdfleak parsed is an input error (exit 2), named as read (`<stdin>`).
    requireDebuggerOutput(read, io);
    const { facts } = read;
    // In pieces: the facts of a huge log do not fit in one string.
    const { writeJson } = await import('../report/json-stream.js');
    await writeJson(facts, io.write, flag(args, 'pretty'));
    return EXIT.ok;
  },
};
