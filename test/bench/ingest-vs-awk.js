#!/usr/bin/env node
// Ingest benchmark: times wdfleak against an awk script doing the same aggregation (count !poolfind
// rows per tag and size) on the same generated file, in the same run. Prints both times, the ratio
// and the peak RSS of each, and checks that both counted the same blocks per tag and size.
//
//   node test/bench/ingest-vs-awk.js [--lines 10000000] [--legacy 0] [--runs 1] [--entry [--reader stream|fd]]
//                                    [--no-build] [--assert]
//
// Target (issue 3): at 10M lines wdfleak takes at most half the awk time; peak RSS < 200 MB.
// The wdfleak side is the real command, `wdfleak facts FILE`; `--entry` switches to test/bench/facts-entry.js
// (the bare ingest over dist/, with a choice of reader) to see what the CLI layer costs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-poolfind.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const AWK_SCRIPT = resolve(here, 'poolfind-count.awk');
const ENTRY = resolve(here, 'facts-entry.js');
const CLI = resolve(root, 'engine/cli/wdfleak.js');
const TIME = '/usr/bin/time';
const RATIO_TARGET = 0.5;
const RSS_TARGET_MB = 200;

function parseArgs(argv) {
  const o = { lines: 10_000_000, legacy: 0, runs: 1, reader: 'stream', build: true, assert: false, awk: 'awk', entry: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lines') o.lines = Number(argv[++i]);
    else if (a === '--legacy') o.legacy = Number(argv[++i]);
    else if (a === '--entry') o.entry = true;
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--reader') o.reader = argv[++i];
    else if (a === '--awk') o.awk = argv[++i];
    else if (a === '--no-build') o.build = false;
    else if (a === '--assert') o.assert = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** Runs a command, under `/usr/bin/time -v` when present; resolves with stdout, wall time and peak RSS. */
function timed(cmd, args) {
  const haveTime = existsSync(TIME);
  const argv = haveTime ? ['-v', cmd, ...args] : args;
  const bin = haveTime ? TIME : cmd;
  return new Promise((resolveRun, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const stderr = Buffer.concat(err).toString();
      if (code !== 0) return reject(new Error(`${cmd} exited with ${code}: ${stderr.slice(-2000)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const wrapperRss = /^maxRSS (\d+)$/m.exec(stderr);
      resolveRun({
        stdout: Buffer.concat(out).toString(),
        wall,
        rssKb: rss ? Number(rss[1]) : wrapperRss ? Number(wrapperRss[1]) : undefined,
        cpu: user && sys ? Number(user[1]) + Number(sys[1]) : undefined,
      });
    });
  });
}

/** awk output → Map "tag size(hex)" → count, plus the total. */
function readAwk(text) {
  const counts = new Map();
  let total = -1;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 2) continue;
    if (f[0] === 'TOTAL') total = Number(f[1]);
    else if (f.length === 3) counts.set(`${f[0]} ${parseInt(f[1], 16).toString(16)}`, Number(f[2]));
  }
  return { counts, total };
}

/** facts JSON → the same Map, summing groups over pool, section and state. */
function readFacts(json) {
  const facts = JSON.parse(json);
  const counts = new Map();
  let total = 0;
  for (const g of facts.poolBlockGroups) {
    const k = `${g.tag} ${g.size.toString(16)}`;
    counts.set(k, (counts.get(k) ?? 0) + g.count);
    total += g.count;
  }
  return { counts, total, facts };
}

function compare(a, b) {
  const problems = [];
  for (const [k, v] of a.counts) if (b.counts.get(k) !== v) problems.push(`${k}: awk ${v}, wdfleak ${b.counts.get(k) ?? 0}`);
  for (const [k, v] of b.counts) if (!a.counts.has(k)) problems.push(`${k}: awk 0, wdfleak ${v}`);
  if (a.total !== b.total) problems.push(`total: awk ${a.total}, wdfleak ${b.total}`);
  return problems;
}

/** Read the file once so both tools start from the page cache. */
function warm(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  while (readSync(fd, buf, 0, buf.length, null) > 0);
  closeSync(fd);
}

const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) {
    // Others' modules may not type-check mid-work; tsc still emits, so judge by the output file.
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    if (!existsSync(resolve(root, 'dist/engine/ingest/ingest.js'))) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
  const file = resolve(here, 'out', `poolfind-${o.lines}${o.legacy ? `-legacy${o.legacy}` : ''}.log`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    await generate({ lines: o.lines, out: file, legacy: o.legacy, seed: 1 });
  }
  const bytes = statSync(file).size;
  warm(file);
  const entryArgs = o.entry ? [ENTRY, file, '--reader', o.reader] : [CLI, 'facts', file, '--quiet'];
  if (o.entry && !existsSync(TIME)) entryArgs.push('--report-rss');
  const runs = [];
  for (let run = 1; run <= o.runs; run++) {
    const awk = await timed(o.awk, ['-f', AWK_SCRIPT, file]);
    const wdf = await timed(process.execPath, entryArgs);
    const a = readAwk(awk.stdout);
    const w = readFacts(wdf.stdout);
    const problems = compare(a, w);
    const ratio = wdf.wall / awk.wall;
    const cpuRatio = awk.cpu && wdf.cpu ? wdf.cpu / awk.cpu : undefined;
    console.log(
      `run ${run}: ${o.lines.toLocaleString('en')} lines, ${(bytes / 2 ** 20).toFixed(0)} MB, ${o.entry ? `facts-entry reader ${o.reader}` : 'wdfleak facts'} | ` +
        `awk ${awk.wall.toFixed(2)} s (cpu ${awk.cpu?.toFixed(2) ?? 'n/a'} s, RSS ${mb(awk.rssKb)}) | ` +
        `wdfleak ${wdf.wall.toFixed(2)} s (cpu ${wdf.cpu?.toFixed(2) ?? 'n/a'} s, RSS ${mb(wdf.rssKb)}) | ` +
        `ratio ${ratio.toFixed(2)} (cpu ${cpuRatio?.toFixed(2) ?? 'n/a'}) | ` +
        `blocks awk ${a.total.toLocaleString('en')} wdfleak ${w.total.toLocaleString('en')} ` +
        (problems.length ? `MISMATCH\n  ${problems.slice(0, 10).join('\n  ')}` : '(same counts per tag and size)'),
    );
    if (problems.length) process.exitCode = 1;
    runs.push({ ratio, rssKb: wdf.rssKb ?? 0 });
  }
  const ratios = runs.map((r) => r.ratio).sort((x, y) => x - y);
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
  const peakKb = Math.max(...runs.map((r) => r.rssKb));
  const pass = median <= RATIO_TARGET && peakKb / 1024 < RSS_TARGET_MB;
  console.log(
    `target: ratio ≤ ${RATIO_TARGET}, RSS < ${RSS_TARGET_MB} MB → ${pass ? 'met' : 'NOT met'} ` +
      `(median ratio ${median.toFixed(2)}, best ${ratios[0].toFixed(2)}, peak RSS ${mb(peakKb || undefined)}; wall times on a busy machine vary, use --runs)`,
  );
  if (o.assert && !pass) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
