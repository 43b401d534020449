// `wdfleak facts <file|-> [more]`: the normalized debugger facts as JSON (schemas/facts.schema.json).
import { flag, str, type OptionSpec } from './args.js';
import { EXIT, type CommandModule } from './command.js';
import { ARCHES, inputFiles } from './analyze.js';
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
      [2, 'usage or input error (bad option, missing or unreadable file)'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    const files = inputFiles(args, io, 'facts');
    const arch = str(args, 'arch') as Arch | undefined;
    const { readFacts } = await import('../node/facts-of-files.js');
    const progress = createProgress(process.stderr, io.progress);
    let facts;
    try {
      facts = (await readFacts(files, { ...(arch ? { arch } : {}), onProgress: (p) => progress.update(p) })).facts;
    } finally {
      progress.done();
    }
    // In pieces: the facts of a huge log do not fit in one string.
    const { writeJson } = await import('../report/json-stream.js');
    await writeJson(facts, io.write, flag(args, 'pretty'));
    if (!io.quiet && facts.blocks.every((b) => !b.parsed)) {
      io.err(`wdfleak facts: warning: no WinDbg output that wdfleak reads in ${files.join(', ')}\n`);
    }
    return EXIT.ok;
  },
};
