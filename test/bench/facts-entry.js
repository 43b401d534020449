#!/usr/bin/env node
// Stand-in for `wdfleak facts FILE` until the CLI exists: streams FILE into the BUILT ingest
// (`npx tsc -p tsconfig.build.json` writes dist/) and prints the facts JSON on stdout.
//
//   node test/bench/facts-entry.js FILE [--pretty] [--chunk BYTES] [--reader stream|fd] [--no-ascii]
//                                       [--report-rss]
//
// --reader stream (default) uses fs.createReadStream, as the CLI does; --reader fd reads into one
// reused buffer (no per-chunk allocation), to show what the read side costs. --report-rss prints
// `maxRSS <KB>` on stderr (for systems without /usr/bin/time).
import { createReadStream, promises as fsp } from 'node:fs';
import { isAscii } from 'node:buffer';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../../dist/engine/ingest/ingest.js');

function parseArgs(argv) {
  const opts = { file: '', pretty: false, chunk: 1 << 20, reader: 'stream', ascii: true, rss: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--pretty') opts.pretty = true;
    else if (a === '--chunk') opts.chunk = Number(argv[++i]);
    else if (a === '--reader') opts.reader = argv[++i];
    else if (a === '--no-ascii') opts.ascii = false;
    else if (a === '--report-rss') opts.rss = true;
    else if (!opts.file) opts.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!opts.file) throw new Error('usage: facts-entry.js FILE [--pretty] [--chunk BYTES] [--reader stream|fd] [--no-ascii]');
  if (!(opts.chunk >= 65536)) throw new Error('--chunk must be at least 65536');
  return opts;
}

/** Node's shortcut for pure-ASCII chunks: a native check and a byte copy instead of UTF-8 decoding. */
function asciiText(chunk) {
  if (!isAscii(chunk)) return undefined;
  const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return buf.latin1Slice(0, buf.length);
}

const opts = parseArgs(process.argv.slice(2));
const { createIngest } = await import(pathToFileURL(dist).href);
const ingest = createIngest(opts.ascii ? { asciiText } : {});
const writer = ingest.source(opts.file);
if (opts.reader === 'fd') {
  const fh = await fsp.open(opts.file, 'r');
  const buf = Buffer.allocUnsafe(opts.chunk);
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      writer.bytes(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
} else {
  for await (const chunk of createReadStream(opts.file, { highWaterMark: opts.chunk })) writer.bytes(chunk);
}
writer.end();
const facts = ingest.finish();
process.stdout.write(JSON.stringify(facts, null, opts.pretty ? 2 : undefined) + '\n');
if (opts.rss) process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
