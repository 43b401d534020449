#!/usr/bin/env node
// Worst-case benchmarks (issue 11), printed beside the happy path of ingest-vs-awk.js:
//  (a) throughput: 64 MB of adversarial lines (runs of spaces, stars, hex, backticks, tabs under 17
//      command families) through `wdfleak facts`, in MB/s; target ≥ 20 MB/s.
//  (b) memory: peak RSS of `wdfleak facts` and `wdfleak analyze` on a 1 GB input (1M distinct !poolused
//      tags, 4M junk lines under `r`, 64 MB adversarial, then junk text); target < 300 MB.
//  (c) throughput of unprompted junk text (every line offered to the recognisers); target ≥ 20 MB/s.
//  (d), (e) memory on real text: the ACP case log, then every real transcript of the repository, repeated to
//      1 GB (a soak log of the same commands: every collection fills, long blocks included); target < 300 MB.
// Inputs are generated into the OS temp folder and deleted. Needs `npm run build` first.
//
//   node test/bench/hostile-inputs.js [--mb 1024] [--adversarial-mb 64] [--junk-mb 256]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIME = '/usr/bin/time';
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const BIN = here('../../engine/cli/wdfleak.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const BIG_MB = arg('mb', 1024);
const ADV_MB = arg('adversarial-mb', 64);
const JUNK_MB = arg('junk-mb', 256);

/** `wdfleak <command> file > /dev/null`: wall seconds, peak RSS in MB (when /usr/bin/time is there), exit code. */
function run(file, command = 'facts') {
  const out = openSync('/dev/null', 'w');
  const t0 = process.hrtime.bigint();
  const timed = existsSync(TIME);
  const r = spawnSync(timed ? TIME : process.execPath, timed ? ['-v', process.execPath, BIN, command, file] : [BIN, command, file], { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
  closeSync(out);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const stderr = r.stderr.toString();
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const exit = /Exit status: (\d+)/.exec(stderr);
  return { wall, rssMb: rss ? Number(rss[1]) / 1024 : undefined, code: exit ? Number(exit[1]) : r.status, stderr };
}

/** The repository's real transcripts: the corpus, the parser fixtures and the case logs. */
function realTranscripts() {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.isFile() && /\.(txt|log)$/.test(e.name)) out.push(join(d, e.name));
    }
  };
  for (const d of ['../corpus', '../fixtures/windbg', '../../site/cases']) walk(here(d));
  return out;
}

function generate(kind, file, extra) {
  const r = spawnSync(process.execPath, [here('gen-hostile.js'), '--kind', kind, '--out', file, ...extra], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`gen-hostile ${kind} failed`);
  return statSync(file).size;
}

const dir = mkdtempSync(join(tmpdir(), 'wdfleak-bench-hostile-'));
let failed = false;
try {
  const adv = join(dir, 'adversarial.log');
  const advBytes = generate('adversarial', adv, ['--mb', String(ADV_MB)]);
  const a = run(adv);
  const mbps = advBytes / 2 ** 20 / a.wall;
  console.log(`(a) adversarial ${(advBytes / 2 ** 20).toFixed(0)} MB: ${a.wall.toFixed(2)} s, ${mbps.toFixed(0)} MB/s, peak RSS ${a.rssMb?.toFixed(0) ?? '?'} MB, exit ${a.code}   target ≥ 20 MB/s ${mbps >= 20 ? 'ok' : 'MISSED'}`);
  console.log('    happy path for comparison: node test/bench/ingest-vs-awk.js (10M !poolfind lines, 546 MB)');
  failed ||= mbps < 20 || a.code !== 0;
  rmSync(adv);

  const big = join(dir, 'mix.log');
  const bigBytes = generate('mix', big, ['--mb', String(BIG_MB)]);
  for (const command of ['facts', 'analyze']) {
    const b = run(big, command);
    const ok = b.code === 0 && b.rssMb !== undefined && b.rssMb < 300;
    console.log(`(b) ${command}: 1M tags + 4M junk lines under r + ${ADV_MB} MB adversarial + junk, ${(bigBytes / 2 ** 20).toFixed(0)} MB: ${b.wall.toFixed(1)} s (${(bigBytes / 2 ** 20 / b.wall).toFixed(0)} MB/s), peak RSS ${b.rssMb?.toFixed(0) ?? '?'} MB, exit ${b.code}   target < 300 MB ${ok ? 'ok' : 'MISSED'}`);
    failed ||= !ok;
    if (b.code !== 0) console.log(b.stderr.split('\n').filter((l) => !/^\t/.test(l)).slice(-5).join('\n'));
  }
  rmSync(big);

  const junk = join(dir, 'junk.log');
  const junkBytes = generate('junk', junk, ['--mb', String(JUNK_MB)]);
  const c = run(junk);
  const junkMbps = junkBytes / 2 ** 20 / c.wall;
  console.log(`(c) unprompted junk ${(junkBytes / 2 ** 20).toFixed(0)} MB: ${c.wall.toFixed(2)} s, ${junkMbps.toFixed(0)} MB/s, peak RSS ${c.rssMb?.toFixed(0) ?? '?'} MB, exit ${c.code}   target ≥ 20 MB/s ${junkMbps >= 20 ? 'ok' : 'MISSED'}`);
  failed ||= junkMbps < 20 || c.code !== 0;

  const soak = join(dir, 'repeat.log');
  const soakBytes = generate('repeat', soak, ['--mb', String(BIG_MB), '--from', here('../../site/cases/acp-workitem-leak/transcript.log')]);
  for (const command of ['facts', 'analyze']) {
    const d = run(soak, command);
    const ok = d.code === 0 && d.rssMb !== undefined && d.rssMb < 300;
    console.log(`(d) ${command}: the ACP case log repeated, ${(soakBytes / 2 ** 20).toFixed(0)} MB: ${d.wall.toFixed(1)} s (${(soakBytes / 2 ** 20 / d.wall).toFixed(1)} MB/s), peak RSS ${d.rssMb?.toFixed(0) ?? '?'} MB, exit ${d.code}   target < 300 MB ${ok ? 'ok' : 'MISSED'}`);
    failed ||= !ok;
  }
  rmSync(soak);

  // Every real transcript of the repository in one file, repeated: every parser at once, long blocks included.
  const all = join(dir, 'all-real.txt');
  writeFileSync(all, realTranscripts().map((f) => readFileSync(f)).join('\n'));
  const mixed = join(dir, 'all-real-repeat.log');
  const mixedBytes = generate('repeat', mixed, ['--mb', String(BIG_MB), '--from', all]);
  for (const command of ['facts', 'analyze']) {
    const e = run(mixed, command);
    const ok = e.code === 0 && e.rssMb !== undefined && e.rssMb < 300;
    console.log(`(e) ${command}: every real transcript (corpus, fixtures, case) repeated, ${(mixedBytes / 2 ** 20).toFixed(0)} MB: ${e.wall.toFixed(1)} s (${(mixedBytes / 2 ** 20 / e.wall).toFixed(1)} MB/s), peak RSS ${e.rssMb?.toFixed(0) ?? '?'} MB, exit ${e.code}   target < 300 MB ${ok ? 'ok' : 'MISSED'}`);
    failed ||= !ok;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
