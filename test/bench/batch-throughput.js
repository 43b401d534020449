#!/usr/bin/env node
// Batch throughput: `wdfleak analyze --batch` with one worker and with N workers side by side, on the
// real-transcript corpus (test/corpus, ~100 small files) and on a larger generated set (each file a
// corpus transcript followed by a generated `!poolused 2` listing and two `!vm` snapshots, so every
// transcript has a few hundred lines and several subjects).
//
//   node test/bench/batch-throughput.js [--jobs N] [--runs 3] [--generated 200] [--tags 200] [--json]
//
// Prints, per set: median wall time of the whole CLI run (Node start, rule pack, workers, output),
// transcripts per second, and per second per worker, for jobs=1 and jobs=N, and the speed-up
// (time at jobs=1 / time at jobs=N). Also the mean time a worker spends on one transcript (the `ms`
// of the NDJSON lines), which is the analysis itself without start-up. Checks that both runs give the
// same records. Needs `npm run build`. Inputs are written to the temp folder and removed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const jobs = opt('--jobs', availableParallelism());
const runs = opt('--runs', 3);
const generated = opt('--generated', 200);
const tags = opt('--tags', 200);
const json = args.includes('--json');
if (!existsSync(join(root, 'dist', 'cli', 'batch-worker.cjs'))) {
  process.stderr.write('batch-throughput: dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

const corpusFiles = ['leak', 'clean'].flatMap((k) =>
  readdirSync(join(root, 'test', 'corpus', k)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(root, 'test', 'corpus', k, f)),
);

/** A `!poolused 2` listing of `n` tags; tag 0 grows with the file number so buckets differ. */
function poolused(n, seed) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const tag = `T${String.fromCharCode(65 + ((i + seed) % 26))}${String.fromCharCode(97 + (i % 26))}${i % 10}`;
    const allocs = i === 0 ? 400000 + seed * 17 : 1000 + ((i * 7919 + seed) % 50000);
    const bytes = allocs * (i === 0 ? 0x140 : 64 + (i % 32) * 16);
    rows.push(` ${tag}  ${String(allocs).padStart(8)}  ${String(bytes).padStart(11)}  ${String(i % 50).padStart(9)}  ${String((i % 50) * 96).padStart(11)}\tUNKNOWN pooltag '${tag}', please update pooltag.txt`);
  }
  return ['0: kd> !poolused 2', '....', ' Sorting by NonPaged Pool Consumed', '', '               NonPaged                  Paged', ' Tag     Allocs         Used     Allocs         Used', '', ...rows, ''].join('\n');
}

function vm(usage) {
  return ['0: kd> !vm', '', '*** Virtual Memory Usage ***', '\tPhysical Memory:     2096922 (   8387688 Kb)', `\tNonPagedPool Usage:  ${usage} (   ${usage * 4} Kb)`, '\tNonPagedPool Max:    31986 (    127944 Kb)', ''].join('\n');
}

function writeGenerated(dir) {
  for (let i = 0; i < generated; i++) {
    const base = readFileSync(corpusFiles[i % corpusFiles.length], 'utf8');
    const text = `${base}\n${vm(20000 + (i % 100))}\n${poolused(tags, i)}\n${vm(24000 + (i % 100))}\n`;
    writeFileSync(join(dir, `gen-${String(i).padStart(5, '0')}.log`), text);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// CPU seconds (user + system) of the run, from GNU time where there is one: on a machine shared with other
// work, transcripts per CPU second is the per-core figure that load does not change.
const TIME = '/usr/bin/time';
const timed = existsSync(TIME);

function once(target, j) {
  const cli = [process.execPath, join(root, 'engine', 'cli', 'wdfleak.js'), 'analyze', '--batch', target, '--format', 'ndjson', '--jobs', String(j), '-q'];
  const [cmd, ...argv] = timed ? [TIME, '-f', 'cpu %U %S', ...cli] : cli;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 2) throw new Error(`jobs=${j} exited ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  const records = lines.filter((l) => l.type === 'transcript');
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, records, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined };
}

function measure(name, target) {
  const row = { set: name, jobs };
  let reference;
  for (const j of [1, jobs]) {
    const times = [];
    const cpus = [];
    let records;
    once(target, j); // warm the disk cache and the code cache
    for (let i = 0; i < runs; i++) ({ ms: times[i], records, cpuS: cpus[i] } = once(target, j));
    const wall = median(times);
    const cpu = timed ? median(cpus) : undefined;
    const key = JSON.stringify(records.map((r) => ({ ...r, ms: 0 })).sort((a, b) => (a.file < b.file ? -1 : 1)));
    if (reference !== undefined && key !== reference) throw new Error(`${name}: jobs=${j} gave other records than jobs=1`);
    reference = key;
    const workerMs = records.reduce((s, r) => s + r.ms, 0) / records.length;
    row.transcripts = records.length;
    row[`wallMs_j${j === 1 ? '1' : 'N'}`] = Math.round(wall);
    row[`perSecond_j${j === 1 ? '1' : 'N'}`] = Math.round((records.length / wall) * 1000 * 10) / 10;
    row[`perSecondPerWorker_j${j === 1 ? '1' : 'N'}`] = Math.round((records.length / wall / j) * 1000 * 10) / 10;
    row[`workerMsPerTranscript_j${j === 1 ? '1' : 'N'}`] = Math.round(workerMs * 10) / 10;
    if (cpu !== undefined) row[`perCpuSecond_j${j === 1 ? '1' : 'N'}`] = Math.round((records.length / cpu) * 10) / 10;
  }
  row.speedup = Math.round((row.wallMs_j1 / row.wallMs_jN) * 100) / 100;
  return row;
}

const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-batch-bench-'));
try {
  mkdirSync(join(tmp, 'gen'));
  writeGenerated(join(tmp, 'gen'));
  const results = [measure('corpus', join(root, 'test', 'corpus')), measure(`generated (${generated} files, ${tags} tags each)`, join(tmp, 'gen'))];
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  if (json) {
    process.stdout.write(JSON.stringify({ runs, load, results }, null, 2) + '\n');
  } else {
    console.log(`batch throughput · jobs=1 vs jobs=${jobs} · median of ${runs} · load average ${load} · ${availableParallelism()} cores available`);
    for (const r of results) {
      console.log(`\n${r.set}: ${r.transcripts} transcripts`);
      for (const k of ['1', 'N']) {
        const label = `jobs=${k === '1' ? 1 : jobs}`.padEnd(10);
        const cpu = r[`perCpuSecond_j${k}`] === undefined ? '' : `  ${r[`perCpuSecond_j${k}`]} per CPU second`;
        console.log(`  ${label} ${String(r[`wallMs_j${k}`]).padStart(7)} ms  ${String(r[`perSecond_j${k}`]).padStart(7)} transcripts/s  ${String(r[`perSecondPerWorker_j${k}`]).padStart(7)} /s per worker${cpu}  worker ${r[`workerMsPerTranscript_j${k}`]} ms per transcript`);
      }
      console.log(`  speed-up jobs=${jobs} / jobs=1: ${r.speedup}×`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
